import { lineScore, weightedTotal } from "~/modules/kpi/scoring";
import { bpRate, settle, type Advance, type Settlement, type UnitShare } from "./cadence";
import { bandOfRating, ratingOf } from "./calibration";
import { coefficientFor } from "./coefficients";
import { contributionPoints } from "./dept-pool";
import { dec, roundFen } from "./money";
import { bandKey, employeeLine, type EmployeeInputs, type KpiLine, type PoolResult, type RunSnapshot } from "./payroll";
import { subscriberGrowthBonus, type SubscriberGrowthParams } from "./subscriber-growth";

/**
 * A payslip line explained back to its inputs: the band, the score and its coefficient
 * band, each scheme's parameters and the actuals they read. Built from the run's snapshot
 * with the same functions that computed the run.
 */
/** Days paid of the period's days; `leftOn` when a leaver's last day cut it short (YYYY-MM-DD). */
export type Prorated = { days: number; periodDays: number; leftOn?: string };

export type Explanation = {
  base: {
    track: string;
    level: string;
    monthlyFen: number;
    months: number;
    amountFen: number;
    prorated: Prorated | null;
    /** Settlement run: the base pay was paid in the monthly runs (amountFen is 0). */
    paidMonthly: boolean;
  };
  /** Settlement run: performance pay minus the advances paid in the period's months (null in a period run). */
  settlement: (Settlement & { advances: Advance[] }) | null;
  performance: {
    track: string;
    level: string;
    monthlyFen: number;
    months: number;
    baseFen: number;
    score: number;
    min: number;
    max: number;
    last: boolean;
    coefficient: string;
    amountFen: number;
    /** The rating the score falls in, and the one the coefficient follows (they differ after calibration). */
    scoreRating: string;
    rating: string;
    prorated: Prorated | null;
  };
  growth: {
    nameZh: string;
    nameEn: string;
    params: SubscriberGrowthParams;
    actuals: Record<string, number>;
    quantityFen: string;
    inNetworkFen: string;
    profitFen: string;
    fineFen: string;
    overThreshold: boolean;
    withheld: boolean;
    /** The arrears rate used (its KPI, or derived from the amounts), in basis points. */
    arrearsRateBp: number;
    rewardFen: number;
  }[];
  pools: {
    nameZh: string;
    nameEn: string;
    poolFen: number;
    revenueFen: string;
    growthFen: string;
    basePoolFen: number;
    growthRate: string;
    capFen: number;
    capped: boolean;
    floored: boolean;
    score: number;
    postValue: number;
    points: number;
    totalPoints: number;
    shareExactFen: string;
  }[];
  kpis: (KpiLine & { nameZh: string; nameEn: string })[];
};

export function explainLine(snapshot: RunSnapshot, e: EmployeeInputs, pools: PoolResult[]): Explanation | null {
  const computed = employeeLine(snapshot, e);
  if (!computed.ok || e.score === null) return null;
  const band = snapshot.bands[bandKey(e.track, e.level)];
  const table = snapshot.coefficients.bands;
  const scoreRating = ratingOf(table, e.score);
  // The band the score falls in (shown), and the band whose coefficient applies (another one after calibration).
  const own = coefficientFor(table, e.score);
  const found = (e.rating !== undefined ? bandOfRating(table, e.rating) : null) ?? own;
  const months = snapshot.periodMonths;
  const prorated =
    e.days !== undefined && snapshot.periodDays && e.days !== snapshot.periodDays
      ? { days: e.days, periodDays: snapshot.periodDays, ...(e.leftOn ? { leftOn: e.leftOn } : {}) }
      : null;
  return {
    base: {
      track: e.track,
      level: e.level,
      monthlyFen: band.basePayFen,
      months,
      amountFen: computed.line.basePayFen,
      prorated,
      paidMonthly: snapshot.kind === "settlement",
    },
    settlement:
      snapshot.kind === "settlement" ? { ...settle(computed.line.performancePayFen, e.advances ?? []), advances: e.advances ?? [] } : null,
    performance: {
      track: e.track,
      level: e.level,
      monthlyFen: band.performanceBaseFen,
      months,
      baseFen: band.performanceBaseFen * months,
      score: e.score,
      min: own.min,
      max: own.max,
      last: own === table[table.length - 1],
      coefficient: found.coefficient,
      amountFen: computed.line.performancePayFen,
      scoreRating,
      rating: e.rating ?? scoreRating,
      prorated,
    },
    growth: snapshot.growth.flatMap((g) => {
      if (!g.params.positionCodes.includes(e.positionCode)) return [];
      const r = subscriberGrowthBonus(g.params, e.actuals);
      if (!r.ok) return [];
      return [
        {
          nameZh: g.nameZh,
          nameEn: g.nameEn,
          params: g.params,
          actuals: e.actuals,
          quantityFen: r.quantity,
          inNetworkFen: r.inNetwork,
          profitFen: r.profit,
          fineFen: r.fine,
          overThreshold: r.overThreshold,
          withheld: r.withheld,
          arrearsRateBp: r.arrearsRateBp,
          rewardFen: r.rewardFen,
        },
      ];
    }),
    pools: snapshot.pools.flatMap((p) => {
      const result = pools.find((r) => r.schemeId === p.schemeId);
      if (!result?.size || !e.unitPath.startsWith(p.unitPath)) return [];
      const points = contributionPoints(e.score!, e.postValue);
      return [
        {
          nameZh: p.nameZh,
          nameEn: p.nameEn,
          poolFen: result.size.poolFen,
          revenueFen: result.size.revenueFen,
          growthFen: result.size.growthFen,
          basePoolFen: p.params.basePoolFen,
          growthRate: p.params.growthRate,
          capFen: p.params.capFen,
          capped: result.size.capped,
          floored: result.size.floored,
          score: e.score!,
          postValue: e.postValue,
          points,
          totalPoints: result.totalPoints,
          shareExactFen: result.totalPoints > 0 ? dec(result.size.poolFen).times(points).div(result.totalPoints).toFixed(2) : "0",
        },
      ];
    }),
    kpis: e.lines.map((l) => ({
      ...l,
      nameZh: snapshot.kpiNames[l.code]?.nameZh ?? l.code,
      nameEn: snapshot.kpiNames[l.code]?.nameEn ?? l.code,
    })),
  };
}

/**
 * A monthly line explained: base pay and the performance advance, each the band's monthly amount
 * (× the advance rate) × the days employed ÷ the month's days, and the split between units of a
 * person who moved. Computed by the same function as the run (employeeLine).
 */
export type MonthlyExplanation = {
  month: string;
  track: string;
  level: string;
  days: number;
  monthDays: number;
  /** A leaver's last day worked, when it fell before the month's last day (YYYY-MM-DD). */
  leftOn: string | null;
  base: { monthlyFen: number; amountFen: number };
  advance: { monthlyFen: number; rate: string; rateBp: number; amountFen: number };
  units: UnitShare[] | null;
};

export function explainMonthly(snapshot: RunSnapshot, e: EmployeeInputs): MonthlyExplanation | null {
  if (snapshot.kind !== "monthly" || !snapshot.month || !snapshot.periodDays) return null;
  const computed = employeeLine(snapshot, e);
  if (!computed.ok) return null;
  const band = snapshot.bands[bandKey(e.track, e.level)];
  const rateBp = snapshot.advanceRateBp!;
  return {
    month: snapshot.month,
    track: e.track,
    level: e.level,
    days: e.days ?? snapshot.periodDays,
    monthDays: snapshot.periodDays,
    leftOn: e.leftOn ?? null,
    base: { monthlyFen: band.basePayFen, amountFen: computed.line.basePayFen },
    advance: { monthlyFen: band.performanceBaseFen, rate: bpRate(rateBp), rateBp, amountFen: computed.line.advanceFen },
    units: computed.line.units ?? null,
  };
}

export type WhatIf = {
  kpiCode: string;
  percent: number;
  actual: number;
  score: number;
  /** Each column's rows (base, performance, growth, pool) add up to its total. */
  before: { basePayFen: number; performancePayFen: number; growthBonusFen: number; poolShareFen: number; totalFen: number; score: number };
  after: { basePayFen: number; performancePayFen: number; growthBonusFen: number; poolShareFen: number; totalFen: number; score: number };
};

/**
 * "If I reach N % of target on this KPI": the line recomputed with the run's parameters.
 * The pool share is an estimate: everyone else's points stay as they were, the pool too.
 */
export function whatIf(
  snapshot: RunSnapshot,
  e: EmployeeInputs,
  pools: PoolResult[],
  stored: { basePayFen: number; poolShareFen: number; totalFen: number; performancePayFen: number; growthBonusFen: number },
  kpiCode: string,
  percent: number,
): WhatIf | null {
  const line = e.lines.find((l) => l.code === kpiCode);
  if (!line || line.kind === "rated" || e.score === null || !Number.isInteger(percent) || percent < 0 || percent > 300) return null;
  const actual = roundFen(dec(line.target).times(percent).div(100));
  const lines = e.lines.map((l) => (l.code === kpiCode ? { ...l, actual, score: lineScore({ ...l, kind: "quantitative" }, actual) } : l));
  const score = weightedTotal(lines);
  if (score === null) return null;
  const changed: EmployeeInputs = { ...e, lines, score, actuals: kpiCode in e.actuals ? { ...e.actuals, [kpiCode]: actual } : e.actuals };
  const result = employeeLine(snapshot, changed);
  if (!result.ok) return null;
  let poolShareFen = 0;
  for (const p of snapshot.pools) {
    const r = pools.find((x) => x.schemeId === p.schemeId);
    if (!r?.size || !e.unitPath.startsWith(p.unitPath)) continue;
    const mine = contributionPoints(e.score, e.postValue);
    const next = contributionPoints(score, e.postValue);
    const total = r.totalPoints - mine + next;
    if (total > 0) poolShareFen += roundFen(dec(r.size.poolFen).times(next).div(total));
  }
  const after = {
    basePayFen: result.line.basePayFen,
    performancePayFen: result.line.performancePayFen,
    growthBonusFen: result.line.growthBonusFen,
    poolShareFen,
    // In a settlement the total is net of the advances already paid (result.line.totalFen subtracts them).
    totalFen: result.line.totalFen + poolShareFen,
    score,
  };
  return {
    kpiCode,
    percent,
    actual,
    score: lines.find((l) => l.code === kpiCode)!.score!,
    before: {
      basePayFen: stored.basePayFen,
      performancePayFen: stored.performancePayFen,
      growthBonusFen: stored.growthBonusFen,
      poolShareFen: stored.poolShareFen,
      totalFen: stored.totalFen,
      score: e.score,
    },
    after,
  };
}
