import { createHmac } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { tenureBand } from "~/modules/org/org";
import { answerRows, answersSchema, parseItems, type Answers } from "./items";
import { closeDueSurveys } from "./campaigns.server";
import { isAnswerable, parseCuts } from "./settings";

/** The surveys an employee is invited to: open ones still to answer, and ones already answered. */
export async function listMySurveys(db: Db, employeeId: string, now = new Date()) {
  await closeDueSurveys(db, now);
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
  await closeDueSurveys(db, now);
  const participation = await db.surveyParticipation.findUnique({
    where: { surveyId_employeeId: { surveyId, employeeId } },
    select: {
      answered: true,
      survey: { select: { id: true, templateId: true, titleZh: true, titleEn: true, status: true, opensAt: true, closesAt: true, itemsJson: true } },
    },
  });
  if (!participation) return null;
  const { itemsJson, ...survey } = participation.survey;
  return { ...survey, items: parseItems(itemsJson), answered: participation.answered, answerable: isAnswerable(survey, now) };
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
  const participation = await db.surveyParticipation.findUnique({
    where: { surveyId_employeeId: { surveyId: input.surveyId, employeeId: input.employeeId } },
    select: {
      answered: true,
      cutUnitId: true,
      unitId: true,
      employee: { select: { track: true, hireDate: true } },
      survey: { select: { status: true, opensAt: true, closesAt: true, itemsJson: true, cutsJson: true } },
    },
  });
  if (!participation) return { ok: false, reason: "notInvited" };
  const { survey } = participation;
  if (!isAnswerable(survey, now)) return { ok: false, reason: "notOpen" };
  if (participation.answered) return { ok: false, reason: "alreadyAnswered" };

  const items = parseItems(survey.itemsJson);
  const parsed = answersSchema(items).safeParse(input.answers);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: parsed.error.flatten().fieldErrors as Record<string, string[]> };

  const cuts = parseCuts(survey.cutsJson);
  const response = {
    id: crypto.randomUUID(),
    surveyId: input.surveyId,
    unitId: cuts.includes("unit") ? (participation.cutUnitId ?? participation.unitId) : null,
    track: cuts.includes("track") ? participation.employee.track : null,
    // Counted at the opening date, so the band says nothing about when the answer came in.
    tenureBand: cuts.includes("tenure") ? tenureBand(participation.employee.hireDate, survey.opensAt) : null,
  };
  const rows = answerRows(items, parsed.data as Answers);
  try {
    await db.$transaction(async (tx) => {
      const marked = await tx.surveyParticipation.updateMany({
        where: { surveyId: input.surveyId, employeeId: input.employeeId, answered: false },
        data: { answered: true },
      });
      if (marked.count !== 1) throw new AlreadyAnswered();
      await tx.surveyResponse.create({ data: response });
      await tx.surveyAnswer.createMany({ data: rows.map((r) => ({ ...r, responseId: response.id })) });
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
