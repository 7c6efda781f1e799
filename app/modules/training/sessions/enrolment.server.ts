import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { createBehaviourAssessments } from "../evaluation/behaviour.server";
import { placement, promotions } from "./waitlist";
import { DomainError, fieldError } from "~/utils/domain-error";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Enrolment is open until the session starts; HR may still add people until it is completed (records after the fact). */
async function openSession(db: Db | Tx, sessionId: string, now: Date, hrRecording: boolean) {
  const session = await db.trainingSession.findUnique({
    where: { id: sessionId },
    select: { id: true, capacity: true, status: true, enrolmentOpen: true, startsAt: true },
  });
  if (!session) throw fieldError("sessionId", "errors.notFound");
  if (session.status !== "scheduled") throw fieldError("sessionId", "training.errors.enrolmentClosed");
  if (!hrRecording && (!session.enrolmentOpen || session.startsAt <= now)) throw fieldError("sessionId", "training.errors.enrolmentClosed");
  return session;
}

async function place(
  tx: Tx,
  input: {
    sessionId: string;
    employeeId: string;
    source: "self" | "nomination";
    nominatedById: string | null;
    actorId: string;
    now: Date;
    hrRecording?: boolean;
  },
) {
  const session = await openSession(tx, input.sessionId, input.now, input.hrRecording ?? false);
  const existing = await tx.trainingEnrolment.findUnique({
    where: { sessionId_employeeId: { sessionId: input.sessionId, employeeId: input.employeeId } },
    select: { id: true, status: true },
  });
  if (existing && existing.status !== "cancelled") throw fieldError("employeeId", "training.errors.alreadyEnrolled");
  const enrolled = await tx.trainingEnrolment.count({ where: { sessionId: input.sessionId, status: "enrolled" } });
  const status = placement(session.capacity, enrolled);
  const data = {
    status,
    source: input.source,
    nominatedById: input.nominatedById,
    queuedAt: input.now,
    attendance: null,
    completedAt: null,
  };
  const row = existing
    ? await tx.trainingEnrolment.update({ where: { id: existing.id }, data, select: { id: true, status: true } })
    : await tx.trainingEnrolment.create({
        data: { ...data, sessionId: input.sessionId, employeeId: input.employeeId },
        select: { id: true, status: true },
      });
  await audit(tx, {
    actorId: input.actorId,
    action: `training.enrol.${input.source}`,
    entity: "TrainingEnrolment",
    entityId: row.id,
    after: { sessionId: input.sessionId, employeeId: input.employeeId, status },
  });
  return row;
}

/** The employee enrols themself: a place if one is free, otherwise the waiting list. */
export function enrolSelf(db: Db, actor: Actor & { employeeId: string }, sessionId: string, now = new Date()) {
  return db.$transaction((tx) =>
    place(tx, { sessionId, employeeId: actor.employeeId, source: "self", nominatedById: null, actorId: actor.userId, now }),
  );
}

/** A head (or HR) nominates someone in their scope; null when the employee is outside it (404). HR (training.manage) may also add people to a session under way. */
export async function nominate(db: Db, actor: Actor, sessionId: string, employeeId: string, now = new Date()) {
  const hrRecording = may(actor, "training.manage");
  const employee = await db.employee.findFirst({ where: { id: employeeId, active: true, unit: unitWhere(actor) }, select: { id: true } });
  if (!employee) return null;
  return db.$transaction(async (tx) => {
    const row = await place(tx, {
      sessionId,
      employeeId,
      source: "nomination",
      nominatedById: actor.userId,
      actorId: actor.userId,
      now,
      hrRecording,
    });
    await enqueueNotification(tx, { type: "training.nominated", recipientIds: [employeeId], payload: { sessionId, status: row.status } });
    return row;
  });
}

/** Fills freed places from the waiting list, earliest first, and tells the people promoted. */
async function promoteFromWaitlist(tx: Tx, sessionId: string, actorId: string) {
  const session = await tx.trainingSession.findUniqueOrThrow({ where: { id: sessionId }, select: { capacity: true } });
  const enrolled = await tx.trainingEnrolment.count({ where: { sessionId, status: "enrolled" } });
  const waitlisted = await tx.trainingEnrolment.findMany({
    where: { sessionId, status: "waitlisted" },
    select: { id: true, queuedAt: true, employeeId: true },
  });
  const ids = promotions(session.capacity, enrolled, waitlisted);
  if (ids.length === 0) return [];
  await tx.trainingEnrolment.updateMany({ where: { id: { in: ids } }, data: { status: "enrolled" } });
  const recipients = waitlisted.filter((w) => ids.includes(w.id)).map((w) => w.employeeId);
  await enqueueNotification(tx, { type: "training.promoted", recipientIds: recipients, payload: { sessionId } });
  await audit(tx, { actorId, action: "training.enrol.promote", entity: "TrainingSession", entityId: sessionId, after: { promoted: ids } });
  return ids;
}

/**
 * Cancels an enrolment the actor may touch (their own; HR any; a head anyone in scope).
 * Returns null when it is not visible to them (404).
 */
export async function cancelEnrolment(db: Db, actor: Actor, enrolmentId: string, now = new Date()) {
  const mayManage = may(actor, "training.manage") || may(actor, "training.nominate");
  const enrolment = await db.trainingEnrolment.findFirst({
    where: { id: enrolmentId, ...(mayManage ? { employee: { unit: unitWhere(actor) } } : { employeeId: actor.employeeId ?? "-" }) },
    select: { id: true, sessionId: true, status: true, session: { select: { status: true, startsAt: true } } },
  });
  if (!enrolment) return null;
  if (enrolment.status === "cancelled") return { promoted: [] as string[] };
  if (enrolment.session.status !== "scheduled" || enrolment.session.startsAt <= now)
    throw fieldError("enrolmentId", "training.errors.tooLateToCancel");
  return db.$transaction(async (tx) => {
    await tx.trainingEnrolment.update({ where: { id: enrolment.id }, data: { status: "cancelled" } });
    await audit(tx, {
      actorId: actor.userId,
      action: "training.enrol.cancel",
      entity: "TrainingEnrolment",
      entityId: enrolment.id,
      before: { status: enrolment.status },
    });
    const promoted = enrolment.status === "enrolled" ? await promoteFromWaitlist(tx, enrolment.sessionId, actor.userId) : [];
    return { promoted };
  });
}

/** Raising the capacity moves people up from the waiting list at once. */
export async function updateCapacity(db: Db, actorId: string, sessionId: string, capacity: number) {
  return db.$transaction(async (tx) => {
    await tx.trainingSession.update({ where: { id: sessionId }, data: { capacity } });
    await audit(tx, { actorId, action: "training.session.capacity", entity: "TrainingSession", entityId: sessionId, after: { capacity } });
    return promoteFromWaitlist(tx, sessionId, actorId);
  });
}

export type AttendanceEntry = {
  enrolmentId: string;
  attendance: "attended" | "absent" | null;
  preScore: number | null;
  postScore: number | null;
};

/** Attendance and test scores for the session's enrolled participants (HR). */
export async function recordAttendance(db: Db, actorId: string, sessionId: string, entries: AttendanceEntry[]) {
  const session = await db.trainingSession.findUnique({ where: { id: sessionId }, select: { testMaxScore: true, status: true } });
  if (!session) throw new DomainError("errors.notFound", { field: "sessionId", status: 404 });
  if (session.status === "cancelled") throw new DomainError("training.errors.sessionCancelled", { field: "sessionId", status: 409 });
  for (const e of entries) {
    for (const score of [e.preScore, e.postScore])
      if (score !== null && score > session.testMaxScore) throw fieldError("scores", "training.errors.scoreAboveMax");
  }
  const ids = new Set(
    (await db.trainingEnrolment.findMany({ where: { sessionId, status: "enrolled" }, select: { id: true } })).map((r) => r.id),
  );
  if (entries.some((e) => !ids.has(e.enrolmentId))) throw fieldError("scores", "training.errors.notOnRoster");
  await db.$transaction(async (tx) => {
    for (const e of entries) {
      await tx.trainingEnrolment.update({
        where: { id: e.enrolmentId },
        data: { attendance: e.attendance, preScore: e.preScore, postScore: e.postScore },
      });
    }
    await audit(tx, { actorId, action: "training.attendance", entity: "TrainingSession", entityId: sessionId, after: entries });
  });
}

/**
 * Closes a delivered session: attendees complete (with a certificate number when the course
 * grants one), the waiting list is released and each completer's manager gets a behaviour
 * assessment for 30–90 days later.
 */
export async function completeSession(db: Db, actorId: string, sessionId: string, now = new Date()) {
  const session = await db.trainingSession.findUnique({
    where: { id: sessionId },
    select: { status: true, endsAt: true, startsAt: true, course: { select: { code: true, grantsCertificate: true } } },
  });
  if (!session) throw fieldError("sessionId", "errors.notFound");
  if (session.status !== "scheduled") throw fieldError("sessionId", "training.errors.notScheduled");
  if (session.startsAt > now) throw fieldError("sessionId", "training.errors.notStarted");
  const unrecorded = await db.trainingEnrolment.count({ where: { sessionId, status: "enrolled", attendance: null } });
  if (unrecorded > 0) throw fieldError("sessionId", "training.errors.attendanceMissing");
  return db.$transaction(async (tx) => {
    const attendees = await tx.trainingEnrolment.findMany({
      where: { sessionId, status: "enrolled", attendance: "attended" },
      orderBy: { id: "asc" },
      select: { id: true, employee: { select: { managerId: true } } },
    });
    const year = session.endsAt.getUTCFullYear();
    let seq = await tx.trainingEnrolment.count({ where: { certificateNo: { startsWith: `${session.course.code}-${year}-` } } });
    for (const a of attendees) {
      const certificateNo = session.course.grantsCertificate ? `${session.course.code}-${year}-${String(++seq).padStart(4, "0")}` : null;
      await tx.trainingEnrolment.update({ where: { id: a.id }, data: { completedAt: session.endsAt, certificateNo } });
    }
    await tx.trainingEnrolment.updateMany({ where: { sessionId, status: "waitlisted" }, data: { status: "cancelled" } });
    await tx.trainingSession.update({ where: { id: sessionId }, data: { status: "completed", enrolmentOpen: false } });
    await createBehaviourAssessments(
      tx,
      session.endsAt,
      attendees.flatMap((a) => (a.employee.managerId ? [{ enrolmentId: a.id, managerId: a.employee.managerId }] : [])),
    );
    await audit(tx, {
      actorId,
      action: "training.session.complete",
      entity: "TrainingSession",
      entityId: sessionId,
      after: { completed: attendees.length },
    });
    return { completed: attendees.length };
  });
}

export async function cancelSession(db: Db, actorId: string, sessionId: string) {
  const session = await db.trainingSession.findUnique({ where: { id: sessionId }, select: { status: true } });
  if (!session) throw fieldError("sessionId", "errors.notFound");
  if (session.status !== "scheduled") throw fieldError("sessionId", "training.errors.notScheduled");
  await db.$transaction(async (tx) => {
    const people = await tx.trainingEnrolment.findMany({
      where: { sessionId, status: { in: ["enrolled", "waitlisted"] } },
      select: { employeeId: true },
    });
    await tx.trainingEnrolment.updateMany({
      where: { sessionId, status: { in: ["enrolled", "waitlisted"] } },
      data: { status: "cancelled" },
    });
    await tx.trainingSession.update({ where: { id: sessionId }, data: { status: "cancelled", enrolmentOpen: false } });
    if (people.length)
      await enqueueNotification(tx, {
        type: "training.sessionCancelled",
        recipientIds: people.map((p) => p.employeeId),
        payload: { sessionId },
      });
    await audit(tx, { actorId, action: "training.session.cancel", entity: "TrainingSession", entityId: sessionId });
  });
}
