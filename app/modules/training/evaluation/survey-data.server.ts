import type { Db } from "~/utils/db.server";
import { rows } from "~/utils/sql.server";
import { surveyAnswerCounts, surveyResponseCounts } from "../queries.server";

/**
 * Aggregates over anonymous survey answers. Only counts and sums per survey, cut unit,
 * item and value leave this file: never a response id, never one person's answers.
 */

export async function responseCounts(db: Db, surveyIds: string[]) {
  if (surveyIds.length === 0) return [];
  const { query, args } = surveyResponseCounts(surveyIds);
  return rows(db, query, args);
}

/** Number of answers per survey, cut unit, item and value (option index or scale point). */
export async function answerCounts(db: Db, surveyIds: string[], itemIds: string[]) {
  if (surveyIds.length === 0 || itemIds.length === 0) return [];
  const { query, args } = surveyAnswerCounts(surveyIds, itemIds);
  return rows(db, query, args);
}
