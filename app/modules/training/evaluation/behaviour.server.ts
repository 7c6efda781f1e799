import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { behaviourWindow } from "./evaluation";
import { BEHAVIOUR_WINDOW_DAYS } from "../training";

type Tx = Pick<Db, "trainingBehaviourAssessment" | "outboxMessage">;

/** One assessment per completer, for their manager, due 30–90 days after the session ended. */
export async function createBehaviourAssessments(tx: Tx, endsAt: Date, rows: { enrolmentId: string; managerId: string }[]) {
  const { dueFrom, dueUntil } = behaviourWindow(endsAt, BEHAVIOUR_WINDOW_DAYS);
  for (const r of rows) {
    await tx.trainingBehaviourAssessment.upsert({ where: { enrolmentId: r.enrolmentId }, create: { ...r, dueFrom, dueUntil }, update: {} });
  }
}

/**
 * Sends each manager the request for assessments that have become due and were not yet
 * requested. Idempotent. Background work (the job `training.behaviourRequests`), never a page read.
 */
export async function requestDueBehaviourAssessments(db: Db, now = new Date()) {
  const due = await db.trainingBehaviourAssessment.findMany({
    where: { requestedAt: null, submittedAt: null, dueFrom: { lte: now }, dueUntil: { gte: now } },
    select: { id: true, managerId: true, dueUntil: true, enrolment: { select: { sessionId: true } } },
    take: 500,
  });
  for (const a of due) {
    await db.$transaction(async (tx) => {
      const claimed = await tx.trainingBehaviourAssessment.updateMany({
        where: { id: a.id, requestedAt: null },
        data: { requestedAt: now },
      });
      if (claimed.count === 0) return;
      await enqueueNotification(tx, {
        type: "training.behaviourRequest",
        recipientIds: [a.managerId],
        payload: { assessmentId: a.id, sessionId: a.enrolment.sessionId, dueUntil: a.dueUntil.toISOString() },
      });
    });
  }
  return due.length;
}

/** The manager's list: assessments open now (due or overdue), then the ones coming up. */
export async function listAssessmentsFor(db: Db, managerId: string, now = new Date()) {
  const rows = await db.trainingBehaviourAssessment.findMany({
    where: { managerId, OR: [{ submittedAt: null }, { submittedAt: { gte: new Date(now.getTime() - 180 * 24 * 3600_000) } }] },
    orderBy: [{ dueFrom: "asc" }],
    take: 200,
    select: {
      id: true,
      dueFrom: true,
      dueUntil: true,
      submittedAt: true,
      applicationScore: true,
      improvementScore: true,
      enrolment: {
        select: {
          employee: { select: { name: true, employeeNo: true } },
          session: { select: { id: true, endsAt: true, course: { select: { code: true, titleZh: true, titleEn: true } } } },
        },
      },
    },
  });
  return rows;
}

export type BehaviourInput = { applicationScore: number; improvementScore: number; comment?: string };

/** Records the manager's assessment; only their own, only once it is due. Null: not theirs (404). */
export async function submitAssessment(
  db: Db,
  actor: { userId: string; employeeId: string },
  assessmentId: string,
  input: BehaviourInput,
  now = new Date(),
) {
  const a = await db.trainingBehaviourAssessment.findFirst({
    where: { id: assessmentId, managerId: actor.employeeId },
    select: { id: true, dueFrom: true, submittedAt: true },
  });
  if (!a) return null;
  if (a.submittedAt) return { ok: false as const, key: "training.errors.alreadySubmitted" };
  if (now < a.dueFrom) return { ok: false as const, key: "training.errors.notDueYet" };
  await db.$transaction(async (tx) => {
    await tx.trainingBehaviourAssessment.update({
      where: { id: a.id },
      data: { ...input, comment: input.comment || null, submittedAt: now },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: "training.behaviour.submit",
      entity: "TrainingBehaviourAssessment",
      entityId: a.id,
      after: input,
    });
  });
  return { ok: true as const };
}
