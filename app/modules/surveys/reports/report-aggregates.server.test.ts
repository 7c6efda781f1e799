import { beforeAll, describe, expect, it } from "vitest";
import { db, sqlRead } from "~/utils/db.server";
import { onPostgres } from "~/utils/sql.server";
import type { SurveyItem } from "../items";
import { computeMissingResults, computeSurveyResults, ORG_ROW } from "./report-aggregates.server";
import { loadReport } from "./report.server";

// The kept aggregates against a straightforward reference: one plain GROUP BY per kind of
// figure, straight over the answers, on a randomised survey with every item type, missing
// answers, several ticks per multiple-choice answer and cuts left empty. The reference runs on
// either database: identifiers quoted, and a JSON array expanded by each one's own function.

const postgres = onPostgres(db);
/** The rows of a JSON array parameter, as `e` (SQLite's json_each value, PostgreSQL's json_array_elements). */
const jsonRows = postgres ? `json_array_elements(?::json) AS e` : `(SELECT value AS e FROM json_each(?))`;
/** A JSON field as an INTEGER column takes it. */
const intField = (field: string) => (postgres ? `(e->>${field})::integer` : `e->>${field}`);

const SURVEY = "agg-ref";
const item = (id: string, dimension: string, type: SurveyItem["type"], extra: Partial<SurveyItem> = {}): SurveyItem => ({
  id,
  dimension,
  type,
  textZh: id,
  textEn: id,
  required: false,
  ...(type === "single" || type === "multiple" ? { options: ["a", "b", "c", "d"].map((o) => ({ id: o, labelZh: o, labelEn: o })) } : {}),
  ...extra,
});
const ITEMS: SurveyItem[] = [
  item("pay-01", "pay", "likert5"),
  item("pay-02", "pay", "likert5"),
  item("car-01", "career", "likert5"),
  item("car-02", "career", "likert5"),
  item("car-03", "career", "likert5"),
  item("mgt-01", "management", "likert5"),
  item("ovr-01", "overall", "likert5", { outcome: true }),
  item("ovr-02", "overall", "likert5"),
  item("nps-01", "overall", "nps"),
  item("one-01", "career", "single"),
  item("many-01", "management", "multiple"),
  item("many-02", "overall", "multiple"),
  item("txt-01", "overall", "text"),
];
const UNITS = ["ua", "ub", "uc", "ud", "ue", null];
const TRACKS = ["management", "technical", "skill", null];
const TENURES = ["lt3", "3to10", "gt10", null];

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function makeSurvey(surveyId: string, responses: number, seed: number) {
  const rnd = random(seed);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  // The epoch: SQLite keeps it as milliseconds, PostgreSQL as a timestamp.
  const epoch = postgres ? `'1970-01-01 00:00:00'` : "0";
  await sqlRead(
    db,
    `INSERT INTO "Survey" ("id", "templateId", "templateVersion", "titleZh", "titleEn", "itemsJson", "status", "opensAt", "closesAt", "minGroupSize", "minCommentGroupSize", "cutsJson", "populationJson", "createdById", "createdAt", "updatedAt")
     VALUES (?, 'staff-satisfaction', 1, 't', 't', ?, 'closed', ${epoch}, ${epoch}, 5, 10, '["unit","track","tenure"]', '{"unitIds":[],"tracks":[]}', 'test', ${epoch}, ${epoch})`,
    [surveyId, JSON.stringify(ITEMS)],
  );
  const rows: { id: string; unitId: string | null; track: string | null; tenureBand: string | null }[] = [];
  const answers: { responseId: string; itemId: string; value: number; text: string | null }[] = [];
  for (let r = 0; r < responses; r++) {
    const id = `${surveyId}-${Math.floor(rnd() * 1e9).toString(36)}-${r}`;
    rows.push({ id, unitId: pick(UNITS), track: pick(TRACKS), tenureBand: pick(TENURES) });
    // Some respondents skip most items; some answer nothing at all.
    const answerRate = rnd() < 0.1 ? 0.15 : 0.85;
    for (const it of ITEMS) {
      if (rnd() > answerRate) continue;
      if (it.type === "likert5") answers.push({ responseId: id, itemId: it.id, value: 1 + Math.floor(rnd() * 5), text: null });
      else if (it.type === "nps") answers.push({ responseId: id, itemId: it.id, value: Math.floor(rnd() * 11), text: null });
      else if (it.type === "single") answers.push({ responseId: id, itemId: it.id, value: Math.floor(rnd() * 4), text: null });
      else if (it.type === "multiple") {
        for (let o = 0; o < 4; o++) if (rnd() < 0.4) answers.push({ responseId: id, itemId: it.id, value: o, text: null });
      } else answers.push({ responseId: id, itemId: it.id, value: 0, text: `comment ${r}` });
    }
  }
  await sqlRead(
    db,
    `INSERT INTO "SurveyResponse" ("id", "surveyId", "unitId", "track", "tenureBand") SELECT e->>'id', ?, e->>'unitId', e->>'track', e->>'tenureBand' FROM ${jsonRows}`,
    [surveyId, JSON.stringify(rows)],
  );
  await sqlRead(
    db,
    `INSERT INTO "SurveyAnswer" ("responseId", "itemId", "value", "text") SELECT e->>'responseId', e->>'itemId', ${intField("'value'")}, e->>'text' FROM ${jsonRows}`,
    [JSON.stringify(answers)],
  );
}

// Reference: each cut as (name, column); the unfiltered rows are cut '' with value ''.
const GROUPINGS = [
  ["''", "''"],
  ["'track'", `coalesce(r."track", '')`],
  ["'tenure'", `coalesce(r."tenureBand", '')`],
] as const;
const UNIT = `coalesce(r."unitId", '')`;
const FROM = `FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r."id" = a."responseId" WHERE r."surveyId" = ?`;

type Row = Record<string, unknown>;
const plain = (rows: Row[]) =>
  rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === "bigint" ? Number(v) : v])));
const query = async (sql: string, ...args: string[]) => plain(await sqlRead<Row>(db, sql, args));
const sortRows = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();

async function reference(surveyId: string) {
  const groups: Row[] = [];
  const counts: Row[] = [];
  const reach: Row[] = [];
  const drivers: Row[] = [];
  // Beyond each item's own respondents: the scale items feed their dimension and the overall scale.
  const figureOf = ITEMS.flatMap((i) =>
    i.type === "likert5"
      ? [
          [i.id, `d:${i.dimension}`],
          [i.id, "likert"],
        ]
      : [],
  );
  // Drivers: each respondent's mean per dimension (scale items outside the outcome's dimension) and outcome.
  const outcome = ITEMS.find((i) => i.outcome)!;
  const dimensions = [...new Set(ITEMS.filter((i) => i.type === "likert5" && i.dimension !== outcome.dimension).map((i) => i.dimension))];
  // A mean as a double on both (PostgreSQL's avg of integers is numeric).
  const perRespondent = `SELECT r."id" AS "id", r."unitId" AS "unitId", r."track" AS "track", r."tenureBand" AS "tenureBand",
      ${dimensions
        .map(
          (d, k) =>
            `CAST(avg(CASE WHEN a."itemId" IN (${ITEMS.filter((i) => i.type === "likert5" && i.dimension === d)
              .map((i) => `'${i.id}'`)
              .join(", ")}) THEN a."value" END) AS DOUBLE PRECISION) AS x${k}`,
        )
        .join(", ")},
      max(CASE WHEN a."itemId" = '${outcome.id}' THEN a."value" END) AS y
    ${FROM} GROUP BY r."id"`;
  for (const [cut, value] of GROUPINGS) {
    groups.push(
      ...(await query(
        `SELECT ${UNIT} AS "unitId", ${cut} AS "cut", ${value} AS "cutValue", count(*) AS "respondents" FROM "SurveyResponse" r WHERE r."surveyId" = ? GROUP BY 1, 3`,
        surveyId,
      )),
    );
    for (const unit of [UNIT, `'${ORG_ROW}'`]) {
      counts.push(
        ...(await query(
          `SELECT ${unit} AS "unitId", ${cut} AS "cut", ${value} AS "cutValue", a."itemId" AS "itemId", a."value" AS "value", count(*) AS "count" ${FROM} GROUP BY 1, 3, 4, 5`,
          surveyId,
        )),
      );
      for (const [k, dimension] of dimensions.entries()) {
        drivers.push(
          ...(await query(
            `SELECT ${unit} AS "unitId", ${cut} AS "cut", ${value} AS "cutValue", '${dimension}' AS "dimension", count(*) AS "n", sum(x${k}) AS "sumX", sum(x${k} * x${k}) AS "sumXX", sum(y) AS "sumY", sum(y * y) AS "sumYY", sum(x${k} * y) AS "sumXY"
             FROM (${perRespondent}) r WHERE x${k} IS NOT NULL AND y IS NOT NULL GROUP BY 1, 3`,
            surveyId,
          )),
        );
      }
    }
    reach.push(
      ...(await query(
        `SELECT ${UNIT} AS "unitId", ${cut} AS "cut", ${value} AS "cutValue", 'i:' || a."itemId" AS "figure", count(DISTINCT r."id") AS "respondents" ${FROM} GROUP BY 1, 3, 4`,
        surveyId,
      )),
      ...(await query(
        `WITH f("itemId", "figure") AS (SELECT e->>0, e->>1 FROM ${jsonRows})
         SELECT ${UNIT} AS "unitId", ${cut} AS "cut", ${value} AS "cutValue", f."figure" AS "figure", count(DISTINCT r."id") AS "respondents"
         FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r."id" = a."responseId" JOIN f ON f."itemId" = a."itemId" WHERE r."surveyId" = ? GROUP BY 1, 3, 4`,
        JSON.stringify(figureOf),
        surveyId,
      )),
      ...drivers
        .filter((d) => d.unitId !== ORG_ROW && d.cut === cut.replaceAll("'", ""))
        .map((d) => ({ unitId: d.unitId, cut: d.cut, cutValue: d.cutValue, figure: `r:${d.dimension}`, respondents: d.n })),
    );
  }
  return { groups, counts, reach, drivers };
}

async function kept(surveyId: string) {
  const read = (table: string, columns: string[]) =>
    query(`SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "${table}" WHERE "surveyId" = ?`, surveyId);
  return {
    groups: await read("SurveyResultGroup", ["unitId", "cut", "cutValue", "respondents"]),
    counts: await read("SurveyResultCount", ["unitId", "cut", "cutValue", "itemId", "value", "count"]),
    reach: await read("SurveyResultReach", ["unitId", "cut", "cutValue", "figure", "respondents"]),
    drivers: await read("SurveyResultDriver", ["unitId", "cut", "cutValue", "dimension", "n", "sumX", "sumXX", "sumY", "sumYY", "sumXY"]),
  };
}

const SUMS = ["sumX", "sumXX", "sumY", "sumYY", "sumXY"];
function expectSameDrivers(actual: Row[], expected: Row[]) {
  const key = (r: Row) => `${r.unitId}|${r.cut}|${r.cutValue}|${r.dimension}`;
  const byKey = new Map(expected.map((r) => [key(r), r]));
  expect(actual.map(key).sort()).toEqual(expected.map(key).sort());
  for (const row of actual) {
    const want = byKey.get(key(row))!;
    expect(row.n).toBe(want.n);
    // Sums of means: the same numbers added in another order may differ in the last bits.
    for (const s of SUMS)
      expect(Math.abs((row[s] as number) - (want[s] as number))).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want[s] as number)));
  }
}

describe("survey results kept at close", () => {
  beforeAll(async () => {
    await makeSurvey(SURVEY, 600, 23);
    await makeSurvey(`${SURVEY}-other`, 200, 7);
  }, 60_000);

  it("match a plain GROUP BY per figure, every unit and cut", async () => {
    await computeSurveyResults(db, SURVEY);
    const [got, want] = [await kept(SURVEY), await reference(SURVEY)];
    expect(got.groups.length).toBeGreaterThan(50);
    expect(sortRows(got.groups)).toEqual(sortRows(want.groups));
    expect(sortRows(got.counts)).toEqual(sortRows(want.counts));
    expect(sortRows(got.reach)).toEqual(sortRows(want.reach));
    expectSameDrivers(got.drivers, want.drivers);
  });

  it("computed again, replace the earlier ones; another survey's answers stay out", async () => {
    await computeSurveyResults(db, SURVEY);
    await computeSurveyResults(db, `${SURVEY}-other`);
    const [got, want] = [await kept(SURVEY), await reference(SURVEY)];
    expect(sortRows(got.counts)).toEqual(sortRows(want.counts));
    expect(sortRows(got.reach)).toEqual(sortRows(want.reach));
    const other = await kept(`${SURVEY}-other`);
    expect(sortRows(other.counts)).toEqual(sortRows((await reference(`${SURVEY}-other`)).counts));
  });

  it("are computed by the background work for a closed survey that has none; until then a report says they are being prepared", async () => {
    await makeSurvey(`${SURVEY}-late`, 50, 99);
    const hr = { userId: "hr", role: "hr_admin" as const, employeeId: null, scopePath: null };
    const before = await loadReport(db, hr, `${SURVEY}-late`, {});
    expect(before).toMatchObject({ closed: false, preparing: true });
    // The read computed nothing.
    expect(await query(`SELECT count(*) AS "n" FROM "SurveyResultSet" WHERE "surveyId" = ?`, `${SURVEY}-late`)).toEqual([{ n: 0 }]);
    expect(await computeMissingResults(db)).toBe(1);
    expect(sortRows((await kept(`${SURVEY}-late`)).counts)).toEqual(sortRows((await reference(`${SURVEY}-late`)).counts));
    expect(await computeMissingResults(db)).toBe(0);
    expect(await loadReport(db, hr, `${SURVEY}-late`, {})).toMatchObject({ closed: true });
  });
});
