import type { Db } from "~/utils/db.server";

/**
 * Aggregates over anonymous survey answers. Only counts and sums per survey, cut unit,
 * item and value leave this file: never a response id, never one person's answers.
 */
function marks(n: number) {
  return Array.from({ length: n }, () => "?").join(",");
}

export async function responseCounts(db: Db, surveyIds: string[]) {
  if (surveyIds.length === 0) return [];
  const rows = await db.$queryRawUnsafe<{ surveyId: string; unitId: string | null; n: number | bigint }[]>(
    `SELECT "surveyId", "unitId", COUNT(*) AS n FROM "SurveyResponse" WHERE "surveyId" IN (${marks(surveyIds.length)}) GROUP BY "surveyId", "unitId"`,
    ...surveyIds,
  );
  return rows.map((r) => ({ surveyId: r.surveyId, unitId: r.unitId, n: Number(r.n) }));
}

/** Number of answers per survey, cut unit, item and value (option index or scale point). */
export async function answerCounts(db: Db, surveyIds: string[], itemIds: string[]) {
  if (surveyIds.length === 0 || itemIds.length === 0) return [];
  const rows = await db.$queryRawUnsafe<
    { surveyId: string; unitId: string | null; itemId: string; value: number | bigint; n: number | bigint }[]
  >(
    `SELECT r."surveyId" AS "surveyId", r."unitId" AS "unitId", a."itemId" AS "itemId", a."value" AS "value", COUNT(*) AS n
       FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r."id" = a."responseId"
      WHERE r."surveyId" IN (${marks(surveyIds.length)}) AND a."itemId" IN (${marks(itemIds.length)})
      GROUP BY r."surveyId", r."unitId", a."itemId", a."value"`,
    ...surveyIds,
    ...itemIds,
  );
  return rows.map((r) => ({ surveyId: r.surveyId, unitId: r.unitId, itemId: r.itemId, value: Number(r.value), n: Number(r.n) }));
}
