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
      for (const table of ["SurveyResultSet", "SurveyResultGroup", "SurveyResultCount", "SurveyResultDriver", "SurveyResultReach"]) {
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
      await figureReach(tx, surveyId, items, cuts);
      await tx.$executeRawUnsafe(`DROP TABLE temp.report_resp`);
      await tx.surveyResultSet.create({ data: { surveyId } });
    },
    { timeout: 600_000 },
  );
}

/** Flags packed per integer: small enough that every mask reads back as an exact JS number. */
const BITS_PER_MASK = 30;

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/**
 * Distinct respondents behind each figure (see SurveyResultReach), per unit and cut value.
 * Single-valued items have one answer row per respondent, so their counts are their
 * respondents. Dimensions, the overall scale figure and multiple-choice items need people
 * counted once: each response's answers are folded into bit masks (one bit per figure, OR'ed
 * as a sum of distinct powers of two), and the few distinct masks per cell are expanded here.
 * Needs temp.report_resp; drivers' pairs are counted when the driver sums are.
 */
async function figureReach(tx: Tx, surveyId: string, items: SurveyItem[], cuts: ReportCut[]) {
  const multiple = items.filter((i) => i.type === "multiple").map((i) => i.id);
  await tx.$executeRawUnsafe(
    `INSERT INTO "SurveyResultReach" (surveyId, unitId, cut, cutValue, figure, respondents)
     SELECT surveyId, unitId, cut, cutValue, 'i:' || itemId, sum(count) FROM "SurveyResultCount"
     WHERE surveyId = ? AND unitId <> ? AND itemId NOT IN (SELECT value FROM json_each(?))
     GROUP BY cut, cutValue, unitId, itemId`,
    surveyId,
    ORG_ROW,
    JSON.stringify(multiple),
  );
  await tx.$executeRawUnsafe(
    `INSERT INTO "SurveyResultReach" (surveyId, unitId, cut, cutValue, figure, respondents)
     SELECT surveyId, unitId, cut, cutValue, 'r:' || dimension, n FROM "SurveyResultDriver" WHERE surveyId = ? AND unitId <> ?`,
    surveyId,
    ORG_ROW,
  );

  const figures: string[] = [];
  const keyRows: [string, number, number][] = [];
  const flag = (itemId: string, figure: string) => {
    let j = figures.indexOf(figure);
    if (j < 0) j = figures.push(figure) - 1;
    keyRows.push([itemId, Math.floor(j / BITS_PER_MASK), 2 ** (j % BITS_PER_MASK)]);
  };
  for (const item of items) {
    if (item.type === "likert5") {
      flag(item.id, `d:${item.dimension}`);
      flag(item.id, "likert");
    } else if (item.type === "multiple") flag(item.id, `i:${item.id}`);
  }
  if (figures.length === 0) return;
  await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS temp.report_keys`);
  await tx.$executeRawUnsafe(`CREATE TEMP TABLE report_keys (itemId TEXT, g INTEGER, bit INTEGER, PRIMARY KEY (itemId, g, bit)) WITHOUT ROWID`);
  await tx.$executeRawUnsafe(`INSERT INTO report_keys SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]') FROM json_each(?)`, JSON.stringify(keyRows));
  const masks = await tx.$queryRawUnsafe<{ unitId: string; track: string; tenureBand: string; g: number | bigint; mask: number | bigint; n: number | bigint }[]>(
    `SELECT r.unitId AS unitId, r.track AS track, r.tenureBand AS tenureBand, m.g AS g, m.mask AS mask, count(*) AS n
     FROM (SELECT a.responseId AS rid, k.g AS g, sum(DISTINCT k.bit) AS mask
           FROM "SurveyAnswer" a NOT INDEXED CROSS JOIN report_resp r0 ON r0.id = a.responseId CROSS JOIN report_keys k ON k.itemId = a.itemId
           GROUP BY a.responseId, k.g) m
     JOIN report_resp r ON r.id = m.rid
     GROUP BY 1, 2, 3, 4, 5`,
  );
  await tx.$executeRawUnsafe(`DROP TABLE temp.report_keys`);
  const reach = new Map<string, number>();
  const add = (unitId: string, cut: string, cutValue: string, figure: string, n: number) => {
    const key = JSON.stringify([unitId, cut, cutValue, figure]);
    reach.set(key, (reach.get(key) ?? 0) + n);
  };
  for (const row of masks) {
    const g = Number(row.g);
    const mask = Number(row.mask);
    const n = Number(row.n);
    for (let bit = 0; bit < BITS_PER_MASK; bit++) {
      if (!(mask & (2 ** bit))) continue;
      const figure = figures[g * BITS_PER_MASK + bit];
      add(row.unitId, "", "", figure, n);
      for (const cut of cuts) add(row.unitId, cut, cut === "track" ? row.track : row.tenureBand, figure, n);
    }
  }
  const rows = [...reach].map(([key, n]) => [...(JSON.parse(key) as string[]), n]);
  for (let i = 0; i < rows.length; i += 5000) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "SurveyResultReach" (surveyId, unitId, cut, cutValue, figure, respondents)
       SELECT ?, json_extract(value, '$[0]'), json_extract(value, '$[1]'), json_extract(value, '$[2]'), json_extract(value, '$[3]'), json_extract(value, '$[4]') FROM json_each(?)`,
      surveyId,
      JSON.stringify(rows.slice(i, i + 5000)),
    );
  }
}

/** Aggregates every closed survey that has none yet (databases from before results were kept at closing). Background work. */
export async function computeMissingResults(db: Db) {
  const missing = await sqlRead<{ id: string }>(db, `SELECT "id" FROM "Survey" WHERE "status" = 'closed' AND "id" NOT IN (SELECT "surveyId" FROM "SurveyResultSet")`, []);
  for (const { id } of missing) await ensureSurveyResults(db, id);
  return missing.length;
}
