import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { isInScope, unitWhere, type Actor } from "~/modules/auth/scope";
import { dayStart } from "~/modules/careers/dates";
import { canTransition, exceedsCapacity, findOverlap, HOLDING } from "./rules";
import { fieldError } from "~/utils/domain-error";

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** Refuses a placement that overlaps the person's other rotations or overfills the opening. */
export async function checkPlacement(db: Db | Tx, input: { id?: string; employeeId: string; openingId: string; start: Date; end: Date }) {
  const [mine, opening] = await Promise.all([
    db.rotationAssignment.findMany({
      where: { employeeId: input.employeeId, status: { in: HOLDING } },
      select: { id: true, startDate: true, endDate: true },
    }),
    db.rotationOpening.findUnique({
      where: { id: input.openingId },
      select: { capacity: true, assignments: { where: { status: { in: HOLDING } }, select: { id: true, startDate: true, endDate: true } } },
    }),
  ]);
  if (!opening) throw fieldError("openingId", "errors.notFound");
  const candidate = { id: input.id, start: input.start, end: input.end };
  if (
    findOverlap(
      candidate,
      mine.map((m) => ({ id: m.id, start: m.startDate, end: m.endDate })),
    )
  )
    throw fieldError("startDate", "rotations.errors.overlap");
  if (
    exceedsCapacity(
      candidate,
      opening.assignments.map((a) => ({ id: a.id, start: a.startDate, end: a.endDate })),
      opening.capacity,
    )
  ) {
    throw fieldError("startDate", "rotations.errors.capacity");
  }
}

async function mentorId(db: Db | Tx, mentorNo: string | undefined, employeeId: string) {
  if (!mentorNo) return null;
  const mentor = await db.employee.findFirst({ where: { employeeNo: mentorNo, active: true }, select: { id: true } });
  if (!mentor) throw fieldError("mentorNo", "errors.unknownManager");
  if (mentor.id === employeeId) throw fieldError("mentorNo", "rotations.errors.selfMentor");
  return mentor.id;
}

export type PlanInput = { startDate: string; endDate: string; mentorNo?: string; objectives: string; returnPlan: string };

/** Plans an assignment (status planned) in one transaction with its checks. */
export async function createAssignment(
  db: Db,
  actorId: string,
  input: PlanInput & { openingId: string; employeeId: string },
  tx?: Tx,
): Promise<{ id: string }> {
  const run = async (t: Tx) => {
    const [opening, employee] = await Promise.all([
      t.rotationOpening.findUnique({ where: { id: input.openingId }, select: { id: true, hostUnitId: true, type: true } }),
      t.employee.findFirst({ where: { id: input.employeeId, active: true }, select: { id: true, unitId: true } }),
    ]);
    if (!opening) throw fieldError("openingId", "errors.notFound");
    if (!employee) throw fieldError("employeeNo", "rotations.errors.unknownEmployee");
    if (employee.unitId === opening.hostUnitId) throw fieldError("employeeNo", "rotations.errors.sameUnit");
    const start = dayStart(input.startDate);
    const end = dayStart(input.endDate);
    await checkPlacement(t, { employeeId: employee.id, openingId: opening.id, start, end });
    const data = {
      openingId: opening.id,
      employeeId: employee.id,
      homeUnitId: employee.unitId,
      hostUnitId: opening.hostUnitId,
      type: opening.type,
      startDate: start,
      endDate: end,
      mentorId: await mentorId(t, input.mentorNo, employee.id),
      objectives: input.objectives,
      returnPlan: input.returnPlan,
      createdById: actorId,
    };
    const saved = await t.rotationAssignment.create({ data, select: { id: true } });
    await audit(t, { actorId, action: "rotation.assignment.create", entity: "RotationAssignment", entityId: saved.id, after: data });
    return saved;
  };
  return tx ? run(tx) : db.$transaction(run);
}

const assignmentSelect = {
  id: true,
  type: true,
  status: true,
  startDate: true,
  endDate: true,
  objectives: true,
  returnPlan: true,
  openingId: true,
  scoreResults: true,
  scoreLearning: true,
  scoreCollaboration: true,
  scoreOverall: true,
  hostComment: true,
  evaluatedAt: true,
  reflection: true,
  reflectedAt: true,
  employee: { select: { id: true, employeeNo: true, name: true } },
  mentor: { select: { employeeNo: true, name: true } },
  homeUnit: { select: { id: true, nameZh: true, nameEn: true, path: true } },
  hostUnit: { select: { id: true, nameZh: true, nameEn: true, path: true } },
  opening: { select: { title: true, programme: { select: { id: true, name: true } } } },
} as const;

/**
 * An assignment the actor may see: their own, or one whose home or host unit is in their
 * scope (heads, HR); null otherwise (404). `role` says what they may do with it.
 */
export async function assignmentForActor(db: Db, actor: Actor, id: string) {
  const row = await db.rotationAssignment.findUnique({ where: { id }, select: assignmentSelect });
  if (!row) return null;
  const own = row.employee.id === actor.employeeId;
  const hr = actor.role === "hr_admin";
  const host = actor.role === "dept_head" && isInScope(actor, row.hostUnit.path);
  const home = actor.role === "dept_head" && isInScope(actor, row.homeUnit.path);
  if (!own && !hr && !host && !home) return null;
  return { row, may: { plan: hr || host, transition: hr || host, evaluate: (hr || host) && !own, reflect: own } };
}

export async function updatePlan(db: Db, actorId: string, id: string, input: PlanInput) {
  const current = await db.rotationAssignment.findUniqueOrThrow({
    where: { id },
    select: {
      status: true,
      employeeId: true,
      openingId: true,
      startDate: true,
      endDate: true,
      objectives: true,
      returnPlan: true,
      mentorId: true,
    },
  });
  if (current.status !== "planned" && current.status !== "active") throw fieldError("startDate", "rotations.errors.notEditable");
  const start = dayStart(input.startDate);
  const end = dayStart(input.endDate);
  if (current.openingId) await checkPlacement(db, { id, employeeId: current.employeeId, openingId: current.openingId, start, end });
  const data = {
    startDate: start,
    endDate: end,
    mentorId: await mentorId(db, input.mentorNo, current.employeeId),
    objectives: input.objectives,
    returnPlan: input.returnPlan,
  };
  await db.$transaction(async (tx) => {
    await tx.rotationAssignment.update({ where: { id }, data });
    await audit(tx, {
      actorId,
      action: "rotation.assignment.plan",
      entity: "RotationAssignment",
      entityId: id,
      before: current,
      after: data,
    });
  });
}

export async function transition(db: Db, actorId: string, id: string, to: "active" | "completed" | "cancelled") {
  const current = await db.rotationAssignment.findUniqueOrThrow({ where: { id }, select: { status: true } });
  if (!canTransition(current.status, to)) throw fieldError("to", "rotations.errors.transition");
  await db.$transaction(async (tx) => {
    // The guard on status makes two racing clicks change it once.
    const { count } = await tx.rotationAssignment.updateMany({ where: { id, status: current.status }, data: { status: to } });
    if (count !== 1) throw fieldError("to", "rotations.errors.transition");
    await audit(tx, {
      actorId,
      action: `rotation.assignment.${to}`,
      entity: "RotationAssignment",
      entityId: id,
      before: { status: current.status },
      after: { status: to },
    });
  });
}

export async function evaluate(
  db: Db,
  actorId: string,
  id: string,
  input: { scoreResults: number; scoreLearning: number; scoreCollaboration: number; scoreOverall: number; hostComment: string },
) {
  const current = await db.rotationAssignment.findUniqueOrThrow({ where: { id }, select: { status: true, evaluatedAt: true } });
  if (current.status !== "completed") throw fieldError("hostComment", "rotations.errors.evaluateWhenCompleted");
  await db.$transaction(async (tx) => {
    await tx.rotationAssignment.update({ where: { id }, data: { ...input, evaluatedById: actorId, evaluatedAt: new Date() } });
    await audit(tx, { actorId, action: "rotation.assignment.evaluate", entity: "RotationAssignment", entityId: id, after: input });
  });
}

export async function reflect(db: Db, actor: { userId: string; employeeId: string }, id: string, reflection: string) {
  const current = await db.rotationAssignment.findFirst({ where: { id, employeeId: actor.employeeId }, select: { status: true } });
  if (!current) return null;
  if (current.status !== "completed") throw fieldError("reflection", "rotations.errors.reflectWhenCompleted");
  await db.$transaction(async (tx) => {
    await tx.rotationAssignment.update({ where: { id }, data: { reflection, reflectedAt: new Date() } });
    await audit(tx, { actorId: actor.userId, action: "rotation.assignment.reflect", entity: "RotationAssignment", entityId: id });
  });
  return id;
}

/** Assignments whose home or host unit is in scope, for the timeline (newest first). */
export function assignmentsInScope(db: Db, actor: Actor, options: { status?: string; from?: Date } = {}) {
  const scope = unitWhere(actor);
  return db.rotationAssignment.findMany({
    where: {
      OR: [{ homeUnit: scope }, { hostUnit: scope }],
      ...(options.status ? { status: options.status } : {}),
      ...(options.from ? { endDate: { gte: options.from } } : {}),
    },
    orderBy: [{ startDate: "asc" }],
    take: 500,
    select: {
      id: true,
      type: true,
      status: true,
      startDate: true,
      endDate: true,
      employee: { select: { employeeNo: true, name: true } },
      homeUnit: { select: { nameZh: true, nameEn: true } },
      hostUnit: { select: { nameZh: true, nameEn: true } },
    },
  });
}
