import { createHmac } from "node:crypto";
import { readDate, sqlRead, type Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { parseItems } from "../items";
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
  const [row] = await sqlRead<{
    tokenTaken: number;
    id: string;
    templateId: string;
    titleZh: string;
    titleEn: string;
    status: string;
    opensAt: string;
    closesAt: string;
    itemsJson: string;
  }>(
    db,
    `SELECT p."tokenTaken", s."id", s."templateId", s."titleZh", s."titleEn", s."status", s."opensAt", s."closesAt", s."itemsJson"
     FROM "SurveyParticipation" p JOIN "Survey" s ON s."id" = p."surveyId" WHERE p."surveyId" = ? AND p."employeeId" = ?`,
    [surveyId, employeeId],
  );
  if (!row) return null;
  const survey = {
    id: row.id,
    templateId: row.templateId,
    titleZh: row.titleZh,
    titleEn: row.titleEn,
    status: row.status,
    opensAt: readDate(row.opensAt),
    closesAt: readDate(row.closesAt),
  };
  return {
    ...survey,
    status: effectiveStatus(survey, now),
    items: parseItems(row.itemsJson),
    tokenTaken: Number(row.tokenTaken) !== 0,
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
