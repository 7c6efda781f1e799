import { performancePay } from "./coefficients";
import { dayNumber, daysInclusive, proratedPerformancePay, prorateFen, splitByDays, type Span, type UnitDays } from "./prorate";

/**
 * Pay cadence (发薪节奏). An organisation pays either once per appraisal period (`period`: base
 * pay for the period's months and performance pay from the scores, one run per period), or every
 * month (`monthly`):
 *
 * - a **monthly** run, for one calendar month, pays each person the month's base pay and a
 *   performance advance (绩效预发) = the monthly performance base × the advance rate HR sets (basis
 *   points, e.g. 8000 = 80 %), both pro-rated by the days of the month employed (a joiner from the
 *   hire date; a person who moved between units has the amounts split between the units by days);
 * - a **settlement** run, for an appraisal period (a quarter or a year), computes performance pay
 *   from the scores as a period run does, pays no base pay (the monthly runs paid it), and
 *   subtracts the advances paid to that person in the locked monthly runs of the period's months.
 *   The difference may be negative (the advances paid more than the performance earned): it is
 *   kept as a negative line, exported to payroll as a deduction, and counted as such against the
 *   wage bill. It is never set to zero.
 *
 * Money follows the pay rounding rule (money.ts): integer fen, each amount computed exactly and
 * rounded once, half up, to the fen: base × days ÷ month days once, performance base × rate ×
 * days ÷ month days once (not the pro-rated base rounded and then multiplied). Advances are
 * subtracted in a settlement exactly as they were paid, so a quarter's pay adds up to the fen.
 */

export const CADENCES = ["period", "monthly"] as const;
export type Cadence = (typeof CADENCES)[number];

export const RUN_KINDS = ["period", "monthly", "settlement"] as const;
export type RunKind = (typeof RUN_KINDS)[number];

/** The advance rate when HR has set none: 80 % of the monthly performance base. */
export const DEFAULT_ADVANCE_RATE_BP = 8000;
export const MAX_ADVANCE_RATE_BP = 10_000;

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

/** A monthly run's periodId: monthly runs have no appraisal period, and one run per "period" means one per month. */
export const monthlyPeriodId = (month: string) => `month:${month}`;

/** "2026-01" → its first and last day (UTC midnight) and its number of days. */
export function monthSpan(month: string): { startsOn: Date; endsOn: Date; days: number } {
  if (!MONTH_PATTERN.test(month)) throw new RangeError(`not a month: ${month}`);
  const [y, m] = month.split("-").map(Number);
  const startsOn = new Date(Date.UTC(y, m - 1, 1));
  const endsOn = new Date(Date.UTC(y, m, 0));
  return { startsOn, endsOn, days: daysInclusive(startsOn, endsOn) };
}

/** The calendar months a period covers, in order ("2026-01", "2026-02", "2026-03" for 2026-Q1). */
export function monthsOf(period: Span): string[] {
  const from = new Date(dayNumber(period.startsOn) * 86_400_000);
  const to = new Date(dayNumber(period.endsOn) * 86_400_000);
  const months: string[] = [];
  for (
    let y = from.getUTCFullYear(), m = from.getUTCMonth();
    y < to.getUTCFullYear() || (y === to.getUTCFullYear() && m <= to.getUTCMonth());
  ) {
    months.push(`${y}-${String(m + 1).padStart(2, "0")}`);
    if (++m === 12) [y, m] = [y + 1, 0];
  }
  return months;
}

/** Basis points as the decimal rate the pay rules multiply by: 8000 → "0.8", 10000 → "1". */
export function bpRate(bp: number): string {
  if (!Number.isInteger(bp) || bp < 0 || bp > MAX_ADVANCE_RATE_BP) throw new RangeError("advance rate must be 0–10000 basis points");
  const frac = String(bp % 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return `${Math.floor(bp / 10_000)}${frac ? `.${frac}` : ""}`;
}

export type MonthlyAmounts = { basePayFen: number; advanceFen: number };

/**
 * One person's month: base pay and the performance advance, for `days` of the month's `monthDays`
 * (the whole month when equal). Each rounded once, half up, to the fen.
 */
export function monthlyAmounts(
  band: { basePayFen: number; performanceBaseFen: number },
  advanceRateBp: number,
  days: number,
  monthDays: number,
): MonthlyAmounts {
  const rate = bpRate(advanceRateBp);
  if (days === monthDays) return { basePayFen: band.basePayFen, advanceFen: performancePay(band.performanceBaseFen, rate) };
  return {
    basePayFen: prorateFen(band.basePayFen, days, monthDays),
    advanceFen: proratedPerformancePay(band.performanceBaseFen, rate, days, monthDays),
  };
}

export type UnitShare = { unitId: string; days: number; basePayFen: number; advanceFen: number };

/**
 * A month's amounts split between the units a person was in (a transfer or a rotation), by days,
 * each amount by largest remainder: the parts add up exactly to the person's amounts.
 */
export function splitMonthly(amounts: MonthlyAmounts, segments: UnitDays[]): UnitShare[] {
  const base = splitByDays(amounts.basePayFen, segments);
  const advance = splitByDays(amounts.advanceFen, segments);
  return segments.map((s, i) => ({ unitId: s.unitId, days: s.days, basePayFen: base[i].fen, advanceFen: advance[i].fen }));
}

/** An advance paid to a person in a locked monthly run. */
export type Advance = { month: string; fen: number };

export type Settlement = {
  /** Performance pay for the period, from the score (as a period run computes it). */
  performancePayFen: number;
  /** The advances paid in the period's months, subtracted exactly as paid. */
  advancesDeductedFen: number;
  /** What the settlement pays for performance: performance pay − advances; negative when the advances paid more. */
  settlementFen: number;
};

/** The performance settlement of a period: performance pay minus the advances already paid (never floored at zero). */
export function settle(performancePayFen: number, advances: Advance[]): Settlement {
  const advancesDeductedFen = advances.reduce((s, a) => s + a.fen, 0);
  return { performancePayFen, advancesDeductedFen, settlementFen: performancePayFen - advancesDeductedFen };
}
