import { createHmac } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { bulkWrite, readDate, sqlRead, type Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { tenureBand } from "~/modules/org/org";
import { answerRows, answersSchema, parseItems, type Answers } from "./items";
import { isAnswerable, parseCuts } from "./settings";

/** The surveys an employee is invited to: open ones still to answer, and ones already answered. */
export async function listMySurveys(db: Db, employeeId: string, now = new Date()) {
  // A survey past its closing time is no longer listed or answerable; the background work
  // (app/server/background.server.ts) closes it: a page read never writes.
  const rows = await db.surveyParticipation.findMany({
    where: { employeeId, survey: { status: "open", opensAt: { lte: now }, closesAt: { gt: now } } },
    select: { answered: true, survey: { select: { id: true, titleZh: true, titleEn: true, closesAt: true, itemsJson: true } } },
    orderBy: { survey: { closesAt: "asc" } },
  });
  const toDo = rows.filter((r) => !r.answered).map((r) => ({ ...r.survey, itemCount: parseItems(r.survey.itemsJson).length, itemsJson: undefined }));
  const done = rows.filter((r) => r.answered).map((r) => ({ id: r.survey.id, titleZh: r.survey.titleZh, titleEn: r.survey.titleEn, closesAt: r.survey.closesAt }));
  return { toDo, done };
}

/** A survey as its respondent sees it, or null when they are not invited to it. */
export async function surveyForRespondent(db: Db, surveyId: string, employeeId: string, now = new Date()) {
  // Read on every answer submitted: direct SQL (see sqlRead).
  const [row] = await sqlRead<{ answered: number; id: string; templateId: string; titleZh: string; titleEn: string; status: string; opensAt: string; closesAt: string; itemsJson: string }>(
    db,
    `SELECT p."answered", s."id", s."templateId", s."titleZh", s."titleEn", s."status", s."opensAt", s."closesAt", s."itemsJson"
     FROM "SurveyParticipation" p JOIN "Survey" s ON s."id" = p."surveyId" WHERE p."surveyId" = ? AND p."employeeId" = ?`,
    [surveyId, employeeId],
  );
  if (!row) return null;
  const survey = { id: row.id, templateId: row.templateId, titleZh: row.titleZh, titleEn: row.titleEn, status: row.status, opensAt: readDate(row.opensAt), closesAt: readDate(row.closesAt) };
  return { ...survey, items: parseItems(row.itemsJson), answered: Number(row.answered) !== 0, answerable: isAnswerable(survey, now) };
}

export type SubmitResult =
  | { ok: true }
  | { ok: false; reason: "notInvited" | "notOpen" | "alreadyAnswered" }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> };

class AlreadyAnswered extends Error {}

/**
 * Records one anonymous response. Marking the participation answered and inserting the answers
 * happen in one transaction, and the mark is a guarded update (answered = false → true): of any
 * number of simultaneous submissions by one person exactly one commits. The response row gets
 * a random UUIDv4 key and only the coarse cuts the survey collects; nothing ties it to the person.
 */
export async function submitResponse(db: Db, input: { surveyId: string; employeeId: string; answers: Answers }, now = new Date()): Promise<SubmitResult> {
  const [participation] = await sqlRead<{ answered: number; cutUnitId: string | null; unitId: string; track: string; hireDate: string; status: string; opensAt: string; closesAt: string; itemsJson: string; cutsJson: string }>(
    db,
    `SELECT p."answered", p."cutUnitId", p."unitId", e."track", e."hireDate", s."status", s."opensAt", s."closesAt", s."itemsJson", s."cutsJson"
     FROM "SurveyParticipation" p JOIN "Employee" e ON e."id" = p."employeeId" JOIN "Survey" s ON s."id" = p."surveyId"
     WHERE p."surveyId" = ? AND p."employeeId" = ?`,
    [input.surveyId, input.employeeId],
  );
  if (!participation) return { ok: false, reason: "notInvited" };
  const survey = { status: participation.status, opensAt: readDate(participation.opensAt), closesAt: readDate(participation.closesAt) };
  if (!isAnswerable(survey, now)) return { ok: false, reason: "notOpen" };
  if (Number(participation.answered) !== 0) return { ok: false, reason: "alreadyAnswered" };

  const items = parseItems(participation.itemsJson);
  const parsed = answersSchema(items).safeParse(input.answers);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: parsed.error.flatten().fieldErrors as Record<string, string[]> };

  const cuts = parseCuts(participation.cutsJson);
  const response = {
    id: crypto.randomUUID(),
    unitId: cuts.includes("unit") ? (participation.cutUnitId ?? participation.unitId) : null,
    track: cuts.includes("track") ? participation.track : null,
    // Counted at the opening date, so the band says nothing about when the answer came in.
    tenureBand: cuts.includes("tenure") ? tenureBand(readDate(participation.hireDate), survey.opensAt) : null,
  };
  const rows = answerRows(items, parsed.data as Answers);
  try {
    // The hottest write: direct SQL in one transaction, the answers as one JSON array.
    await bulkWrite(db, async (tx) => {
      const marked = await tx.execute({
        sql: `UPDATE "SurveyParticipation" SET "answered" = 1 WHERE "surveyId" = ? AND "employeeId" = ? AND "answered" = 0`,
        args: [input.surveyId, input.employeeId],
      });
      if (marked.rowsAffected !== 1) throw new AlreadyAnswered();
      await tx.execute({
        sql: `INSERT INTO "SurveyResponse" ("id","surveyId","unitId","track","tenureBand") VALUES (?,?,?,?,?)`,
        args: [response.id, input.surveyId, response.unitId, response.track, response.tenureBand],
      });
      await tx.execute({
        sql: `INSERT INTO "SurveyAnswer" ("responseId","itemId","value","text") SELECT ?, a.value->>0, a.value->>1, a.value->>2 FROM json_each(?) a`,
        args: [response.id, JSON.stringify(rows.map((r) => [r.itemId, r.value, r.text]))],
      });
    });
  } catch (error) {
    if (error instanceof AlreadyAnswered) return { ok: false, reason: "alreadyAnswered" };
    throw error;
  }
  return { ok: true };
}

/**
 * A receipt code: a keyed hash of the survey and the person, shown only once they have
 * answered. It proves that they took part; it is computed from the participation, never
 * stored, and has nothing in common with the response row.
 */
export function receiptCode(surveyId: string, employeeId: string) {
  const mac = createHmac("sha256", getEnv().SESSION_SECRET).update(`survey-receipt\0${surveyId}\0${employeeId}`).digest();
  const code = encodeBase32UpperCaseNoPadding(mac.subarray(0, 10)).slice(0, 12);
  return code.match(/.{4}/g)!.join("-");
}

/** A per-person key for progress kept in the browser, so that two people sharing a computer never see each other's answers. */
export function progressKey(surveyId: string, employeeId: string) {
  const mac = createHmac("sha256", getEnv().SESSION_SECRET).update(`survey-progress\0${surveyId}\0${employeeId}`).digest("base64url");
  return `survey-progress:${surveyId}:${mac.slice(0, 16)}`;
}
