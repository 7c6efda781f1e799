import { bandOfRating, ratingOf, ratingOfBand } from "./calibration";
import {
  bpRate,
  DEFAULT_ADVANCE_RATE_BP,
  monthlyAmounts,
  settle,
  splitMonthly,
  type Advance,
  type RunKind,
  type UnitShare,
} from "./cadence";
import { coefficientFor, performancePay, type CoefficientBand } from "./coefficients";
import { allocateByPoints, comparesWithLastYear, contributionPoints, poolSize, type DeptPoolParams, type PoolSize } from "./dept-pool";
import type { RunTables } from "./line-snapshot";
import { int } from "./money";
import { prorateFen, proratedPerformancePay, type UnitDays } from "./prorate";
import { subscriberGrowthReward, subscriberGrowthKpis, type SubscriberGrowthParams } from "./subscriber-growth";

/**
 * The pay-run computation, pure: the run's frozen parameters and each employee's frozen
 * inputs in, lines and issues out. The same snapshot always gives the same result, which is
 * how a stored run is recomputed and checked, and how the what-if reuses the rules.
 */

/** A KPI line as the appraisal engine reports it (scores in hundredths of a point). */
export type KpiLine = {
  kpiId?: string;
  code: string;
  nameZh?: string;
  nameEn?: string;
  weight: number;
  threshold: number;
  target: number;
  stretch: number;
  cap: number;
  direction: "higher" | "lower";
  actual: number | null;
  score: number | null;
  kind?: "quantitative" | "rated";
  unit?: string;
};

export type BandAmounts = { basePayFen: number; performanceBaseFen: number };

export type RunParams = {
  /** monthly | settlement | period (absent on runs stored before monthly pay: a period run). See cadence.ts. */
  kind?: RunKind;
  /** Monthly run: the month (YYYY-MM; periodMonths is 1 and periodDays its days) and the advance rate in basis points. */
  month?: string;
  advanceRateBp?: number;
  /** Months the appraisal period covers: bands are monthly amounts. */
  periodMonths: number;
  /** Calendar days of the period: base pay and performance base are pro-rated by days employed (absent on older runs). */
  periodDays?: number;
  /** Keyed `${track}:${level}`. */
  bands: Record<string, BandAmounts>;
  coefficients: { schemeId: string; version: number; bands: (CoefficientBand & { rating?: string })[] };
  growth: { schemeId: string; version: number; nameZh: string; nameEn: string; params: SubscriberGrowthParams }[];
  pools: {
    schemeId: string;
    version: number;
    nameZh: string;
    nameEn: string;
    unitPath: string;
    params: DeptPoolParams;
    /** Same period of the previous year, frozen when the run was prepared (schemes comparing with it); null when it has no data. */
    lastYear?: { periodCode: string; revenueFen: string } | null;
  }[];
};

/**
 * What a run freezes besides the lines: the parameters, the names of the KPIs its lines refer
 * to and the tables its packed lines point into (absent on runs stored before lines were packed).
 */
export type RunSnapshot = RunParams & { kpiNames: Record<string, { nameZh: string; nameEn: string; unit?: string }> } & Partial<RunTables>;

export type EmployeeInputs = {
  employeeId: string;
  employeeNo: string;
  unitId: string;
  unitPath: string;
  track: string;
  level: string;
  positionCode: string;
  postValue: number;
  /** Weighted total in hundredths of a point; null when it cannot be scored. */
  score: number | null;
  lines: KpiLine[];
  /** Every actual of the period by KPI code (plan KPIs and scheme inputs). */
  actuals: Record<string, number>;
  /** KPI codes of the plan without an actual. */
  missing: string[];
  /** KPI codes of the plan whose curve cannot score (HR repairs the line before the run goes on). */
  malformed?: string[];
  /** Days of the period employed, when fewer than all (a joiner or a leaver). */
  days?: number;
  /** A leaver's last day worked (YYYY-MM-DD), when it falls before the period's last day: the payslip says so. */
  leftOn?: string;
  /** The rating set in calibration, when it differs from the rating the score falls in. */
  rating?: string;
  /** Monthly run: the days of the month in each unit, for a person who moved (a transfer or a rotation). */
  units?: UnitDays[];
  /** Settlement run: the advances paid in the locked monthly runs of the period's months. */
  advances?: Advance[];
};

/** What computing a line reads: everything but the KPI lines, which only the explanation shows. */
export type LineInputs = Omit<EmployeeInputs, "lines">;

export type Issue =
  | { kind: "missingActual"; employeeId: string; kpiCode: string }
  | { kind: "malformedLine"; employeeId: string; kpiCode: string }
  | { kind: "noBand"; employeeId: string; track: string; level: string }
  | { kind: "noScore"; employeeId: string }
  | { kind: "unknownRating"; employeeId: string; rating: string }
  | { kind: "poolBlocked"; schemeId: string; blockedCount: number }
  | { kind: "poolNoLastYear"; schemeId: string };

export type GrowthPart = { schemeId: string; rewardFen: number };
export type PoolPart = { schemeId: string; points: number; shareFen: number };

export type PayLineResult = {
  employeeId: string;
  basePayFen: number;
  performancePayFen: number;
  growthBonusFen: number;
  poolShareFen: number;
  /** Monthly run: the performance advance (0 in the other kinds). */
  advanceFen: number;
  /** Settlement run: the advances subtracted (0 in the other kinds). */
  advancesDeductedFen: number;
  /** base + performance + growth + pool + advance − advances deducted (negative when a settlement claws back). */
  totalFen: number;
  coefficient: string;
  /** The rating the coefficient follows (null in a monthly run, which has no score). */
  rating: string | null;
  /** Monthly run: the amounts split between the units of a person who moved. */
  units?: UnitShare[];
  growth: GrowthPart[];
  pools: PoolPart[];
};

export type PoolResult = { schemeId: string; size: PoolSize | null; totalPoints: number; memberCount: number; blocked: boolean };

export type RunResult = { lines: PayLineResult[]; pools: PoolResult[]; issues: Issue[] };

export const bandKey = (track: string, level: string) => `${track}:${level}`;

/** What one employee earns before pools, or the reasons they cannot be computed. */
export function employeeLine(params: RunParams, e: LineInputs): { ok: true; line: PayLineResult } | { ok: false; issues: Issue[] } {
  if (params.kind === "monthly") return monthlyLine(params, e);
  const issues: Issue[] = [];
  for (const code of e.missing) issues.push({ kind: "missingActual", employeeId: e.employeeId, kpiCode: code });
  const malformed = e.malformed ?? [];
  for (const code of malformed) issues.push({ kind: "malformedLine", employeeId: e.employeeId, kpiCode: code });
  const band = params.bands[bandKey(e.track, e.level)];
  if (!band) issues.push({ kind: "noBand", employeeId: e.employeeId, track: e.track, level: e.level });
  if (e.score === null && e.missing.length === 0 && malformed.length === 0) issues.push({ kind: "noScore", employeeId: e.employeeId });
  const growth: GrowthPart[] = [];
  for (const scheme of params.growth) {
    if (!scheme.params.positionCodes.includes(e.positionCode)) continue;
    const result = subscriberGrowthReward(scheme.params, e.actuals);
    if (!result.ok) {
      for (const code of result.missing)
        if (!e.missing.includes(code)) issues.push({ kind: "missingActual", employeeId: e.employeeId, kpiCode: code });
      continue;
    }
    growth.push({ schemeId: scheme.schemeId, rewardFen: result.rewardFen });
  }
  const calibrated = e.rating === undefined ? null : bandOfRating(params.coefficients.bands, e.rating);
  if (e.rating !== undefined && !calibrated) issues.push({ kind: "unknownRating", employeeId: e.employeeId, rating: e.rating });
  if (issues.length || !band || e.score === null) return { ok: false, issues };
  const table = params.coefficients.bands;
  const own = calibrated ? null : coefficientFor(table, e.score);
  const coefficient = (calibrated ?? own!).coefficient;
  const rating = calibrated ? e.rating! : ratingOfBand(table, table.indexOf(own!));
  // A settlement pays performance only: the monthly runs paid the base pay.
  const settlementRun = params.kind === "settlement";
  const basePayFen = settlementRun ? 0 : proratedAmount(params, e, band.basePayFen * params.periodMonths);
  const performanceBaseFen = band.performanceBaseFen * params.periodMonths;
  const performancePayFen = isProrated(params, e)
    ? proratedPerformancePay(performanceBaseFen, coefficient, e.days!, params.periodDays!)
    : performancePay(performanceBaseFen, coefficient);
  const growthBonusFen = growth.reduce((s, g) => s + g.rewardFen, 0);
  const advancesDeductedFen = settlementRun ? settle(performancePayFen, e.advances ?? []).advancesDeductedFen : 0;
  return {
    ok: true,
    line: {
      employeeId: e.employeeId,
      basePayFen,
      performancePayFen,
      growthBonusFen,
      poolShareFen: 0,
      advanceFen: 0,
      advancesDeductedFen,
      totalFen: basePayFen + performancePayFen + growthBonusFen - advancesDeductedFen,
      coefficient,
      rating,
      growth,
      pools: [],
    },
  };
}

/** A monthly run's line: the month's base pay and performance advance for the days employed, split by unit when the person moved. */
function monthlyLine(params: RunParams, e: LineInputs): { ok: true; line: PayLineResult } | { ok: false; issues: Issue[] } {
  const band = params.bands[bandKey(e.track, e.level)];
  if (!band) return { ok: false, issues: [{ kind: "noBand", employeeId: e.employeeId, track: e.track, level: e.level }] };
  const monthDays = params.periodDays!;
  const rateBp = params.advanceRateBp ?? DEFAULT_ADVANCE_RATE_BP;
  const amounts = monthlyAmounts(band, rateBp, e.days ?? monthDays, monthDays);
  const line: PayLineResult = {
    employeeId: e.employeeId,
    basePayFen: amounts.basePayFen,
    performancePayFen: 0,
    growthBonusFen: 0,
    poolShareFen: 0,
    advanceFen: amounts.advanceFen,
    advancesDeductedFen: 0,
    totalFen: amounts.basePayFen + amounts.advanceFen,
    coefficient: bpRate(rateBp),
    rating: null,
    growth: [],
    pools: [],
  };
  if (e.units && e.units.length > 1) line.units = splitMonthly(amounts, e.units);
  return { ok: true, line };
}

/** A period amount for the days employed (the whole amount for a whole period), rounded once. */
export function proratedAmount(params: RunParams, e: LineInputs, periodFen: number) {
  return isProrated(params, e) ? prorateFen(periodFen, e.days!, params.periodDays!) : periodFen;
}

export const isProrated = (params: RunParams, e: LineInputs) =>
  e.days !== undefined && Boolean(params.periodDays) && e.days !== params.periodDays;

/** The rating a line's coefficient follows: the calibrated one, else the band its score falls in. */
export function lineRating(params: RunParams, e: LineInputs): string | null {
  if (e.rating !== undefined) return e.rating;
  return e.score === null ? null : ratingOf(params.coefficients.bands, e.score);
}

/** Codes of every actual the schemes read, beyond the plan KPIs. */
export function schemeKpiCodes(params: RunParams) {
  const codes = new Set<string>();
  for (const g of params.growth) for (const c of subscriberGrowthKpis(g.params)) codes.add(c);
  for (const p of params.pools) codes.add(p.params.revenueKpi);
  return [...codes];
}

/** The whole run. Employees are taken in the given order (callers sort by employee number). */
export function computeRun(params: RunParams, employees: LineInputs[]): RunResult {
  const issues: Issue[] = [];
  const lines: PayLineResult[] = [];
  const lineOf = new Map<string, PayLineResult>();
  const blocked = new Set<string>();
  for (const e of employees) {
    const result = employeeLine(params, e);
    if (result.ok) {
      lines.push(result.line);
      lineOf.set(e.employeeId, result.line);
    } else {
      issues.push(...result.issues);
      blocked.add(e.employeeId);
    }
  }
  const pools: PoolResult[] = [];
  for (const pool of params.pools) {
    const members = employees.filter((e) => e.unitPath.startsWith(pool.unitPath));
    const blockedCount = members.filter((m) => blocked.has(m.employeeId)).length;
    if (blockedCount > 0) {
      issues.push({ kind: "poolBlocked", schemeId: pool.schemeId, blockedCount });
      pools.push({ schemeId: pool.schemeId, size: null, totalPoints: 0, memberCount: members.length, blocked: true });
      continue;
    }
    const lastYear = comparesWithLastYear(pool.params) ? pool.lastYear : undefined;
    if (lastYear === null) {
      issues.push({ kind: "poolNoLastYear", schemeId: pool.schemeId });
      pools.push({ schemeId: pool.schemeId, size: null, totalPoints: 0, memberCount: members.length, blocked: true });
      continue;
    }
    let revenue = 0n;
    for (const m of members) {
      const actual = m.actuals[pool.params.revenueKpi];
      if (actual !== undefined) revenue += int(actual);
    }
    const size = poolSize(pool.params, revenue.toString(), lastYear ? lastYear.revenueFen : pool.params.lastYearRevenueFen);
    const points = members.map((m) => contributionPoints(m.score ?? 0, m.postValue));
    const shares = allocateByPoints(size.poolFen, points);
    members.forEach((m, i) => {
      const line = lineOf.get(m.employeeId)!;
      line.pools.push({ schemeId: pool.schemeId, points: points[i], shareFen: shares[i] });
      line.poolShareFen += shares[i];
      line.totalFen += shares[i];
    });
    pools.push({
      schemeId: pool.schemeId,
      size,
      totalPoints: points.reduce((a, b) => a + b, 0),
      memberCount: members.length,
      blocked: false,
    });
  }
  return { lines, pools, issues };
}
