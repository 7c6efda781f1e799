import type { Db } from "~/utils/db.server";
import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import type { RunKind } from "./cadence";
import { explainLine, explainMonthly, whatIf } from "./explain";
import { unpackInputs } from "./line-snapshot";
import type { EmployeeInputs, PoolResult, RunSnapshot } from "./payroll";
import type { StoredIssue } from "./runs.server";
import { paginate, pageWindow } from "~/utils/pagination";
import { heldEmployeeIds } from "./appeals.server";
import { withoutHeld } from "./appeals";

export const LINES_PAGE_SIZE = 50;

export async function listRuns(db: Db) {
  const runs = await db.payRun.findMany({
    orderBy: [{ createdAt: "desc" }],
    take: 100,
    select: {
      id: true,
      periodCode: true,
      kind: true,
      status: true,
      employeeCount: true,
      issueCount: true,
      totalFen: true,
      createdAt: true,
      lockedAt: true,
    },
  });
  // A run's total is stored in 64 bits; in fen it stays exact as a number up to 2^53.
  return runs.map((r) => ({ ...r, totalFen: Number(r.totalFen) }));
}

/** Closed periods that have no run yet, for "prepare a run". */
export async function periodsForNewRun(db: Db) {
  // Closed periods only (their actuals no longer change), and only those without a run.
  return db.appraisalPeriod.findMany({
    where: { status: "closed", NOT: { id: { in: (await db.payRun.findMany({ select: { periodId: true } })).map((r) => r.periodId) } } },
    orderBy: { endsOn: "desc" },
    take: 24,
    select: { id: true, code: true, kind: true },
  });
}

const USER_NAME = { select: { email: true, employee: { select: { name: true } } } } as const;

/** A run with the lines the actor may see (their scope), paginated. */
export async function getRun(db: Db, actor: Actor, runId: string, page = 1) {
  const run = await db.payRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      periodId: true,
      periodCode: true,
      kind: true,
      month: true,
      status: true,
      employeeCount: true,
      issueCount: true,
      issuesJson: true,
      poolsJson: true,
      paramsJson: true,
      totalFen: true,
      preparedById: true,
      computedAt: true,
      reviewedById: true,
      reviewedAt: true,
      approvedById: true,
      approvedAt: true,
      lockedById: true,
      lockedAt: true,
      budgetExcessFen: true,
      budgetOverrideReason: true,
      headSignOff: true,
      sentBackById: true,
      sentBackReason: true,
    },
  });
  if (!run) return null;
  const where = { runId, unit: unitWhere(actor) };
  const [count, sum, lines, adjustments, people] = await Promise.all([
    db.payLine.count({ where }),
    db.payLine.aggregate({ where, _sum: { totalFen: true } }),
    db.payLine.findMany({
      where,
      orderBy: { employee: { employeeNo: "asc" } },
      ...pageWindow(page, LINES_PAGE_SIZE),
      select: {
        employeeId: true,
        basePayFen: true,
        performancePayFen: true,
        growthBonusFen: true,
        poolShareFen: true,
        advanceFen: true,
        advancesDeductedFen: true,
        totalFen: true,
        employee: { select: { employeeNo: true, name: true } },
        unit: { select: { nameZh: true, nameEn: true } },
      },
    }),
    db.payAdjustment.findMany({
      where: { runId, employee: { unit: unitWhere(actor) } },
      orderBy: { createdAt: "desc" },
      take: 200,
      select: { id: true, amountFen: true, reason: true, createdAt: true, employee: { select: { employeeNo: true, name: true } } },
    }),
    db.user.findMany({
      where: {
        id: {
          in: [run.preparedById, run.reviewedById, run.approvedById, run.lockedById, run.sentBackById].filter((x): x is string =>
            Boolean(x),
          ),
        },
      },
      select: { id: true, ...USER_NAME.select },
    }),
  ]);
  const nameOf = (id: string | null) =>
    id ? (people.find((p) => p.id === id)?.employee?.name ?? (id === "system" ? "system" : "—")) : null;
  const snapshot = JSON.parse(run.paramsJson) as RunSnapshot;
  return {
    run: {
      ...run,
      totalFen: Number(run.totalFen),
      budgetExcessFen: run.budgetExcessFen === null ? null : Number(run.budgetExcessFen),
      paramsJson: undefined,
      issuesJson: undefined,
      poolsJson: undefined,
      preparedBy: nameOf(run.preparedById),
      reviewedBy: nameOf(run.reviewedById),
      approvedBy: nameOf(run.approvedById),
      lockedBy: nameOf(run.lockedById),
      sentBackBy: nameOf(run.sentBackById),
    },
    issues: (JSON.parse(run.issuesJson) as StoredIssue[]).slice(0, 500),
    pools: (JSON.parse(run.poolsJson) as PoolResult[]).map((p) => ({
      ...p,
      scheme: snapshot.pools.find((s) => s.schemeId === p.schemeId),
    })),
    schemes: {
      coefficients: snapshot.coefficients,
      growth: snapshot.growth.map((g) => ({ nameZh: g.nameZh, nameEn: g.nameEn, version: g.version })),
      pools: snapshot.pools.map((g) => ({ nameZh: g.nameZh, nameEn: g.nameEn, version: g.version })),
      periodMonths: snapshot.periodMonths,
    },
    lines,
    linesInScope: count,
    scopeTotalFen: sum._sum.totalFen ?? 0,
    pageCount: paginate({ page, pageSize: LINES_PAGE_SIZE, total: count }).pageCount,
    page,
    adjustments,
  };
}

/** The employee's own payslips: locked runs only (final figures). */
export async function myPayslips(db: Db, employeeId: string) {
  return db.payLine.findMany({
    where: { employeeId, run: { status: "locked" } },
    orderBy: { run: { lockedAt: "desc" } },
    select: { runId: true, totalFen: true, run: { select: { periodCode: true, kind: true, lockedAt: true } } },
  });
}

/**
 * One payslip, if the actor may see it: their own (locked runs only), or in their scope
 * with pay.view (heads, HR). Anything else is null (a 404: whether it exists is not said).
 */
export async function getPayslip(db: Db, actor: Actor, runId: string, employeeId: string, what?: { kpi: string; pct: number }) {
  const own = actor.employeeId === employeeId;
  const mayView = may(actor, "pay.view");
  const line = await db.payLine.findFirst({
    where:
      own && !mayView
        ? { runId, employeeId, run: { status: "locked" } }
        : own
          ? { runId, employeeId }
          : mayView
            ? { runId, employeeId, unit: unitWhere(actor) }
            : { runId: "", employeeId: "" },
    select: {
      basePayFen: true,
      performancePayFen: true,
      growthBonusFen: true,
      poolShareFen: true,
      advanceFen: true,
      advancesDeductedFen: true,
      totalFen: true,
      inputsJson: true,
      unitId: true,
      employee: { select: { employeeNo: true, name: true } },
      run: { select: { id: true, periodCode: true, kind: true, status: true, paramsJson: true, poolsJson: true } },
    },
  });
  if (!line) return null;
  const snapshot = JSON.parse(line.run.paramsJson) as RunSnapshot;
  const inputs = unpackInputs(line.inputsJson, snapshot, { employeeId, unitId: line.unitId });
  const pools = JSON.parse(line.run.poolsJson) as PoolResult[];
  const [adjustments, calibrationRows] = await Promise.all([
    db.payAdjustment.findMany({
      where: { runId, employeeId },
      orderBy: { createdAt: "asc" },
      select: { id: true, amountFen: true, reason: true, createdAt: true },
    }),
    db.payCalibration.findMany({
      where: { runId, employeeId },
      orderBy: { createdAt: "asc" },
      select: { fromRating: true, toRating: true, reason: true, createdById: true },
    }),
  ]);
  const calibrators = await db.user.findMany({
    where: { id: { in: calibrationRows.map((c) => c.createdById) } },
    select: { id: true, employee: { select: { name: true } } },
  });
  const calibrations = calibrationRows.map((c) => ({
    fromRating: c.fromRating,
    toRating: c.toRating,
    reason: c.reason,
    by: calibrators.find((u) => u.id === c.createdById)?.employee?.name ?? null,
  }));
  const stored = {
    basePayFen: line.basePayFen,
    performancePayFen: line.performancePayFen,
    growthBonusFen: line.growthBonusFen,
    poolShareFen: line.poolShareFen,
    advanceFen: line.advanceFen,
    advancesDeductedFen: line.advancesDeductedFen,
    totalFen: line.totalFen,
  };
  const monthly = line.run.kind === "monthly";
  // Units named for a monthly line split between the units of a person who moved.
  const monthlyExplanation = monthly ? explainMonthly(snapshot, inputs) : null;
  const unitNames = monthlyExplanation?.units
    ? await db.unit.findMany({
        where: { id: { in: monthlyExplanation.units.map((u) => u.unitId) } },
        select: { id: true, nameZh: true, nameEn: true },
      })
    : [];
  return {
    run: { id: line.run.id, periodCode: line.run.periodCode, status: line.run.status, kind: line.run.kind },
    employee: line.employee,
    line: stored,
    explanation: monthly ? null : explainLine(snapshot, inputs, pools),
    monthly: monthlyExplanation,
    unitNames,
    whatIf: what && !monthly ? whatIf(snapshot, inputs, pools, stored, what.kpi, what.pct) : null,
    adjustments,
    calibrations,
    adjustedTotalFen: stored.totalFen + adjustments.reduce((s, a) => s + a.amountFen, 0),
  };
}

function csvCell(value: string | number | null) {
  let text = value === null ? "" : String(value);
  // Spreadsheet formula injection: a leading =, +, - or @ in text is neutralised.
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const yuanCell = (fen: number) => (fen / 100).toFixed(2);

/** One person's gross line for the payroll system (amounts in fen); see docs/payroll-csv.md. */
export type PayrollRow = {
  employeeNo: string;
  name: string;
  unit: string;
  track: string;
  level: string;
  score: number | null;
  rating: string | null;
  daysPaid: number | null;
  periodDays: number | null;
  basePayFen: number;
  performancePayFen: number;
  growthBonusFen: number;
  poolShareFen: number;
  adjustmentsFen: number;
  totalFen: number;
  calibrationReason: string | null;
  /** The run's kind: period | monthly | settlement. */
  runKind: RunKind;
  /** Monthly run: the performance advance (0 otherwise). */
  advanceFen: number;
  /** Settlement run: the advances paid in the period's months, subtracted (0 otherwise). */
  advancesDeductedFen: number;
  /** Settlement run: performance pay − advances deducted (0 otherwise); negative is a deduction. */
  settlementFen: number;
};

/** Every line of a run as the payroll system takes it: gross amounts, never net pay. */
export async function payrollRows(db: Db, runId: string): Promise<PayrollRow[]> {
  const [lines, adjustments, calibrations, run] = await Promise.all([
    db.payLine.findMany({
      where: { runId },
      orderBy: { employee: { employeeNo: "asc" } },
      select: {
        employeeId: true,
        basePayFen: true,
        performancePayFen: true,
        growthBonusFen: true,
        poolShareFen: true,
        advanceFen: true,
        advancesDeductedFen: true,
        totalFen: true,
        rating: true,
        inputsJson: true,
        employee: { select: { employeeNo: true, name: true } },
        unit: { select: { code: true } },
      },
    }),
    db.payAdjustment.groupBy({ by: ["employeeId"], where: { runId }, _sum: { amountFen: true } }),
    db.payCalibration.findMany({ where: { runId }, orderBy: { createdAt: "asc" }, select: { employeeId: true, reason: true } }),
    db.payRun.findUniqueOrThrow({ where: { id: runId }, select: { paramsJson: true, kind: true } }),
  ]);
  const periodDays = (JSON.parse(run.paramsJson) as RunSnapshot).periodDays ?? null;
  // A line held by an open appeal goes to payroll once the appeal is decided.
  const held = await heldEmployeeIds(db, runId);
  const adjusted = new Map(adjustments.map((a) => [a.employeeId, a._sum.amountFen ?? 0]));
  // The reason of the calibration the line's rating follows (the latest).
  const calibrated = new Map(calibrations.map((c) => [c.employeeId, c.reason]));
  return withoutHeld(lines, held).map((l) => {
    // Both the packed and the earlier whole form keep track, level and score under these names.
    const inputs = JSON.parse(l.inputsJson) as Pick<EmployeeInputs, "track" | "level" | "score"> & { d?: number };
    const adj = adjusted.get(l.employeeId) ?? 0;
    return {
      employeeNo: l.employee.employeeNo,
      name: l.employee.name,
      unit: l.unit.code,
      track: inputs.track,
      level: inputs.level,
      score: inputs.score,
      rating: l.rating,
      daysPaid: periodDays === null ? null : (inputs.d ?? periodDays),
      periodDays,
      basePayFen: l.basePayFen,
      performancePayFen: l.performancePayFen,
      growthBonusFen: l.growthBonusFen,
      poolShareFen: l.poolShareFen,
      adjustmentsFen: adj,
      totalFen: l.totalFen + adj,
      calibrationReason: l.rating !== null ? (calibrated.get(l.employeeId) ?? null) : null,
      runKind: run.kind as RunKind,
      advanceFen: l.advanceFen,
      advancesDeductedFen: l.advancesDeductedFen,
      settlementFen: run.kind === "settlement" ? l.performancePayFen - l.advancesDeductedFen : 0,
    };
  });
}

/**
 * The payroll CSV (UTF-8 with BOM for spreadsheet programs), amounts in yuan with two decimals:
 * gross lines for the payroll system, which computes tax and social insurance (nothing here is
 * net pay). Columns are documented in docs/payroll-csv.md; new columns are only ever appended.
 */
export async function payrollCsv(db: Db, runId: string) {
  const header = [
    "employeeNo",
    "name",
    "unit",
    "track",
    "level",
    "score",
    "rating",
    "daysPaid",
    "periodDays",
    "basePay",
    "performancePay",
    "growthBonus",
    "poolShare",
    "adjustments",
    "total",
    "calibrationReason",
    "runKind",
    "advance",
    "advancesDeducted",
    "settlement",
  ];
  const rows = [header.join(",")];
  for (const r of await payrollRows(db, runId)) {
    rows.push(
      [
        r.employeeNo,
        r.name,
        r.unit,
        r.track,
        r.level,
        r.score === null ? "" : (r.score / 100).toFixed(2),
        r.rating ?? "",
        r.daysPaid,
        r.periodDays,
        yuanCell(r.basePayFen),
        yuanCell(r.performancePayFen),
        yuanCell(r.growthBonusFen),
        yuanCell(r.poolShareFen),
        yuanCell(r.adjustmentsFen),
        yuanCell(r.totalFen),
        r.calibrationReason ?? "",
        r.runKind,
        yuanCell(r.advanceFen),
        yuanCell(r.advancesDeductedFen),
        yuanCell(r.settlementFen),
      ]
        .map(csvCell)
        .join(","),
    );
  }
  return `\uFEFF${rows.join("\r\n")}\r\n`;
}
