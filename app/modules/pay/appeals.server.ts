import { audit } from "~/modules/audit/audit.server";
import { isInScope, may, unitPathScope, unitWhere, type Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { formError } from "~/utils/domain-error";
import { appealDeadline, appealRefusal, decisionRefusal, DEFAULT_APPEAL_WINDOW_DAYS, type AppealOutcome } from "./appeals";
import { bandRatings } from "./calibration";
import { calibrate } from "./calibration.server";
import { explainLine } from "./explain";
import { unpackInputs } from "./line-snapshot";
import { employeeLine, lineRating, type PoolResult, type RunSnapshot } from "./payroll";

/** The period's appeal window in days (the default unless HR set one). */
export async function appealWindowDays(db: Db, periodId: string) {
  const row = await db.payAppealWindow.findUnique({ where: { periodId }, select: { days: true } });
  return row?.days ?? DEFAULT_APPEAL_WINDOW_DAYS;
}

/** HR sets how many days after the run is computed its people may appeal. Audited. */
export async function setAppealWindow(db: Db, actor: Actor, periodId: string, days: number) {
  if (!may(actor, "pay.manage")) throw formError("errors.page.forbidden.body", 403);
  const before = await appealWindowDays(db, periodId);
  await db.$transaction(async (tx) => {
    await tx.payAppealWindow.upsert({
      where: { periodId },
      create: { periodId, days, updatedById: actor.userId },
      update: { days, updatedById: actor.userId },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: "pay.appeal.window",
      entity: "AppraisalPeriod",
      entityId: periodId,
      before,
      after: days,
    });
  });
}

/** The employees whose line in the run is held by an open appeal. */
export async function heldEmployeeIds(db: Db, runId: string): Promise<Set<string>> {
  const rows = await db.payAppeal.findMany({ where: { runId, status: "open" }, select: { employeeId: true } });
  return new Set(rows.map((r) => r.employeeId));
}

/** What held lines of the locked runs of a year (periods starting in it) would pay, by unit path. */
export async function heldSpend(db: Db, year: number, exceptRunId = "") {
  const appeals = await db.payAppeal.findMany({
    where: { status: "open", runId: { not: exceptRunId } },
    select: { runId: true, employeeId: true },
  });
  if (appeals.length === 0) return [];
  const lines = await db.payLine.findMany({
    where: {
      OR: appeals.map((a) => ({ runId: a.runId, employeeId: a.employeeId })),
      run: { status: "locked" },
    },
    select: { totalFen: true, unit: { select: { path: true } }, run: { select: { periodId: true } } },
  });
  const periods = await db.appraisalPeriod.findMany({
    where: { id: { in: [...new Set(lines.map((l) => l.run.periodId))] } },
    select: { id: true, startsOn: true },
  });
  const inYear = new Set(periods.filter((p) => p.startsOn.getUTCFullYear() === year).map((p) => p.id));
  const byPath = new Map<string, number>();
  for (const l of lines) if (inYear.has(l.run.periodId)) byPath.set(l.unit.path, (byPath.get(l.unit.path) ?? 0) + l.totalFen);
  return [...byPath.entries()].map(([unitPath, fen]) => ({ unitPath, fen }));
}

const APPEAL = {
  id: true,
  runId: true,
  employeeId: true,
  unitId: true,
  reason: true,
  status: true,
  createdAt: true,
  decidedAt: true,
  decisionReason: true,
  fromRating: true,
  toRating: true,
  amountFen: true,
} as const;

/** The actor's own line in a run not yet paid or just paid: score, explanation, deadline and appeal. */
export async function myAppealPage(db: Db, actor: Actor, runId: string) {
  if (!actor.employeeId) return null;
  const line = await db.payLine.findUnique({
    where: { runId_employeeId: { runId, employeeId: actor.employeeId } },
    select: {
      basePayFen: true,
      performancePayFen: true,
      growthBonusFen: true,
      poolShareFen: true,
      totalFen: true,
      rating: true,
      inputsJson: true,
      unitId: true,
      run: { select: { id: true, periodId: true, periodCode: true, status: true, computedAt: true, paramsJson: true, poolsJson: true } },
    },
  });
  if (!line) return null;
  const snapshot = JSON.parse(line.run.paramsJson) as RunSnapshot;
  const inputs = unpackInputs(line.inputsJson, snapshot, { employeeId: actor.employeeId, unitId: line.unitId });
  const days = await appealWindowDays(db, line.run.periodId);
  const appeal = await db.payAppeal.findUnique({ where: { runId_employeeId: { runId, employeeId: actor.employeeId } }, select: APPEAL });
  const refusal = appealRefusal(line.run, days, appeal);
  return {
    run: { id: line.run.id, periodCode: line.run.periodCode, status: line.run.status },
    line: {
      basePayFen: line.basePayFen,
      performancePayFen: line.performancePayFen,
      growthBonusFen: line.growthBonusFen,
      poolShareFen: line.poolShareFen,
      totalFen: line.totalFen,
      rating: line.rating,
    },
    explanation: explainLine(snapshot, inputs, JSON.parse(line.run.poolsJson) as PoolResult[]),
    deadline: appealDeadline(line.run.computedAt, days),
    appeal,
    canAppeal: refusal === null,
    refusal,
  };
}

/** The actor's lines in runs open for appeal, and every appeal they made. */
export async function myAppeals(db: Db, actor: Actor) {
  if (!actor.employeeId) return { open: [], appeals: [] };
  const [lines, appeals] = await Promise.all([
    db.payLine.findMany({
      // A monthly line has no score or rating to appeal: its base pay and advance follow the band and the days.
      where: { employeeId: actor.employeeId, run: { status: { not: "locked" }, kind: { not: "monthly" } } },
      select: { runId: true, run: { select: { periodId: true, periodCode: true, computedAt: true, status: true } } },
    }),
    db.payAppeal.findMany({ where: { employeeId: actor.employeeId }, orderBy: { createdAt: "desc" }, select: APPEAL }),
  ]);
  const open = [];
  for (const l of lines) {
    const deadline = appealDeadline(l.run.computedAt, await appealWindowDays(db, l.run.periodId));
    open.push({ runId: l.runId, periodCode: l.run.periodCode, deadline, appealed: appeals.some((a) => a.runId === l.runId) });
  }
  const runs = await db.payRun.findMany({ where: { id: { in: appeals.map((a) => a.runId) } }, select: { id: true, periodCode: true } });
  return { open, appeals: appeals.map((a) => ({ ...a, periodCode: runs.find((r) => r.id === a.runId)?.periodCode ?? "" })) };
}

/** The employee appeals their own line with a reason, once, before the run is locked and within the window. Audited. */
export async function fileAppeal(db: Db, actor: Actor, runId: string, reason: string) {
  const employeeId = actor.employeeId;
  if (!employeeId) throw formError("pay.appeals.errors.notAnEmployee", 403);
  const line = await db.payLine.findUnique({
    where: { runId_employeeId: { runId, employeeId } },
    select: { unitId: true, run: { select: { status: true, computedAt: true, periodId: true, kind: true } } },
  });
  if (!line || line.run.kind === "monthly") throw formError("errors.notFound", 404);
  const days = await appealWindowDays(db, line.run.periodId);
  const existing = await db.payAppeal.findUnique({ where: { runId_employeeId: { runId, employeeId } }, select: { status: true } });
  const refused = appealRefusal(line.run, days, existing);
  if (refused) throw formError(refused, 409);
  return db.$transaction(async (tx) => {
    // Checked again in the transaction: the run may have been locked meanwhile.
    const run = await tx.payRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true } });
    if (run.status === "locked") throw formError("pay.appeals.errors.locked", 409);
    const row = await tx.payAppeal.create({
      data: { runId, employeeId, unitId: line.unitId, reason, createdById: actor.userId, createdAt: new Date() },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: "pay.appeal.create",
      entity: "PayAppeal",
      entityId: row.id,
      after: { runId, reason },
    });
    return row;
  });
}

/** The appeals of a run in the actor's scope (heads their subtree, HR every unit), open first. */
export async function runAppeals(db: Db, actor: Actor, runId: string) {
  if (!may(actor, "pay.calibrate")) return [];
  const rows = await db.payAppeal.findMany({
    where: { runId, ...(await scopeFilter(db, actor)) },
    orderBy: [{ status: "asc" }, { createdAt: "asc" }],
    select: APPEAL,
  });
  const people = await db.employee.findMany({
    where: { id: { in: rows.map((r) => r.employeeId) } },
    select: { id: true, employeeNo: true, name: true },
  });
  const lines = await db.payLine.findMany({
    where: { runId, employeeId: { in: rows.map((r) => r.employeeId) } },
    select: { employeeId: true, rating: true, totalFen: true },
  });
  return rows
    .map((r) => ({
      ...r,
      employee: people.find((p) => p.id === r.employeeId)!,
      line: lines.find((l) => l.employeeId === r.employeeId) ?? null,
      own: r.employeeId === actor.employeeId,
    }))
    .sort((a, b) => (a.status === "open" ? 0 : 1) - (b.status === "open" ? 0 : 1));
}

/** The appeals' unit filter for the actor: none for HR, their subtree's units for a head. */
async function scopeFilter(db: Db, actor: Actor) {
  if (unitPathScope(actor) === null) return {};
  const units = await db.unit.findMany({ where: unitWhere(actor), select: { id: true } });
  return { unitId: { in: units.map((u) => u.id) } };
}

/** For the run page: open appeals and held lines in the actor's scope. */
export async function appealSummary(db: Db, actor: Actor, runId: string) {
  const scoped = await scopeFilter(db, actor);
  const [open, decided] = await Promise.all([
    db.payAppeal.findMany({ where: { runId, status: "open", ...scoped }, select: { employeeId: true } }),
    db.payAppeal.count({ where: { runId, status: { not: "open" }, ...scoped } }),
  ]);
  return { open: open.length, decided, held: open.map((o) => o.employeeId) };
}

/**
 * Decides an appeal with a reason: dismissed, or upheld with a corrected rating. Upheld in a
 * draft, the rating moves through calibration; upheld in a locked run, the line is recomputed
 * from its snapshot with the corrected rating and the difference is added as an adjustment.
 * Either way the line is released (no longer held). The head of the person's unit or HR,
 * never the appellant. Audited.
 */
export async function decideAppeal(
  db: Db,
  actor: Actor,
  input: { appealId: string; outcome: AppealOutcome; rating?: string; reason: string },
) {
  const appeal = await db.payAppeal.findUnique({ where: { id: input.appealId }, select: { ...APPEAL } });
  const unit = appeal ? await db.unit.findUnique({ where: { id: appeal.unitId }, select: { path: true } }) : null;
  if (!appeal || !unit || !may(actor, "pay.calibrate") || !isInScope(actor, unit.path)) throw formError("errors.notFound", 404);
  const line = await db.payLine.findUniqueOrThrow({
    where: { runId_employeeId: { runId: appeal.runId, employeeId: appeal.employeeId } },
    select: {
      unitId: true,
      performancePayFen: true,
      totalFen: true,
      rating: true,
      inputsJson: true,
      employee: { select: { employeeNo: true } },
      run: { select: { status: true, paramsJson: true } },
    },
  });
  const refused = decisionRefusal(appeal, line.run.status, actor, input.outcome);
  if (refused) throw formError(refused, refused === "pay.appeals.errors.ownAppeal" ? 403 : 409);
  const decided = { decidedById: actor.userId, decidedAt: new Date(), decisionReason: input.reason };
  if (input.outcome === "dismissed") {
    await db.$transaction(async (tx) => {
      const updated = await tx.payAppeal.updateMany({
        where: { id: appeal.id, status: "open" },
        data: { status: "dismissed", ...decided },
      });
      if (updated.count !== 1) throw formError("pay.appeals.errors.decided", 409);
      await audit(tx, {
        actorId: actor.userId,
        action: "pay.appeal.dismiss",
        entity: "PayAppeal",
        entityId: appeal.id,
        after: { reason: input.reason, released: line.run.status === "locked" },
      });
    });
    return { outcome: "dismissed" as const, amountFen: 0 };
  }
  const snapshot = JSON.parse(line.run.paramsJson) as RunSnapshot;
  const rating = input.rating!;
  if (!bandRatings(snapshot.coefficients.bands).includes(rating)) throw formError("pay.errors.unknownRating");
  const inputs = unpackInputs(line.inputsJson, snapshot, { employeeId: appeal.employeeId, unitId: line.unitId });
  const from = lineRating(snapshot, inputs);
  if (from === null) throw formError("pay.errors.hasIssues");
  if (from === rating) throw formError("pay.errors.sameRating");
  if (line.run.status === "draft") {
    // The existing calibration path: the line is recomputed and the run's total follows.
    const moved = await calibrate(db, actor, appeal.runId, { employeeNo: line.employee.employeeNo, rating, reason: input.reason });
    await db.$transaction(async (tx) => {
      const updated = await tx.payAppeal.updateMany({
        where: { id: appeal.id, status: "open" },
        data: { status: "upheld", ...decided, fromRating: from, toRating: rating, amountFen: moved.totalFen - line.totalFen },
      });
      if (updated.count !== 1) throw formError("pay.appeals.errors.decided", 409);
      await audit(tx, {
        actorId: actor.userId,
        action: "pay.appeal.uphold",
        entity: "PayAppeal",
        entityId: appeal.id,
        after: { from, to: rating, reason: input.reason, totalFen: moved.totalFen },
      });
    });
    return { outcome: "upheld" as const, amountFen: moved.totalFen - line.totalFen };
  }
  // A locked run: the same line function with the corrected rating, the difference as an adjustment.
  const plain = { ...inputs };
  delete plain.rating;
  const next = lineRating(snapshot, plain) === rating ? plain : { ...inputs, rating };
  const result = employeeLine(snapshot, next);
  if (!result.ok) throw formError("pay.errors.hasIssues");
  const amountFen = result.line.performancePayFen - line.performancePayFen;
  await db.$transaction(async (tx) => {
    const adjustment =
      amountFen !== 0
        ? await tx.payAdjustment.create({
            data: { runId: appeal.runId, employeeId: appeal.employeeId, amountFen, reason: input.reason, createdById: actor.userId },
            select: { id: true },
          })
        : null;
    const updated = await tx.payAppeal.updateMany({
      where: { id: appeal.id, status: "open" },
      data: { status: "upheld", ...decided, fromRating: from, toRating: rating, amountFen, adjustmentId: adjustment?.id ?? null },
    });
    if (updated.count !== 1) throw formError("pay.appeals.errors.decided", 409);
    if (adjustment)
      await audit(tx, {
        actorId: actor.userId,
        action: "pay.adjustment.create",
        entity: "PayAdjustment",
        entityId: adjustment.id,
        after: { runId: appeal.runId, employeeNo: line.employee.employeeNo, amountFen, reason: input.reason, appealId: appeal.id },
      });
    await audit(tx, {
      actorId: actor.userId,
      action: "pay.appeal.uphold",
      entity: "PayAppeal",
      entityId: appeal.id,
      after: { from, to: rating, reason: input.reason, amountFen, released: true },
    });
  });
  return { outcome: "upheld" as const, amountFen };
}

/** The appeal on one line, for its payslip: held, or changed or kept by a decision. */
export async function appealOnLine(db: Db, runId: string, employeeId: string) {
  return db.payAppeal.findUnique({ where: { runId_employeeId: { runId, employeeId } }, select: APPEAL });
}
