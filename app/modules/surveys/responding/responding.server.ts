import { createHmac } from "node:crypto";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { firstRow } from "~/utils/sql.server";
import { parseItems } from "../items";
import { respondentSurvey } from "../queries.server";
import { effectiveStatus, isAnswerable } from "../settings";

/**
 * The open surveys an employee is invited to, each with whether a response token was already
 * signed for them ("opened"). Whether they have answered is known only to their browser.
 */
export async function listMySurveys(db: Db, employeeId: string, now = new Date()) {
  // A survey past its closing time is no longer listed or answerable; the background work
  // (the job `surveys.close`, app/server/jobs/) closes it: a page read never writes.
  const rows = await db.surveyParticipation.findMany({
    where: { employeeId, survey: { status: "open", opensAt: { lte: now }, closesAt: { gt: now } } },
    select: { tokenTaken: true, survey: { select: { id: true, titleZh: true, titleEn: true, closesAt: true, itemsJson: true } } },
    orderBy: { survey: { closesAt: "asc" } },
  });
  return rows.map((r) => ({
    id: r.survey.id,
    titleZh: r.survey.titleZh,
    titleEn: r.survey.titleEn,
    closesAt: r.survey.closesAt,
    itemCount: parseItems(r.survey.itemsJson).length,
    opened: r.tokenTaken,
    progressKey: progressKey(r.survey.id, employeeId),
  }));
}

/** A survey as its respondent sees it, or null when they are not invited to it. */
export async function surveyForRespondent(db: Db, surveyId: string, employeeId: string, now = new Date()) {
  const row = await firstRow(db, respondentSurvey, [surveyId, employeeId]);
  if (!row) return null;
  const survey = {
    id: row.id,
    templateId: row.templateId,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    status: row.status,
    opensAt: row.opensAt,
    closesAt: row.closesAt,
  };
  return {
    ...survey,
    status: effectiveStatus(survey, now),
    items: parseItems(row.itemsJson),
    tokenTaken: row.tokenTaken,
    answerable: isAnswerable(survey, now),
  };
}

/**
 * A per-person key for what the browser keeps of a survey (unfinished answers, the response
 * token, the receipt), so that two people sharing a computer never see each other's.
 */
export function progressKey(surveyId: string, employeeId: string) {
  const mac = createHmac("sha256", getEnv().SESSION_SECRET).update(`survey-progress\0${surveyId}\0${employeeId}`).digest("base64url");
  return `survey-progress:${surveyId}:${mac.slice(0, 16)}`;
}
