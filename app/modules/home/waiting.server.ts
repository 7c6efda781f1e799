import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { signOffState, unitsForSigner } from "~/modules/pay/sign-off.server";

/**
 * What waits for one person, for the home page: things they can act on now, most urgent
 * first. Each capability's item is read with the person's own permissions and scope, so the
 * list shows nothing their pages would not.
 */
export type WaitingItem =
  | { kind: "survey"; id: string; titleZh: string; titleEn: string; closesAt: Date; opened: boolean }
  | { kind: "payslip"; runId: string; employeeId: string; periodCode: string; lockedAt: Date }
  | { kind: "assessments"; count: number; dueUntil: Date }
  | { kind: "session"; id: string; titleZh: string; titleEn: string; startsAt: Date }
  | { kind: "payRun"; id: string; periodCode: string; step: "review" | "signOff" | "approve" | "lock" }
  | { kind: "nominations"; cycleId: string; name: string; count: number }
  | { kind: "suggestions"; count: number }
  | { kind: "appeals"; runId: string; periodCode: string; count: number }
  | { kind: "objections"; periodId: string; periodCode: string; count: number };

/** Payslips locked in this many days are announced. */
const PAYSLIP_DAYS = 45;
/** Training sessions starting within this many days are announced. */
const SESSION_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

export async function whatWaits(db: Db, actor: Actor, now = new Date()): Promise<WaitingItem[]> {
  const employeeId = actor.employeeId;
  const scopedUnits = may(actor, "pay.calibrate") || may(actor, "kpi.view") ? await unitIdsInScope(db, actor) : [];
  const [surveys, payslip, assessments, sessions, runs, cycles, suggestions, appeals, objections] = await Promise.all([
    employeeId
      ? db.surveyParticipation.findMany({
          where: { employeeId, survey: { status: "open", opensAt: { lte: now }, closesAt: { gt: now } } },
          select: { tokenTaken: true, survey: { select: { id: true, titleZh: true, titleEn: true, closesAt: true } } },
          orderBy: { survey: { closesAt: "asc" } },
          take: 5,
        })
      : [],
    employeeId
      ? db.payLine.findFirst({
          where: { employeeId, run: { status: "locked", lockedAt: { gte: new Date(now.getTime() - PAYSLIP_DAYS * DAY) } } },
          orderBy: { run: { lockedAt: "desc" } },
          select: { runId: true, run: { select: { periodCode: true, lockedAt: true } } },
        })
      : null,
    employeeId
      ? db.trainingBehaviourAssessment.findMany({
          where: { managerId: employeeId, submittedAt: null, dueFrom: { lte: now }, dueUntil: { gt: now } },
          select: { dueUntil: true },
          orderBy: { dueUntil: "asc" },
        })
      : [],
    employeeId
      ? db.trainingEnrolment.findMany({
          where: {
            employeeId,
            status: "enrolled",
            session: { startsAt: { gt: now, lte: new Date(now.getTime() + SESSION_DAYS * DAY) } },
          },
          select: { session: { select: { id: true, startsAt: true, course: { select: { titleZh: true, titleEn: true } } } } },
          orderBy: { session: { startsAt: "asc" } },
          take: 3,
        })
      : [],
    // HR sees every run in flight; a head only reviewed runs whose chain waits for heads' sign-offs.
    may(actor, "pay.approve") || may(actor, "pay.view")
      ? db.payRun.findMany({
          where: may(actor, "pay.approve")
            ? { status: { in: ["draft", "reviewed", "approved"] } }
            : { status: "reviewed", headSignOff: true },
          select: {
            id: true,
            periodCode: true,
            status: true,
            issueCount: true,
            preparedById: true,
            reviewedById: true,
            headSignOff: true,
          },
          orderBy: { createdAt: "desc" },
          take: 5,
        })
      : [],
    may(actor, "career.review")
      ? db.promotionCycle.findMany({
          where: { status: "reviewing" },
          select: {
            id: true,
            name: true,
            _count: { select: { nominations: { where: { status: "nominated", employee: { unit: unitWhere(actor) } } } } },
          },
        })
      : [],
    may(actor, "suggestion.handle")
      ? db.suggestion.count({ where: { ownerUserId: actor.userId, status: { in: ["new", "under_review"] } } })
      : 0,
    // Appeals and objections to decide: in the actor's scope, never their own.
    may(actor, "pay.calibrate")
      ? db.payAppeal.groupBy({
          by: ["runId"],
          where: { status: "open", unitId: { in: scopedUnits }, employeeId: { not: employeeId ?? "" } },
          _count: { _all: true },
        })
      : [],
    may(actor, "kpi.view")
      ? db.kpiTargetResponse.groupBy({
          by: ["periodId"],
          where: {
            kind: "objection",
            answeredAt: null,
            employeeId: { not: employeeId ?? "", in: await employeeIdsIn(db, scopedUnits) },
          },
          _count: { _all: true },
        })
      : [],
  ]);

  const items: WaitingItem[] = [];
  for (const a of surveys) items.push({ kind: "survey", ...a.survey, opened: a.tokenTaken });
  if (assessments.length) items.push({ kind: "assessments", count: assessments.length, dueUntil: assessments[0].dueUntil });
  for (const run of runs) {
    // While heads sign off, the run waits for those who may sign a unit now, not for approval.
    const chain = run.status === "reviewed" && run.headSignOff ? await signOffState(db, run.id, employeeId) : null;
    if (chain && chain.pending > 0) {
      if (unitsForSigner(run, chain, actor).length > 0)
        items.push({ kind: "payRun", id: run.id, periodCode: run.periodCode, step: "signOff" });
      continue;
    }
    if (!may(actor, "pay.approve")) continue;
    // The step this person may take: never one on a run they prepared, reviewed or signed off (separation of duties).
    const step =
      run.status === "draft" && run.issueCount === 0 && run.preparedById !== actor.userId
        ? "review"
        : run.status === "reviewed" &&
            run.preparedById !== actor.userId &&
            run.reviewedById !== actor.userId &&
            !chain?.signerIds.includes(actor.userId)
          ? "approve"
          : run.status === "approved"
            ? "lock"
            : null;
    if (step) items.push({ kind: "payRun", id: run.id, periodCode: run.periodCode, step });
  }
  for (const c of cycles)
    if (c._count.nominations > 0) items.push({ kind: "nominations", cycleId: c.id, name: c.name, count: c._count.nominations });
  if (suggestions > 0) items.push({ kind: "suggestions", count: suggestions });
  if (appeals.length) {
    const codes = new Map(
      (await db.payRun.findMany({ where: { id: { in: appeals.map((a) => a.runId) } }, select: { id: true, periodCode: true } })).map(
        (r) => [r.id, r.periodCode],
      ),
    );
    for (const a of appeals) items.push({ kind: "appeals", runId: a.runId, periodCode: codes.get(a.runId) ?? "", count: a._count._all });
  }
  if (objections.length) {
    const codes = new Map(
      (
        await db.appraisalPeriod.findMany({ where: { id: { in: objections.map((o) => o.periodId) } }, select: { id: true, code: true } })
      ).map((p) => [p.id, p.code]),
    );
    for (const o of objections)
      items.push({ kind: "objections", periodId: o.periodId, periodCode: codes.get(o.periodId) ?? "", count: o._count._all });
  }
  if (payslip?.run.lockedAt)
    items.push({
      kind: "payslip",
      runId: payslip.runId,
      employeeId: employeeId!,
      periodCode: payslip.run.periodCode,
      lockedAt: payslip.run.lockedAt,
    });
  for (const e of sessions)
    items.push({
      kind: "session",
      id: e.session.id,
      titleZh: e.session.course.titleZh,
      titleEn: e.session.course.titleEn,
      startsAt: e.session.startsAt,
    });
  return items;
}

async function unitIdsInScope(db: Db, actor: Actor) {
  return (await db.unit.findMany({ where: unitWhere(actor), select: { id: true } })).map((u) => u.id);
}

async function employeeIdsIn(db: Db, unitIds: string[]) {
  if (unitIds.length === 0) return [];
  return (await db.employee.findMany({ where: { unitId: { in: unitIds } }, select: { id: true } })).map((e) => e.id);
}
