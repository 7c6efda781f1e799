import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { isInScope, may, unitWhere, type Actor } from "~/modules/auth/scope";
import { parseCodeList } from "~/modules/careers/criteria";
import { addMonths, dayStart } from "~/modules/careers/dates";
import { createAssignment } from "./assignments.server";
import { applicationOutcome, HOLDING, rotationEligibility } from "./rules";
import { fieldError } from "~/utils/domain-error";
import { formatDate } from "~/utils/format";

/** Whether the employee may apply to rotations under a programme's rules, and why not. */
export async function eligibilityFor(db: Db, employeeId: string, rules: { minMonthsInPost: number; tracksJson: string }, now = new Date()) {
  const [employee, lastCompleted, open, pending] = await Promise.all([
    db.employee.findUniqueOrThrow({ where: { id: employeeId }, select: { track: true, hireDate: true } }),
    db.rotationAssignment.findFirst({
      where: { employeeId, status: "completed" },
      orderBy: { endDate: "desc" },
      select: { endDate: true },
    }),
    db.rotationAssignment.count({ where: { employeeId, status: { in: HOLDING } } }),
    db.rotationApplication.count({ where: { employeeId, status: "pending" } }),
  ]);
  const postSince = lastCompleted && lastCompleted.endDate > employee.hireDate ? lastCompleted.endDate : employee.hireDate;
  return rotationEligibility(
    { minMonthsInPost: rules.minMonthsInPost, tracks: parseCodeList(rules.tracksJson) },
    { track: employee.track, postSince, hasOpenAssignment: open > 0, hasPendingApplication: pending > 0 },
    now,
  );
}

async function openOpening(db: Db, openingId: string) {
  const opening = await db.rotationOpening.findFirst({
    where: { id: openingId, status: "open", programme: { status: "open" } },
    select: { id: true, hostUnitId: true, programme: { select: { minMonthsInPost: true, tracksJson: true } } },
  });
  if (!opening) throw fieldError("openingId", "rotations.errors.openingClosed");
  return opening;
}

/** An employee applies; a head (for their own staff) or HR nominates. Both go to both units for approval. */
export async function submitApplication(
  db: Db,
  actor: Actor,
  input: { openingId: string; employeeId: string; proposedStart: string; motivation: string; source: "self" | "nomination" },
  now = new Date(),
) {
  const opening = await openOpening(db, input.openingId);
  const employee = await db.employee.findFirst({
    where:
      input.source === "self" ? { id: input.employeeId, active: true } : { id: input.employeeId, active: true, unit: unitWhere(actor) },
    select: { id: true, unitId: true },
  });
  if (!employee || (input.source === "self" && employee.id !== actor.employeeId)) return null;
  if (employee.unitId === opening.hostUnitId) throw fieldError("openingId", "rotations.errors.sameUnit");
  if (dayStart(input.proposedStart) < dayStart(formatDate(now))) throw fieldError("proposedStart", "rotations.errors.startInPast");
  const eligibility = await eligibilityFor(db, employee.id, opening.programme, now);
  if (!eligibility.eligible) throw fieldError("openingId", "rotations.errors.notEligible");
  return db.$transaction(async (tx) => {
    const saved = await tx.rotationApplication.create({
      data: {
        openingId: opening.id,
        employeeId: employee.id,
        source: input.source,
        nominatedById: input.source === "nomination" ? actor.userId : null,
        motivation: input.motivation,
        proposedStart: dayStart(input.proposedStart),
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: `rotation.application.${input.source}`,
      entity: "RotationApplication",
      entityId: saved.id,
      after: { openingId: opening.id, employeeId: employee.id },
    });
    return saved;
  });
}

/**
 * One side's decision: the home unit's head for the employee, the host unit's head for the
 * opening, or HR for either. When both have approved, the assignment is planned (with the
 * overlap and capacity checks) in the same transaction.
 */
export async function decideApplication(
  db: Db,
  actor: Actor,
  input: { applicationId: string; side: "home" | "host"; decision: "approved" | "rejected"; comment: string },
) {
  const application = await db.rotationApplication.findUnique({
    where: { id: input.applicationId },
    select: {
      id: true,
      status: true,
      homeDecision: true,
      hostDecision: true,
      proposedStart: true,
      motivation: true,
      employee: { select: { id: true, unit: { select: { path: true } } } },
      opening: { select: { id: true, months: true, title: true, hostUnit: { select: { path: true } } } },
    },
  });
  if (!application) return null;
  const sidePath = input.side === "home" ? application.employee.unit.path : application.opening.hostUnit.path;
  const hr = actor.role === "hr_admin";
  const visible = hr || isInScope(actor, application.employee.unit.path) || isInScope(actor, application.opening.hostUnit.path);
  if (!visible) return null;
  if (!decidesSide(actor, sidePath)) throw fieldError("side", "rotations.errors.notYourSide");
  if (application.status !== "pending") throw fieldError("side", "rotations.errors.applicationDecided");
  if (input.decision === "rejected" && !input.comment.trim()) throw fieldError("comment", "rotations.errors.rejectionNeedsComment");
  const home = input.side === "home" ? input.decision : application.homeDecision;
  const host = input.side === "host" ? input.decision : application.hostDecision;
  const outcome = applicationOutcome(home, host);
  return db.$transaction(async (tx) => {
    let assignmentId: string | null = null;
    if (outcome === "approved") {
      const start = application.proposedStart;
      const end = new Date(addMonths(start, application.opening.months).getTime() - 86_400_000);
      const created = await createAssignment(
        db,
        actor.userId,
        {
          openingId: application.opening.id,
          employeeId: application.employee.id,
          startDate: start.toISOString().slice(0, 10),
          endDate: end.toISOString().slice(0, 10),
          objectives: application.opening.title,
          returnPlan: "—",
        },
        tx,
      );
      assignmentId = created.id;
    }
    await tx.rotationApplication.update({
      where: { id: application.id },
      data: {
        ...(input.side === "home"
          ? { homeDecision: input.decision, homeDecidedById: actor.userId }
          : { hostDecision: input.decision, hostDecidedById: actor.userId }),
        status: outcome,
        assignmentId,
        ...(input.comment ? { decisionComment: input.comment } : {}),
      },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: `rotation.application.${input.side}.${input.decision}`,
      entity: "RotationApplication",
      entityId: application.id,
      after: { outcome, assignmentId, comment: input.comment },
    });
    return { outcome, assignmentId };
  });
}

/** Whether the actor decides for the side (home or host) whose unit is at `unitPath`: HR, or its head. */
function decidesSide(actor: Actor, unitPath: string) {
  return may(actor, "rotation.host", unitPath);
}

/**
 * Applications the actor can see on a programme: their staff's, or those for openings they host;
 * each says which sides the actor decides (`mayHome`, `mayHost`).
 */
export async function applicationsInScope(db: Db, actor: Actor, programmeId: string) {
  const scope = unitWhere(actor);
  const applications = await db.rotationApplication.findMany({
    where: { opening: { programmeId }, OR: [{ employee: { unit: scope } }, { opening: { hostUnit: scope } }] },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      source: true,
      motivation: true,
      proposedStart: true,
      homeDecision: true,
      hostDecision: true,
      decisionComment: true,
      status: true,
      assignmentId: true,
      employee: { select: { employeeNo: true, name: true, unit: { select: { nameZh: true, nameEn: true, path: true } } } },
      opening: { select: { title: true, hostUnit: { select: { nameZh: true, nameEn: true, path: true } } } },
    },
  });
  return applications.map((a) => ({
    ...a,
    mayHome: decidesSide(actor, a.employee.unit.path),
    mayHost: decidesSide(actor, a.opening.hostUnit.path),
  }));
}

/** The employee's own page: open openings with eligibility, their applications and assignments. */
export async function myRotations(db: Db, employeeId: string, now = new Date()) {
  const [programmes, applications, assignments] = await Promise.all([
    db.rotationProgramme.findMany({
      where: { status: "open" },
      select: {
        id: true,
        name: true,
        description: true,
        minMonthsInPost: true,
        tracksJson: true,
        openings: {
          where: { status: "open" },
          select: {
            id: true,
            title: true,
            description: true,
            type: true,
            months: true,
            capacity: true,
            hostUnit: { select: { nameZh: true, nameEn: true } },
          },
        },
      },
    }),
    db.rotationApplication.findMany({
      where: { employeeId },
      orderBy: { createdAt: "desc" },
      take: 20,
      select: {
        id: true,
        status: true,
        homeDecision: true,
        hostDecision: true,
        proposedStart: true,
        decisionComment: true,
        opening: { select: { title: true, hostUnit: { select: { nameZh: true, nameEn: true } } } },
      },
    }),
    db.rotationAssignment.findMany({
      where: { employeeId },
      orderBy: { startDate: "desc" },
      select: {
        id: true,
        type: true,
        status: true,
        startDate: true,
        endDate: true,
        objectives: true,
        returnPlan: true,
        scoreOverall: true,
        hostComment: true,
        evaluatedAt: true,
        reflection: true,
        hostUnit: { select: { nameZh: true, nameEn: true } },
        mentor: { select: { name: true } },
      },
    }),
  ]);
  const withEligibility = await Promise.all(
    programmes.map(async (p) => ({ ...p, eligibility: await eligibilityFor(db, employeeId, p, now) })),
  );
  return { programmes: withEligibility, applications, assignments };
}
