import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { signOffState, unitsForSigner } from "~/modules/pay/sign-off.server";
import { transition } from "~/modules/pay/run-state";
import { dueBounds, dueState } from "~/modules/surveys/reports/plan-actions";

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
  | { kind: "objections"; periodId: string; periodCode: string; count: number }
  | { kind: "surveyAction"; id: string; title: string; dueOn: Date; overdue: boolean };

/** The step that moves a run on from each status. */
const NEXT_ACTION: Partial<Record<string, "review" | "approve" | "lock">> = { draft: "review", reviewed: "approve", approved: "lock" };

/** Payslips locked in this many days are announced. */
const PAYSLIP_DAYS = 45;
/** Training sessions starting within this many days are announced. */
const SESSION_DAYS = 14;
const DAY = 24 * 60 * 60 * 1000;

export async function whatWaits(db: Db, actor: Actor, now = new Date()): Promise<WaitingItem[]> {
  const employeeId = actor.employeeId;
  const [surveys, payslip, assessments, sessions, runs, cycles, suggestions, appeals, objections, actions] = await Promise.all([
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
    // Appeals and objections to decide (few at any time): read whole, then kept to the actor's scope.
    may(actor, "pay.calibrate")
      ? db.payAppeal.findMany({ where: { status: "open", employeeId: { not: employeeId ?? "" } }, select: { runId: true, unitId: true } })
      : [],
    may(actor, "kpi.view")
      ? db.kpiTargetResponse.findMany({
          where: { kind: "objection", answeredAt: null, employeeId: { not: employeeId ?? "" } },
          select: { periodId: true, employeeId: true },
        })
      : [],
    // Survey actions the person owns in published plans, overdue or due soon.
    employeeId
      ? db.surveyAction.findMany({
          where: {
            ownerId: employeeId,
            status: { not: "done" },
            plan: { publishedAt: { not: null } },
            dueOn: { lte: dueBounds(now).soonUntil },
          },
          select: { id: true, title: true, dueOn: true, status: true },
          orderBy: [{ dueOn: "asc" }, { id: "asc" }],
          take: 5,
        })
      : [],
  ]);

  const items: WaitingItem[] = [];
  for (const a of surveys) items.push({ kind: "survey", ...a.survey, opened: a.tokenTaken });
  for (const a of actions)
    items.push({ kind: "surveyAction", id: a.id, title: a.title, dueOn: a.dueOn, overdue: dueState(a, now) === "overdue" });
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
    // The step this person may take, by the run rules themselves (never one on a run they prepared, reviewed or signed off).
    const action = NEXT_ACTION[run.status];
    const step =
      action && transition({ ...run, pendingSignOffs: chain?.pending ?? 0, signerIds: chain?.signerIds }, action, actor.userId).ok
        ? action
        : null;
    if (step) items.push({ kind: "payRun", id: run.id, periodCode: run.periodCode, step });
  }
  for (const c of cycles)
    if (c._count.nominations > 0) items.push({ kind: "nominations", cycleId: c.id, name: c.name, count: c._count.nominations });
  if (suggestions > 0) items.push({ kind: "suggestions", count: suggestions });
  const scoped = appeals.length || objections.length ? await unitIdsInScope(db, actor) : new Set<string>();
  const myAppeals = countBy(
    appeals.filter((a) => scoped.has(a.unitId)),
    (a) => a.runId,
  );
  if (myAppeals.size) {
    const codes = new Map(
      (await db.payRun.findMany({ where: { id: { in: [...myAppeals.keys()] } }, select: { id: true, periodCode: true } })).map((r) => [
        r.id,
        r.periodCode,
      ]),
    );
    for (const [runId, count] of myAppeals) items.push({ kind: "appeals", runId, periodCode: codes.get(runId) ?? "", count });
  }
  const inScope = objections.length
    ? new Set(
        (await db.employee.findMany({ where: { id: { in: objections.map((o) => o.employeeId) } }, select: { id: true, unitId: true } }))
          .filter((e) => scoped.has(e.unitId))
          .map((e) => e.id),
      )
    : new Set<string>();
  const myObjections = countBy(
    objections.filter((o) => inScope.has(o.employeeId)),
    (o) => o.periodId,
  );
  if (myObjections.size) {
    const codes = new Map(
      (await db.appraisalPeriod.findMany({ where: { id: { in: [...myObjections.keys()] } }, select: { id: true, code: true } })).map(
        (p) => [p.id, p.code],
      ),
    );
    for (const [periodId, count] of myObjections)
      items.push({ kind: "objections", periodId, periodCode: codes.get(periodId) ?? "", count });
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
  return new Set((await db.unit.findMany({ where: unitWhere(actor), select: { id: true } })).map((u) => u.id));
}

function countBy<T>(items: T[], key: (item: T) => string) {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
