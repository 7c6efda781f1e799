import { sqlRead, type Db } from "~/utils/db.server";
import { parseItems, type SurveyItem } from "./items";
import { parseCuts } from "./settings";

/** The cuts reports can filter by, with the response column each one is stored in. */
export const REPORT_CUTS = { track: "track", tenure: "tenureBand" } as const;
export type ReportCut = keyof typeof REPORT_CUTS;

/** Unit id of the rows that sum the whole survey, so the organisation figures are one key lookup. */
export const ORG_ROW = "org";

/**
 * The driver analysis: for each dimension, the mean of a respondent's likert answers in it,
 * against the outcome item (index -1). The outcome's own dimension is left out: it would
 * mostly correlate with itself.
 */
export function driverItems(items: SurveyItem[]) {
  const outcome = items.find((i) => i.outcome);
  if (!outcome) return null;
  const dimensions: string[] = [];
  const itemIndex: Record<string, number> = { [outcome.id]: -1 };
  for (const item of items) {
    if (item.type !== "likert5" || item.outcome || item.dimension === outcome.dimension) continue;
    if (!dimensions.includes(item.dimension)) dimensions.push(item.dimension);
    itemIndex[item.id] = dimensions.indexOf(item.dimension);
  }
  return { outcomeId: outcome.id, dimensions, itemIndex };
}

const groupBy = (...columns: string[]) => (columns.length ? `GROUP BY ${columns.join(", ")}` : "");
/** The cut's column to group by; none for the unfiltered rows (cut value ''). */
const valueColumn = (value: string) => (value === "''" ? [] : [value]);

const inFlight = new Map<string, Promise<void>>();

/**
 * Makes sure a closed survey's aggregates exist; computes them on first use. Closed results
 * never change, so they are computed once (one process serves the app; concurrent first
 * readers share the same computation).
 */
export async function ensureSurveyResults(db: Db, surveyId: string) {
  if ((await sqlRead(db, `SELECT 1 FROM "SurveyResultSet" WHERE "surveyId" = ?`, [surveyId])).length > 0) return;
  let running = inFlight.get(surveyId);
  if (!running) {
    running = computeSurveyResults(db, surveyId).finally(() => inFlight.delete(surveyId));
    inFlight.set(surveyId, running);
  }
  await running;
}

/** Recomputes a closed survey's aggregates from its answers, replacing any earlier ones. */
export async function computeSurveyResults(db: Db, surveyId: string) {
  const survey = await db.survey.findUnique({ where: { id: surveyId }, select: { status: true, itemsJson: true, cutsJson: true } });
  if (!survey || survey.status !== "closed") throw new Error("only a closed survey has results");
  const items = parseItems(survey.itemsJson);
  const collected = parseCuts(survey.cutsJson);
  const cuts = (Object.keys(REPORT_CUTS) as ReportCut[]).filter((c) => collected.includes(c));
  const counted = JSON.stringify(items.map((i) => i.id));
  const drivers = driverItems(items);

  await db.$transaction(
    async (tx) => {
      for (const table of ["SurveyResultSet", "SurveyResultGroup", "SurveyResultCount", "SurveyResultDriver"]) {
        await tx.$executeRawUnsafe(`DELETE FROM "${table}" WHERE surveyId = ?`, surveyId);
      }
      // The survey's respondents with their cuts, in a small keyed table: the answers are then
      // read once in key order (no index seeks) and joined to it.
      await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS temp.report_resp`);
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE report_resp (id TEXT PRIMARY KEY, unitId TEXT, track TEXT, tenureBand TEXT) WITHOUT ROWID`);
      await tx.$executeRawUnsafe(
        `INSERT INTO report_resp SELECT id, coalesce(unitId, ''), coalesce(track, ''), coalesce(tenureBand, '') FROM "SurveyResponse" WHERE surveyId = ?`,
        surveyId,
      );
      await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS temp.report_fine`);
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE report_fine AS
         SELECT r.unitId AS unitId, r.track AS track, r.tenureBand AS tenureBand, a.itemId AS itemId, a.value AS value, count(*) AS n
         FROM "SurveyAnswer" a NOT INDEXED CROSS JOIN report_resp r ON r.id = a.responseId
         WHERE a.itemId IN (SELECT value FROM json_each(?))
         GROUP BY 1, 2, 3, 4, 5`,
        counted,
      );
      const groupings: [string, string][] = [["''", "''"], ...cuts.map((c): [string, string] => [`'${c}'`, REPORT_CUTS[c]])];
      for (const [cut, value] of groupings) {
        await tx.$executeRawUnsafe(
          `INSERT INTO "SurveyResultCount" (surveyId, unitId, cut, cutValue, itemId, value, count)
           SELECT ?, unitId, ${cut}, ${value}, itemId, value, sum(n) FROM report_fine GROUP BY unitId, ${value}, itemId, value`,
          surveyId,
        );
        await tx.$executeRawUnsafe(
          `INSERT INTO "SurveyResultCount" (surveyId, unitId, cut, cutValue, itemId, value, count)
           SELECT ?, ?, ${cut}, ${value}, itemId, value, sum(n) FROM report_fine ${groupBy(...valueColumn(value), "itemId", "value")}`,
          surveyId,
          ORG_ROW,
        );
        await tx.$executeRawUnsafe(
          `INSERT INTO "SurveyResultGroup" (surveyId, unitId, cut, cutValue, respondents)
           SELECT ?, unitId, ${cut}, ${value}, count(*) FROM report_resp GROUP BY unitId, ${value}`,
          surveyId,
        );
      }
      await tx.$executeRawUnsafe(`DROP TABLE temp.report_fine`);

      if (drivers && drivers.dimensions.length > 0) {
        // Per respondent (answers arrive grouped by respondent in key order, so no sort):
        // each dimension's mean and the outcome.
        const columns = drivers.dimensions.map((_, i) => `avg(CASE d.idx WHEN ${i} THEN a.value END) AS x${i}`).join(", ");
        await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS temp.report_dims`);
        await tx.$executeRawUnsafe(`CREATE TEMP TABLE report_dims (itemId TEXT PRIMARY KEY, idx INTEGER) WITHOUT ROWID`);
        await tx.$executeRawUnsafe(`INSERT INTO report_dims SELECT key, value FROM json_each(?)`, JSON.stringify(drivers.itemIndex));
        await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS temp.report_per`);
        await tx.$executeRawUnsafe(
          `CREATE TEMP TABLE report_per AS
           SELECT r.unitId AS unitId, r.track AS track, r.tenureBand AS tenureBand, ${columns}, max(CASE d.idx WHEN -1 THEN a.value END) AS y
           FROM "SurveyAnswer" a NOT INDEXED CROSS JOIN report_resp r ON r.id = a.responseId CROSS JOIN report_dims d ON d.itemId = a.itemId
           GROUP BY a.responseId`,
        );
        for (const [cut, value] of groupings) {
          for (const [i, dimension] of drivers.dimensions.entries()) {
            for (const [unit, by] of [["unitId", ["unitId"]], ["?", []]] as const) {
              await tx.$executeRawUnsafe(
                `INSERT INTO "SurveyResultDriver" (surveyId, unitId, cut, cutValue, dimension, n, sumX, sumXX, sumY, sumYY, sumXY)
                 SELECT ?, ${unit}, ${cut}, ${value}, ?, count(*), sum(x${i}), sum(x${i} * x${i}), sum(y), sum(y * y), sum(x${i} * y)
                 FROM report_per WHERE x${i} IS NOT NULL AND y IS NOT NULL ${groupBy(...by, ...valueColumn(value))} HAVING count(*) > 0`,
                surveyId,
                ...(unit === "?" ? [ORG_ROW] : []),
                dimension,
              );
            }
          }
        }
        await tx.$executeRawUnsafe(`DROP TABLE temp.report_per`);
        await tx.$executeRawUnsafe(`DROP TABLE temp.report_dims`);
      }
      await tx.$executeRawUnsafe(`DROP TABLE temp.report_resp`);
      await tx.surveyResultSet.create({ data: { surveyId } });
    },
    { timeout: 600_000 },
  );
}

/** Aggregates every closed survey that has none yet (databases from before results were kept at closing). Background work. */
export async function computeMissingResults(db: Db) {
  const missing = await sqlRead<{ id: string }>(db, `SELECT "id" FROM "Survey" WHERE "status" = 'closed' AND "id" NOT IN (SELECT "surveyId" FROM "SurveyResultSet")`, []);
  for (const { id } of missing) await ensureSurveyResults(db, id);
  return missing.length;
}
