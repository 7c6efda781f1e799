// The staff-satisfaction report over 100,000 responses (≈ 3.9 million answers) across a province
// of 20 cities, 361 units. Times: generating the data; computing the wave's aggregates once at
// close; the full report (every figure, heatmap, drivers, comparisons, comments) for the top unit
// and for one room, each next to a plain SQL aggregation over the same answers (the floor).
// Target: each report within 2× its floor and under one second.
// Alone: node --import tsx bench/survey-report.bench.ts (or npm run bench -- survey-report).
import { freshDatabase, measure, report } from "./lib";
import { generateSurveyData } from "./survey-data";

const RESPONSES = Number(process.env.SURVEY_BENCH_RESPONSES ?? 100_000);
const { url } = await freshDatabase("survey");
process.env.DATABASE_URL = url;
const { db } = await import("~/utils/db.server");
const { getTemplate } = await import("~/modules/surveys/campaigns/templates.server");
const { computeSurveyResults } = await import("~/modules/surveys/reports/report-aggregates.server");
const { compactDatabase } = await import("~/modules/surveys/campaigns/campaigns.server");
const { loadReport } = await import("~/modules/surveys/reports/report.server");
const { childFigures } = await import("~/modules/surveys/reports/report-figures.server");

const items = getTemplate("staff-satisfaction")!.items;
const size = `${RESPONSES.toLocaleString("en-US")} responses × ${items.length} items`;

const generated = await measure(() => generateSurveyData(db, { responses: RESPONSES, items }), 1);
const org = generated.value;
report({ operation: "survey: generate responses (SQL)", size, ms: generated.ms, peakMb: generated.peakMb });

const answers = await db.$queryRawUnsafe<{ n: number | bigint }[]>(`SELECT count(*) AS n FROM "SurveyAnswer"`);
console.error(`${Number(answers[0].n).toLocaleString("en-US")} answers in ${org.units} units`);

// The floor: the plainest query over the same answers, per item and value.
const floor = (unitIds: string[] | null) =>
  measure(
    () =>
      db.$queryRawUnsafe(
        `SELECT a.itemId, a.value, count(*) FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r.id = a.responseId
         WHERE r.surveyId = ? ${unitIds ? "AND r.unitId IN (SELECT value FROM json_each(?))" : ""} GROUP BY a.itemId, a.value`,
        org.surveyId,
        ...(unitIds ? [JSON.stringify(unitIds)] : []),
      ),
    2,
  );
const topFloor = await floor(null);

const materialised = await measure(() => computeSurveyResults(db, org.surveyId), 1);
report({ operation: "survey: aggregates at close (once)", size, ms: materialised.ms, peakMb: materialised.peakMb, floorMs: topFloor.ms });

const hr = { userId: "bench", role: "hr_admin" as const, employeeId: null, scopePath: null };
const top = await measure(() => loadReport(db, hr, org.surveyId, { unitId: org.rootUnitId }), 3);
if (!top.value.closed || top.value.hidden || top.value.heatmap.length !== 20) throw new Error("the top unit's report is incomplete");
if (top.value.comments?.some((c) => c.shown.length !== 20 || c.themes.length === 0))
  throw new Error("the top unit's comments have no themes");
report({
  operation: "survey: full report, province (20 cities)",
  size,
  ms: top.ms,
  peakMb: top.peakMb,
  floorMs: topFloor.ms,
  target: "≤ 2× floor, < 1 s",
  pass: top.ms <= 2 * topFloor.ms && top.ms < 1000,
});

// The heatmap alone: the 20 cities' dimension figures, from the aggregates and, as the floor,
// from the answers themselves.
const cities = await db.unit.findMany({ where: { parentId: org.rootUnitId }, select: { id: true, path: true } });
const allUnits = await db.unit.findMany({ select: { id: true, path: true } });
const unitToChild = Object.fromEntries(
  allUnits.flatMap((u) => cities.filter((c) => u.path.startsWith(c.path)).map((c) => [u.id, c.id] as const)),
);
const heatFloor = await measure(
  () =>
    db.$queryRawUnsafe(
      `WITH m(unitId, child) AS (SELECT key, value FROM json_each(?))
       SELECT m.child, a.itemId, a.value, count(*) FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r.id = a.responseId JOIN m ON m.unitId = r.unitId
       WHERE r.surveyId = ? GROUP BY m.child, a.itemId, a.value`,
      JSON.stringify(unitToChild),
      org.surveyId,
    ),
  1,
);
const heat = await measure(() => childFigures(db, org.surveyId, null, items, unitToChild, 5), 3);
if (heat.value.size !== cities.length) throw new Error(`heatmap has ${heat.value.size} of ${cities.length} cities`);
report({
  operation: "survey: heatmap, 20 cities × dimensions",
  size,
  ms: heat.ms,
  peakMb: heat.peakMb,
  floorMs: heatFloor.ms,
  target: "≤ 2× floor",
  pass: heat.ms <= 2 * heatFloor.ms,
});

const roomFloor = await floor([org.roomUnitId]);
const room = await measure(() => loadReport(db, hr, org.surveyId, { unitId: org.roomUnitId }), 3);
if (!room.value.closed || room.value.hidden) throw new Error("the room's report is hidden");
report({
  operation: "survey: full report, one room",
  size: `${room.value.respondents} responses`,
  ms: room.ms,
  peakMb: room.peakMb,
  floorMs: roomFloor.ms,
  target: "≤ 2× floor, < 1 s",
  pass: room.ms <= 2 * roomFloor.ms && room.ms < 1000,
});
// The rest of the close: the file rewritten so that no freed page keeps the order answers came in.
const compacted = await measure(() => compactDatabase(db), 1);
report({ operation: "survey: compaction at close (VACUUM, once)", size, ms: compacted.ms, peakMb: compacted.peakMb });
await db.$disconnect();
