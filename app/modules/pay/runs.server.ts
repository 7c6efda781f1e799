import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { currentParams } from "./config.server";
import { gatherInputs } from "./inputs.server";
import { computeRun, type EmployeeInputs, type Issue, type PayLineResult, type PoolResult, type RunSnapshot } from "./payroll";
import { transition, type RunAction } from "./run-state";

export type { RunSnapshot } from "./payroll";

export type StoredIssue = Issue & { employeeNo?: string };

export class PayRunError extends Error {
  constructor(public messageKey: string) {
    super(messageKey);
  }
}

/** 9 parameters a row: 3,000 rows stay under SQLite's 32,766 bound parameters. */
const INSERT_CHUNK = 3000;

async function writeLines(tx: Pick<Db, "$executeRawUnsafe">, runId: string, lines: PayLineResult[], inputsById: Map<string, EmployeeInputs>) {
  for (let i = 0; i < lines.length; i += INSERT_CHUNK) {
    const chunk = lines.slice(i, i + INSERT_CHUNK);
    const values: unknown[] = [];
    for (const l of chunk) {
      const e = inputsById.get(l.employeeId)!;
      values.push(runId, l.employeeId, e.unitId, l.basePayFen, l.performancePayFen, l.growthBonusFen, l.poolShareFen, l.totalFen, JSON.stringify(e));
    }
    await tx.$executeRawUnsafe(
      `INSERT INTO "PayLine" ("runId","employeeId","unitId","basePayFen","performancePayFen","growthBonusFen","poolShareFen","totalFen","inputsJson") VALUES ${chunk.map(() => "(?,?,?,?,?,?,?,?,?)").join(",")}`,
      ...values,
    );
  }
}

async function compute(db: Db, periodId: string, periodKind: string) {
  const params = await currentParams(db, periodKind);
  if ("error" in params) throw new PayRunError(params.error);
  const { inputs, kpiNames } = await gatherInputs(db, periodId, params);
  const result = computeRun(params, inputs);
  const numbers = new Map(inputs.map((e) => [e.employeeId, e.employeeNo]));
  const issues: StoredIssue[] = result.issues.map((i) => ("employeeId" in i ? { ...i, employeeNo: numbers.get(i.employeeId) } : i));
  const snapshot: RunSnapshot = { ...params, kpiNames };
  return { snapshot, inputs, result, issues, totalFen: result.lines.reduce((s, l) => s + l.totalFen, 0) };
}

function summary(run: { status: string; totalFen: number; employeeCount: number; issueCount: number }) {
  return { status: run.status, totalFen: run.totalFen, employeeCount: run.employeeCount, issueCount: run.issueCount };
}

/**
 * Prepares a draft run for a period: freezes today's parameters and the period's scores and
 * actuals, computes every line in memory and writes them in one transaction.
 */
export async function createRun(db: Db, actorId: string, periodId: string) {
  const period = await db.appraisalPeriod.findUnique({ where: { id: periodId }, select: { id: true, code: true, kind: true } });
  if (!period) throw new PayRunError("pay.errors.unknownPeriod");
  const open = await db.payRun.findFirst({ where: { periodId, status: { not: "locked" } }, select: { id: true } });
  if (open) throw new PayRunError("pay.errors.runInProgress");
  const c = await compute(db, period.id, period.kind);
  const inputsById = new Map(c.inputs.map((e) => [e.employeeId, e]));
  return db.$transaction(
    async (tx) => {
      const run = await tx.payRun.create({
        data: {
          periodId: period.id,
          periodCode: period.code,
          paramsJson: JSON.stringify(c.snapshot),
          poolsJson: JSON.stringify(c.result.pools),
          issuesJson: JSON.stringify(c.issues),
          issueCount: c.issues.length,
          employeeCount: c.result.lines.length,
          totalFen: c.totalFen,
          preparedById: actorId,
          computedAt: new Date(),
        },
        select: { id: true, status: true, totalFen: true, employeeCount: true, issueCount: true },
      });
      await writeLines(tx, run.id, c.result.lines, inputsById);
      await audit(tx, { actorId, action: "pay.run.create", entity: "PayRun", entityId: run.id, after: { periodCode: period.code, ...summary(run) } });
      return run;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

/** Recomputes a draft from today's parameters and actuals (after HR fixed what was missing). */
export async function recomputeRun(db: Db, actorId: string, runId: string) {
  const run = await db.payRun.findUnique({ where: { id: runId }, select: { id: true, status: true, periodId: true, totalFen: true, employeeCount: true, issueCount: true } });
  if (!run) throw new PayRunError("pay.errors.unknownRun");
  if (run.status !== "draft") throw new PayRunError("pay.errors.wrongState");
  const period = await db.appraisalPeriod.findUniqueOrThrow({ where: { id: run.periodId }, select: { kind: true } });
  const c = await compute(db, run.periodId, period.kind);
  const inputsById = new Map(c.inputs.map((e) => [e.employeeId, e]));
  return db.$transaction(
    async (tx) => {
      const updated = await tx.payRun.updateMany({
        where: { id: runId, status: "draft" },
        data: {
          paramsJson: JSON.stringify(c.snapshot),
          poolsJson: JSON.stringify(c.result.pools),
          issuesJson: JSON.stringify(c.issues),
          issueCount: c.issues.length,
          employeeCount: c.result.lines.length,
          totalFen: c.totalFen,
          preparedById: actorId,
          computedAt: new Date(),
        },
      });
      if (updated.count !== 1) throw new PayRunError("pay.errors.wrongState");
      await tx.payLine.deleteMany({ where: { runId } });
      await writeLines(tx, runId, c.result.lines, inputsById);
      const after = { status: "draft", totalFen: c.totalFen, employeeCount: c.result.lines.length, issueCount: c.issues.length };
      await audit(tx, { actorId, action: "pay.run.recompute", entity: "PayRun", entityId: runId, before: summary(run), after });
      return after;
    },
    { timeout: 300_000, maxWait: 30_000 },
  );
}

const STAMP: Record<RunAction, (actorId: string, at: Date) => Record<string, unknown>> = {
  review: (id, at) => ({ reviewedById: id, reviewedAt: at }),
  approve: (id, at) => ({ approvedById: id, approvedAt: at }),
  lock: (id, at) => ({ lockedById: id, lockedAt: at }),
  sendBack: () => ({ reviewedById: null, reviewedAt: null, approvedById: null, approvedAt: null }),
};

/**
 * Moves a run one step. Approval asks for the actor's password again (sudo mode); review and
 * approval must be by someone other than the preparer. The update is conditional on the
 * status read, so two people acting at once cannot both succeed.
 */
export async function transitionRun(db: Db, actorId: string, runId: string, action: RunAction, password?: string) {
  const run = await db.payRun.findUnique({ where: { id: runId }, select: { id: true, status: true, preparedById: true, issueCount: true, periodCode: true } });
  if (!run) throw new PayRunError("pay.errors.unknownRun");
  if (action === "approve") {
    const actor = await db.user.findUnique({ where: { id: actorId }, select: { passwordHash: true } });
    if (!(await verifyPassword(actor?.passwordHash, password ?? ""))) throw new PayRunError("pay.errors.wrongPassword");
  }
  const result = transition(run, action, actorId);
  if (!result.ok) throw new PayRunError(result.error);
  await db.$transaction(async (tx) => {
    const updated = await tx.payRun.updateMany({ where: { id: runId, status: run.status }, data: { status: result.next, ...STAMP[action](actorId, new Date()) } });
    if (updated.count !== 1) throw new PayRunError("pay.errors.wrongState");
    await audit(tx, { actorId, action: `pay.run.${action}`, entity: "PayRun", entityId: runId, before: { status: run.status }, after: { status: result.next } });
    if (action === "review") {
      const approvers = await tx.user.findMany({ where: { role: "hr_admin", disabled: false, id: { not: run.preparedById }, employeeId: { not: null } }, select: { employeeId: true } });
      await enqueueNotification(tx, {
        type: "pay.approvalRequest",
        recipientIds: approvers.map((a) => a.employeeId!),
        payload: { runId, periodCode: run.periodCode },
      });
    }
  });
  return result.next;
}

/** A correction to a locked run: a signed amount with a reason, appended and audited. */
export async function addAdjustment(db: Db, actorId: string, runId: string, input: { employeeNo: string; amountFen: number; reason: string }) {
  const run = await db.payRun.findUnique({ where: { id: runId }, select: { status: true } });
  if (!run) throw new PayRunError("pay.errors.unknownRun");
  if (run.status !== "locked") throw new PayRunError("pay.errors.adjustLockedOnly");
  const employee = await db.employee.findUnique({ where: { employeeNo: input.employeeNo }, select: { id: true } });
  if (!employee) throw new PayRunError("pay.errors.unknownEmployee");
  return db.$transaction(async (tx) => {
    const row = await tx.payAdjustment.create({ data: { runId, employeeId: employee.id, amountFen: input.amountFen, reason: input.reason, createdById: actorId } });
    await audit(tx, { actorId, action: "pay.adjustment.create", entity: "PayAdjustment", entityId: row.id, after: { runId, employeeNo: input.employeeNo, amountFen: input.amountFen, reason: input.reason } });
    return row;
  });
}

/** Recomputes a run from its own snapshot and compares with what is stored: proof that nothing drifted. */
export async function verifyRun(db: Db, runId: string) {
  const run = await db.payRun.findUnique({ where: { id: runId }, select: { paramsJson: true, issueCount: true, totalFen: true } });
  if (!run) throw new PayRunError("pay.errors.unknownRun");
  if (run.issueCount > 0) return { checked: false as const };
  const params = JSON.parse(run.paramsJson) as RunSnapshot;
  const rows = await db.payLine.findMany({ where: { runId }, select: { employeeId: true, basePayFen: true, performancePayFen: true, growthBonusFen: true, poolShareFen: true, totalFen: true, inputsJson: true } });
  const inputs = rows.map((r) => JSON.parse(r.inputsJson) as EmployeeInputs).sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : 1));
  const result = computeRun(params, inputs);
  const stored = new Map(rows.map((r) => [r.employeeId, r]));
  const differing = result.lines.filter((l) => {
    const s = stored.get(l.employeeId);
    return !s || s.basePayFen !== l.basePayFen || s.performancePayFen !== l.performancePayFen || s.growthBonusFen !== l.growthBonusFen || s.poolShareFen !== l.poolShareFen || s.totalFen !== l.totalFen;
  });
  return { checked: true as const, identical: differing.length === 0 && result.lines.length === rows.length && result.issues.length === 0, differing: differing.length };
}

export function parsePools(json: string) {
  return JSON.parse(json) as PoolResult[];
}
