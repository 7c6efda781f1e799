import { randomUUID } from "node:crypto";
import { bulkWrite, sqliteDate, type BulkTransaction, type Db } from "~/utils/db.server";
import { audit, auditBulk } from "~/modules/audit/audit.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { currentParams } from "./config.server";
import { gatherInputs } from "./inputs.server";
import { inputsPacker, unpackInputs, type PackedInputs, type PrepackedInputs } from "./line-snapshot";
import { periodActuals } from "~/modules/kpi/scores.server";
import { comparesWithLastYear } from "./dept-pool";
import {
  computeRun,
  schemeKpiCodes,
  type EmployeeInputs,
  type Issue,
  type PayLineResult,
  type PoolResult,
  type RunParams,
  type RunSnapshot,
} from "./payroll";
import { getEnv } from "~/utils/env.server";
import { daysInclusive } from "./prorate";
import { runBudgetCheck } from "./budget.server";
import { unitsOutsideGuideline } from "./calibration.server";
import { transition, type RunAction, type RunActor, type RunForTransition, type TransitionError } from "./run-state";
import { fieldError, formError } from "~/utils/domain-error";
import { MONTH_PATTERN, monthlyPeriodId, type RunKind } from "./cadence";
import { advancesPaid, cadenceSetting, monthlyInputs, settlementMonths } from "./cadence.server";
import { chainSetting, notifyApprovers, notifySigners, signOffState } from "./sign-off.server";
import { deletePayLines, insertDraftRun, insertPayLines, updateDraftRun, type PayLineRow, type RunFigures } from "./queries.server";

export type { RunSnapshot } from "./payroll";

export type StoredIssue = Issue & { employeeNo?: string };

/** Lines per INSERT: each statement carries its rows as one JSON text parameter. */
const INSERT_CHUNK = 10_000;

/**
 * Writes a run's lines inside a bulk write, in chunks of one JSON array each (`insertPayLines`).
 * The packed inputs travel as a JSON string (already text), which SQLite reads two to three
 * times faster than an object it would have to render back to text.
 */
async function writeLines(
  tx: BulkTransaction,
  runId: string,
  lines: PayLineResult[],
  packed: Map<string, { unitId: string; json: PackedInputs }>,
) {
  // In key order each B-tree insert lands next to the one before it.
  const ordered = [...lines].sort((a, b) => (a.employeeId < b.employeeId ? -1 : a.employeeId > b.employeeId ? 1 : 0));
  for (let i = 0; i < ordered.length; i += INSERT_CHUNK) {
    const rows = ordered.slice(i, i + INSERT_CHUNK).map((l): PayLineRow => {
      const e = packed.get(l.employeeId)!;
      return [
        l.employeeId,
        e.unitId,
        l.basePayFen,
        l.performancePayFen,
        l.growthBonusFen,
        l.poolShareFen,
        l.totalFen,
        l.rating,
        JSON.stringify(e.json),
        l.advanceFen,
        l.advancesDeductedFen,
      ];
    });
    await insertPayLines(tx, runId, rows);
  }
}

/**
 * Last year's revenue for each pool that compares with the same period of the previous year: the
 * pool members' actuals on its revenue KPI in the period of the same kind starting a year
 * earlier (joint KPIs credited by share, as this year). null when that period or its data is missing.
 */
async function lastYearRevenue(
  db: Db,
  periodId: string,
  params: RunParams,
  inputs: Pick<EmployeeInputs, "unitPath" | "employeeId">[],
): Promise<RunParams["pools"]> {
  if (!params.pools.some((p) => comparesWithLastYear(p.params))) return params.pools;
  const period = await db.appraisalPeriod.findUniqueOrThrow({ where: { id: periodId }, select: { kind: true, startsOn: true } });
  const start = new Date(period.startsOn);
  start.setUTCFullYear(start.getUTCFullYear() - 1);
  const previous = await db.appraisalPeriod.findFirst({ where: { kind: period.kind, startsOn: start }, select: { id: true, code: true } });
  return Promise.all(
    params.pools.map(async (pool) => {
      if (!comparesWithLastYear(pool.params)) return pool;
      if (!previous) return { ...pool, lastYear: null };
      const members = inputs.filter((e) => e.unitPath.startsWith(pool.unitPath)).map((e) => e.employeeId);
      const actuals = await periodActuals(db, previous.id, { employeeIds: members, kpiCodes: [pool.params.revenueKpi] });
      let revenue = 0n;
      for (const values of actuals.values()) revenue += BigInt(values.get(pool.params.revenueKpi) ?? 0);
      return { ...pool, lastYear: actuals.size === 0 ? null : { periodCode: previous.code, revenueFen: revenue.toString() } };
    }),
  );
}

/** The latest calibrated rating of each person in a run (calibrations are append-only). */
export async function calibratedRatings(db: Db, runId: string): Promise<Map<string, string>> {
  const rows = await db.payCalibration.findMany({
    where: { runId },
    orderBy: { createdAt: "asc" },
    select: { employeeId: true, toRating: true },
  });
  return new Map(rows.map((r) => [r.employeeId, r.toRating]));
}

/**
 * Computes a period or settlement run of an appraisal period. A settlement subtracts from each
 * person's performance pay the advances paid in the locked monthly runs of the period's months
 * (read in one packed query, kept in each line's inputs so that the run recomputes from its snapshot).
 */
async function compute(db: Db, periodId: string, periodKind: string, kind: "period" | "settlement", runId?: string) {
  const period = await db.appraisalPeriod.findUniqueOrThrow({
    where: { id: periodId },
    select: { id: true, startsOn: true, endsOn: true },
  });
  const current = await currentParams(db, periodKind);
  if ("error" in current) throw formError(current.error);
  const advances = kind === "settlement" ? await advancesPaid(db, await settlementMonths(db, period)) : null;
  const calibrated = runId ? await calibratedRatings(db, runId) : undefined;
  const gathered = await gatherInputs(db, periodId, current, { period, calibrated });
  const { inputs, kpiNames, packer } = gathered;
  if (advances) for (const e of inputs) e.advances = advances.get(e.employeeId) ?? [];
  const params: RunParams = {
    ...current,
    ...(kind === "settlement" ? { kind } : {}),
    periodDays: daysInclusive(period.startsOn, period.endsOn),
    pools: await lastYearRevenue(db, periodId, current, inputs),
  };
  return figuresOf(params, inputs, kpiNames, packer);
}

/** A monthly run computed: the month's base pay and advance for every active employee (cadence.server.ts). */
async function computeMonthly(db: Db, month: string) {
  const { advanceRateBp } = await cadenceSetting(db);
  const { params, inputs } = await monthlyInputs(db, month, advanceRateBp);
  return figuresOf(params, inputs, {});
}

function figuresOf(
  params: RunParams,
  inputs: (EmployeeInputs | PrepackedInputs)[],
  kpiNames: RunSnapshot["kpiNames"],
  packer = inputsPacker(schemeKpiCodes(params)),
) {
  const result = computeRun(params, inputs);
  const numbers = new Map(inputs.map((e) => [e.employeeId, e.employeeNo]));
  const issues: StoredIssue[] = result.issues.map((i) => ("employeeId" in i ? { ...i, employeeNo: numbers.get(i.employeeId) } : i));
  const packed = new Map(inputs.map((e) => [e.employeeId, { unitId: e.unitId, json: packer.pack(e) }]));
  const snapshot: RunSnapshot = { ...params, kpiNames, ...packer.tables };
  const draft = {
    status: "draft",
    totalFen: result.lines.reduce((s, l) => s + l.totalFen, 0),
    employeeCount: result.lines.length,
    issueCount: issues.length,
  };
  // What a run row stores of a computation, in the order of RUN_FIGURES.
  const figures: RunFigures = [
    JSON.stringify(snapshot),
    JSON.stringify(result.pools),
    JSON.stringify(issues),
    draft.issueCount,
    draft.employeeCount,
    draft.totalFen,
  ];
  return { lines: result.lines, packed, draft, figures };
}

function summary(run: { status: string; totalFen: number | bigint; employeeCount: number; issueCount: number }) {
  return { status: run.status, totalFen: Number(run.totalFen), employeeCount: run.employeeCount, issueCount: run.issueCount };
}

/**
 * Prepares the run of a closed period (one run per period: corrections to a locked run are
 * adjustments, never a second run): freezes today's parameters and the period's scores and
 * actuals, computes every line in memory and writes the run, its lines and the audit entry in
 * one transaction.
 */
export async function createRun(db: Db, actorId: string, periodId: string) {
  const { cadence } = await cadenceSetting(db);
  // With monthly pay, a period's run settles performance pay only: the monthly runs paid base pay and advances.
  const kind = cadence === "monthly" ? "settlement" : "period";
  const period = await db.appraisalPeriod.findUnique({
    where: { id: periodId },
    select: { id: true, code: true, kind: true, status: true },
  });
  if (!period) throw formError("pay.errors.unknownPeriod");
  if (period.status !== "closed") throw formError("pay.errors.periodNotClosed");
  const existing = await db.payRun.findFirst({ where: { periodId }, select: { status: true } });
  if (existing) throw formError(existing.status === "locked" ? "pay.errors.periodPaid" : "pay.errors.runInProgress");
  const c = await compute(db, period.id, period.kind, kind);
  return insertRun(db, actorId, { periodId: period.id, periodCode: period.code, kind, month: null }, c);
}

/**
 * Prepares the monthly run of a calendar month (cadence `monthly`): base pay and the performance
 * advance of every active employee, pro-rated by days. One run per month, as one per period.
 */
export async function createMonthlyRun(db: Db, actorId: string, month: string) {
  const { cadence } = await cadenceSetting(db);
  if (cadence !== "monthly") throw formError("pay.errors.notMonthlyCadence", 409);
  if (!MONTH_PATTERN.test(month)) throw fieldError("month", "pay.errors.month");
  if (month > new Date().toISOString().slice(0, 7)) throw fieldError("month", "pay.errors.futureMonth");
  const periodId = monthlyPeriodId(month);
  const existing = await db.payRun.findFirst({ where: { periodId }, select: { status: true } });
  if (existing) throw formError(existing.status === "locked" ? "pay.errors.periodPaid" : "pay.errors.runInProgress");
  const c = await computeMonthly(db, month);
  return insertRun(db, actorId, { periodId, periodCode: month, kind: "monthly", month }, c);
}

async function insertRun(
  db: Db,
  actorId: string,
  period: { periodId: string; periodCode: string; kind: RunKind; month: string | null },
  c: Awaited<ReturnType<typeof figuresOf>>,
) {
  const { headSignOff } = await chainSetting(db);
  const id = randomUUID();
  const now = sqliteDate(new Date());
  return bulkWrite(db, async (tx) => {
    // Checked again inside the write transaction: two people starting a run at once get one. The
    // database holds the rule too (trigger PayRun_one_per_period): one run per period, ever.
    const inserted = await insertDraftRun(tx, {
      id,
      ...period,
      figures: c.figures,
      preparedById: actorId,
      at: now,
      headSignOff,
    });
    if (!inserted) throw formError("pay.errors.runInProgress");
    await writeLines(tx, id, c.lines, c.packed);
    await auditBulk(tx, {
      actorId,
      action: "pay.run.create",
      entity: "PayRun",
      entityId: id,
      after: { periodCode: period.periodCode, kind: period.kind, ...c.draft },
    });
    return { id, ...c.draft };
  });
}

/** Recomputes a draft from today's parameters and actuals (after HR fixed what was missing). */
export async function recomputeRun(db: Db, actorId: string, runId: string) {
  const run = await db.payRun.findUnique({
    where: { id: runId },
    select: { id: true, status: true, periodId: true, kind: true, month: true, totalFen: true, employeeCount: true, issueCount: true },
  });
  if (!run) throw formError("pay.errors.unknownRun", 404);
  if (run.status !== "draft") throw formError("pay.errors.wrongState");
  const c =
    run.kind === "monthly" && run.month
      ? await computeMonthly(db, run.month)
      : await compute(
          db,
          run.periodId,
          (await db.appraisalPeriod.findUniqueOrThrow({ where: { id: run.periodId }, select: { kind: true } })).kind,
          run.kind === "settlement" ? "settlement" : "period",
          runId,
        );
  // The chain is taken with the figures: a run computed before the setting changed keeps its own.
  const { headSignOff } = await chainSetting(db);
  return bulkWrite(db, async (tx) => {
    if (!(await updateDraftRun(tx, runId, c.figures, actorId, sqliteDate(new Date()), headSignOff)))
      throw formError("pay.errors.wrongState");
    await deletePayLines(tx, runId);
    await writeLines(tx, runId, c.lines, c.packed);
    await auditBulk(tx, { actorId, action: "pay.run.recompute", entity: "PayRun", entityId: runId, before: summary(run), after: c.draft });
    return c.draft;
  });
}

const STAMP: Record<RunAction, (actorId: string, at: Date) => Record<string, unknown>> = {
  review: (id, at) => ({ reviewedById: id, reviewedAt: at, sentBackById: null, sentBackReason: null }),
  approve: (id, at) => ({ approvedById: id, approvedAt: at }),
  lock: (id, at) => ({ lockedById: id, lockedAt: at }),
  sendBack: (id) => ({
    reviewedById: null,
    reviewedAt: null,
    approvedById: null,
    approvedAt: null,
    sentBackById: id,
    sentBackReason: null,
  }),
};

/** The facts the separation-of-duty rules need about the person acting on a run. */
async function runActor(db: Db, userId: string, runId: string): Promise<RunActor> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { employeeId: true, roleGrantedAt: true } });
  const ownLine = user?.employeeId
    ? await db.payLine.findUnique({ where: { runId_employeeId: { runId, employeeId: user.employeeId } }, select: { runId: true } })
    : null;
  return { userId, hasOwnLine: Boolean(ownLine), roleGrantedAt: user?.roleGrantedAt ?? null };
}

/** Why this user may not take the step on the run (a message key), or null. For the page's buttons. */
export async function stepRefusal(
  db: Db,
  userId: string,
  run: RunForTransition & { id: string },
  action: RunAction,
): Promise<TransitionError | null> {
  const result = transition(await withSignOffs(db, run, action), action, await runActor(db, userId, run.id), {
    recentRoleDays: getEnv().RECENT_ROLE_DAYS,
  });
  return result.ok ? null : result.error;
}

/** Approval needs to know which sign-offs are in and who gave them (when the run's chain has the step). */
async function withSignOffs<T extends RunForTransition & { id: string }>(db: Db, run: T, action: RunAction): Promise<T> {
  if (action !== "approve" || !run.headSignOff || run.status !== "reviewed") return run;
  const state = await signOffState(db, run.id);
  return { ...run, pendingSignOffs: state.pending, signerIds: state.signerIds };
}

/**
 * Moves a run one step. Preparer, reviewer and approver are three different people, none with
 * a line in the run and none holding a role granted in the last RECENT_ROLE_DAYS; approval asks
 * for the actor's password again (sudo mode). A refusal writes nothing but an audit entry. The
 * update is conditional on the status read, so two people acting at once cannot both succeed.
 */
export async function transitionRun(db: Db, actorId: string, runId: string, action: RunAction, password?: string, overrideReason?: string) {
  const run = await db.payRun.findUnique({
    where: { id: runId },
    select: { id: true, status: true, preparedById: true, reviewedById: true, issueCount: true, periodCode: true, headSignOff: true },
  });
  if (!run) throw formError("pay.errors.unknownRun", 404);
  const result = transition(await withSignOffs(db, run, action), action, await runActor(db, actorId, runId), {
    recentRoleDays: getEnv().RECENT_ROLE_DAYS,
  });
  if (!result.ok) {
    await audit(db, {
      actorId,
      action: "pay.run.refused",
      entity: "PayRun",
      entityId: runId,
      after: { step: action, reason: result.error },
    });
    throw formError(result.error);
  }
  if (action === "review") {
    // Before coefficients are signed off, every unit's ratings are within the period's guideline (or calibrated into it).
    const outside = await unitsOutsideGuideline(db, runId);
    if (outside.length > 0) {
      await audit(db, {
        actorId,
        action: "pay.run.refused",
        entity: "PayRun",
        entityId: runId,
        after: { step: action, reason: "pay.errors.outsideGuideline", units: outside.map((u) => u.unitId) },
      });
      throw formError("pay.errors.outsideGuideline");
    }
  }
  let budget: { excessFen: number; checks: unknown[] } | null = null;
  if (action === "approve") {
    const actor = await db.user.findUnique({ where: { id: actorId }, select: { passwordHash: true } });
    if (!(await verifyPassword(actor?.passwordHash, password ?? ""))) throw formError("pay.errors.wrongPassword");
    // A run over a wage-bill budget is approved only with the approver's explicit override and reason.
    budget = await runBudgetCheck(db, runId);
    if (budget.excessFen > 0 && !overrideReason) throw formError("pay.errors.overBudget");
  }
  // A run reaching the heads freezes which units sign (today's heads), so a head appointed or leaving meanwhile changes who may sign, not what.
  const chain = action === "review" && run.headSignOff ? await signOffState(db, runId) : null;
  const frozen =
    action === "review"
      ? { signOffPathsJson: chain ? JSON.stringify(chain.units.map((u) => u.path)) : null }
      : action === "sendBack"
        ? { signOffPathsJson: null }
        : {};
  const override =
    budget && budget.excessFen > 0 ? { budgetExcessFen: BigInt(budget.excessFen), budgetOverrideReason: overrideReason! } : {};
  await db.$transaction(async (tx) => {
    const reset = action === "sendBack" ? { budgetExcessFen: null, budgetOverrideReason: null } : {};
    const updated = await tx.payRun.updateMany({
      where: { id: runId, status: run.status },
      data: { status: result.next, ...STAMP[action](actorId, new Date()), ...override, ...reset, ...frozen },
    });
    if (updated.count !== 1) throw formError("pay.errors.wrongState");
    // Sending back starts the chain again: the heads sign off the recomputed lines anew.
    if (action === "sendBack") await tx.paySignOff.deleteMany({ where: { runId } });
    await audit(tx, {
      actorId,
      action: `pay.run.${action}`,
      entity: "PayRun",
      entityId: runId,
      before: { status: run.status },
      after: { status: result.next },
    });
    if (budget && budget.excessFen > 0) {
      await audit(tx, {
        actorId,
        action: "pay.run.budgetOverride",
        entity: "PayRun",
        entityId: runId,
        after: { excessFen: budget.excessFen, reason: overrideReason, budgets: budget.checks },
      });
    }
    // The next people in the chain are told: the heads who sign off, or (without that step, or with no unit to sign) the approvers.
    if (action === "review") {
      if (chain && chain.units.length > 0) await notifySigners(tx, { ...run, reviewedById: actorId }, chain);
      else await notifyApprovers(tx, run, [run.preparedById, actorId]);
    }
    if (action === "lock") {
      const lines = await tx.payLine.findMany({ where: { runId }, select: { employeeId: true } });
      const paid = [...new Set(lines.map((l) => l.employeeId))];
      if (paid.length)
        await enqueueNotification(tx, {
          type: "pay.payslipReady",
          recipientIds: paid,
          payload: { periodCode: run.periodCode, link: "/me/pay" },
        });
    }
  });
  return result.next;
}

/** A correction to a locked run: a signed amount with a reason, appended and audited. */
export async function addAdjustment(
  db: Db,
  actorId: string,
  runId: string,
  input: { employeeNo: string; amountFen: number; reason: string },
) {
  const run = await db.payRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run) throw formError("pay.errors.unknownRun", 404);
  if (run.status !== "locked") throw formError("pay.errors.adjustLockedOnly");
  const employee = await db.employee.findUnique({ where: { employeeNo: input.employeeNo }, select: { id: true } });
  if (!employee) throw formError("pay.errors.unknownEmployee");
  return db.$transaction(async (tx) => {
    const row = await tx.payAdjustment.create({
      data: { runId, employeeId: employee.id, amountFen: input.amountFen, reason: input.reason, createdById: actorId },
    });
    await audit(tx, {
      actorId,
      action: "pay.adjustment.create",
      entity: "PayAdjustment",
      entityId: row.id,
      after: { runId, employeeNo: input.employeeNo, amountFen: input.amountFen, reason: input.reason },
    });
    return row;
  });
}

/** Recomputes a run from its own snapshot and compares with what is stored: proof that nothing drifted. */
export async function verifyRun(db: Db, runId: string) {
  const run = await db.payRun.findUnique({ where: { id: runId }, select: { paramsJson: true, issueCount: true, totalFen: true } });
  if (!run) throw formError("pay.errors.unknownRun", 404);
  if (run.issueCount > 0) return { checked: false as const };
  const params = JSON.parse(run.paramsJson) as RunSnapshot;
  const rows = await db.payLine.findMany({
    where: { runId },
    select: {
      employeeId: true,
      unitId: true,
      basePayFen: true,
      performancePayFen: true,
      growthBonusFen: true,
      poolShareFen: true,
      advanceFen: true,
      advancesDeductedFen: true,
      totalFen: true,
      inputsJson: true,
    },
  });
  const inputs = rows.map((r) => unpackInputs(r.inputsJson, params, r)).sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : 1));
  const result = computeRun(params, inputs);
  const stored = new Map(rows.map((r) => [r.employeeId, r]));
  const differing = result.lines.filter((l) => {
    const s = stored.get(l.employeeId);
    return (
      !s ||
      s.basePayFen !== l.basePayFen ||
      s.performancePayFen !== l.performancePayFen ||
      s.growthBonusFen !== l.growthBonusFen ||
      s.poolShareFen !== l.poolShareFen ||
      s.advanceFen !== l.advanceFen ||
      s.advancesDeductedFen !== l.advancesDeductedFen ||
      s.totalFen !== l.totalFen
    );
  });
  return {
    checked: true as const,
    identical: differing.length === 0 && result.lines.length === rows.length && result.issues.length === 0,
    differing: differing.length,
  };
}

export function parsePools(json: string) {
  return JSON.parse(json) as PoolResult[];
}
