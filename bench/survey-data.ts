import type { Db } from "~/utils/db.server";
import type { SurveyItem } from "~/modules/surveys/campaigns/template-schema";

/**
 * Generates a large organisation and one closed staff-satisfaction wave inside SQLite itself
 * (INSERT … SELECT over recursive sequences), so 100,000 × 40 answers take seconds, not minutes.
 * Each respondent gets a mood and six dimension scores around it; items scatter around their
 * dimension and the outcome item follows career and pay most, so the driver analysis has
 * something to find.
 */
export type BenchOrg = { rootUnitId: string; roomUnitId: string; units: number; surveyId: string };

const CITIES = 20;
const ROOMS_PER_DEPT = 10;
const COUNTIES_PER_CITY = 3;

export async function generateSurveyData(db: Db, options: { responses: number; items: SurveyItem[] }): Promise<BenchOrg> {
  const units: { id: string; code: string; parentId: string | null; path: string; kind: string; room: boolean }[] = [];
  const add = (code: string, kind: string, parent: { id: string; path: string } | null, room = false) => {
    const id = `u${units.length.toString().padStart(5, "0")}`;
    const unit = { id, code, parentId: parent?.id ?? null, path: `${parent?.path ?? "/"}${id}/`, kind, room };
    units.push(unit);
    return unit;
  };
  const province = add("P", "company", null);
  for (let c = 1; c <= CITIES; c++) {
    const city = add(`P-C${c}`, "branch", province);
    const dept = add(`P-C${c}-GE`, "department", city);
    for (let r = 1; r <= ROOMS_PER_DEPT; r++) add(`P-C${c}-GE-R${r}`, "room", dept, true);
    for (let k = 1; k <= COUNTIES_PER_CITY; k++) {
      const county = add(`P-C${c}-K${k}`, "branch", city);
      add(`P-C${c}-K${k}-GE`, "room", county, true);
    }
  }
  const rooms = units.filter((u) => u.room);
  const surveyId = "bench-survey";
  const dimensions = [...new Set(options.items.map((i) => i.dimension))];

  await db.$transaction(
    async (tx) => {
      for (let i = 0; i < units.length; i += 200) {
        const chunk = units.slice(i, i + 200);
        await tx.$executeRawUnsafe(
          `INSERT INTO "Unit" (id, code, nameZh, nameEn, kind, parentId, path, active, sortOrder, createdAt, updatedAt) VALUES ${chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, 1, 0, 0, 0)").join(", ")}`,
          ...chunk.flatMap((u) => [u.id, u.code, u.code, u.code, u.kind, u.parentId, u.path]),
        );
      }
      await tx.$executeRawUnsafe(
        `INSERT INTO "Survey" (id, templateId, templateVersion, titleZh, titleEn, itemsJson, status, opensAt, closesAt, minGroupSize, minCommentGroupSize, cutsJson, populationJson, createdById, createdAt, updatedAt)
         VALUES (?, 'staff-satisfaction', 1, 'bench', 'bench', ?, 'closed', 0, 0, 5, 10, '["unit","track","tenure"]', ?, 'bench', 0, 0)`,
        surveyId,
        JSON.stringify(options.items),
        JSON.stringify({ unitIds: [province.id], tracks: [] }),
      );
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_room (idx INTEGER PRIMARY KEY, id TEXT)`);
      await tx.$executeRawUnsafe(`INSERT INTO bench_room VALUES ${rooms.map((_, i) => `(${i}, ?)`).join(", ")}`, ...rooms.map((r) => r.id));
      await tx.$executeRawUnsafe(`CREATE TEMP TABLE bench_item (itemId TEXT PRIMARY KEY, type TEXT, dim INTEGER, outcome INTEGER)`);
      await tx.$executeRawUnsafe(
        `INSERT INTO bench_item VALUES ${options.items.map(() => "(?, ?, ?, ?)").join(", ")}`,
        ...options.items.flatMap((i) => [i.id, i.type, dimensions.indexOf(i.dimension), i.outcome ? 1 : 0]),
      );
      // One row per respondent: a random UUIDv4-shaped key, a room, cuts and latent scores.
      await tx.$executeRawUnsafe(
        `CREATE TEMP TABLE bench_resp (id TEXT PRIMARY KEY, room INTEGER, mood REAL, d0 REAL, d1 REAL, d2 REAL, d3 REAL, d4 REAL, d5 REAL) WITHOUT ROWID`,
      );
      const noise = "((abs(random()) % 1000) / 1000.0 - 0.5)";
      await tx.$executeRawUnsafe(
        `INSERT INTO bench_resp
         WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ?),
         base AS (SELECT n, lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' || substr('89ab', 1 + abs(random()) % 4, 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6))) AS id,
                  2.2 + (abs(random()) % 1000) / 1000.0 * 2.4 + (n % ${rooms.length}) % 7 * 0.05 AS mood FROM seq)
         SELECT id, n % ${rooms.length}, mood, mood + ${noise} * 1.6, mood + ${noise} * 1.6, mood + ${noise} * 1.6, mood + ${noise} * 1.6, mood + ${noise} * 1.6, mood FROM base`,
        options.responses - 1,
      );
      await tx.$executeRawUnsafe(
        `INSERT INTO "SurveyResponse" (id, surveyId, unitId, track, tenureBand)
         SELECT b.id, ?, r.id,
                CASE abs(random()) % 10 WHEN 0 THEN 'management' WHEN 1 THEN 'technical' WHEN 2 THEN 'technical' WHEN 3 THEN 'technical' ELSE 'skill' END,
                CASE abs(random()) % 6 WHEN 0 THEN 'lt3' WHEN 1 THEN 'lt3' WHEN 2 THEN '3to10' WHEN 3 THEN '3to10' ELSE 'gt10' END
         FROM bench_resp b JOIN bench_room r ON r.idx = b.room ORDER BY b.id`,
        surveyId,
      );
      const dimScore = `CASE i.dim WHEN 0 THEN b.d0 WHEN 1 THEN b.d1 WHEN 2 THEN b.d2 WHEN 3 THEN b.d3 WHEN 4 THEN b.d4 ELSE b.d5 END`;
      const clamp = (expr: string, lo: number, hi: number) => `max(${lo}, min(${hi}, CAST(round(${expr}) AS INTEGER)))`;
      const outcome = `0.1 * b.d0 + 0.05 * b.d1 + 0.15 * b.d2 + 0.05 * b.d3 + 0.45 * b.d4 + 0.2 * b.mood + ${noise} * 0.8`;
      await tx.$executeRawUnsafe(
        `INSERT INTO "SurveyAnswer" (responseId, itemId, value, text)
         SELECT b.id, i.itemId,
                CASE WHEN i.type = 'text' THEN 0
                     WHEN i.type = 'nps' THEN ${clamp(`(b.mood - 1) * 2.5 + ${noise} * 3`, 0, 10)}
                     WHEN i.outcome = 1 THEN ${clamp(outcome, 1, 5)}
                     ELSE ${clamp(`${dimScore} + ${noise} * 1.5`, 1, 5)} END,
                CASE WHEN i.type = 'text' THEN 'comment ' || (abs(random()) % 50) END
         FROM bench_resp b CROSS JOIN bench_item i
         WHERE i.type <> 'text' OR abs(random()) % 5 = 0
         ORDER BY b.id, i.itemId`,
      );
      for (const t of ["bench_resp", "bench_room", "bench_item"]) await tx.$executeRawUnsafe(`DROP TABLE temp.${t}`);
    },
    { timeout: 600_000 },
  );
  await db.$executeRawUnsafe("ANALYZE");
  const room = rooms[0];
  return { rootUnitId: province.id, roomUnitId: room.id, units: units.length, surveyId };
}
