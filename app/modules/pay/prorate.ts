import { int, scaledRate, SCALE } from "./money";

/**
 * Pro-rating by days (按天折算). A period's base pay and performance base are paid for the
 * calendar days a person was in it: a joiner from the hire date, a leaver up to the last day,
 * both ends inclusive. Each amount is computed exactly and rounded once, half up, to the fen
 * (the pay rounding rule). Where a line is split between units by days (a transfer or a
 * rotation), the parts are allocated by largest remainder so that they add up exactly.
 */

const DAY = 24 * 60 * 60 * 1000;

/** A calendar date as a whole UTC day number (time of day ignored). */
export function dayNumber(date: Date | string): number {
  const d = typeof date === "string" ? new Date(date) : date;
  return Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / DAY);
}

/** Days from `from` to `to`, both inclusive (0 when `to` is before `from`). */
export function daysInclusive(from: Date | string, to: Date | string): number {
  return Math.max(0, dayNumber(to) - dayNumber(from) + 1);
}

export type Span = { startsOn: Date | string; endsOn: Date | string };

/**
 * The days of `period` a person was employed: from the later of the period start and the hire
 * date to the earlier of the period end and the leaving date (the last day worked).
 */
export function employedDays(period: Span, employment: { hiredOn?: Date | string | null; leftOn?: Date | string | null }): number {
  const start = Math.max(dayNumber(period.startsOn), employment.hiredOn ? dayNumber(employment.hiredOn) : -Infinity);
  const end = Math.min(dayNumber(period.endsOn), employment.leftOn ? dayNumber(employment.leftOn) : Infinity);
  return Math.max(0, end - start + 1);
}

/** n ÷ d (d > 0) rounded once, half up (away from zero), to a whole number. */
function roundRatio(n: bigint, d: bigint): number {
  const q = n / d;
  const r = n % d;
  const away = 2n * (r < 0n ? -r : r) >= d ? (n < 0n ? -1n : 1n) : 0n;
  const result = Number(q + away);
  if (!Number.isSafeInteger(result)) throw new RangeError("amount out of range");
  return result;
}

function checkDays(days: number, periodDays: number) {
  if (!Number.isInteger(days) || !Number.isInteger(periodDays) || periodDays <= 0 || days < 0 || days > periodDays)
    throw new RangeError("days must be whole, 0 ≤ days ≤ period days");
}

/** amount × days ÷ periodDays, rounded once, half up, to the fen. The whole amount when days = periodDays. */
export function prorateFen(amountFen: number, days: number, periodDays: number): number {
  checkDays(days, periodDays);
  if (days === periodDays) return amountFen;
  // days ÷ periodDays rarely terminates in decimals: divide once and compare twice the remainder (half up).
  return roundRatio(int(amountFen) * BigInt(days), BigInt(periodDays));
}

/**
 * Performance pay of a part period: performance base × coefficient × days ÷ period days, computed
 * exactly and rounded once (not the pro-rated base rounded, then multiplied and rounded again).
 */
export function proratedPerformancePay(baseFen: number, coefficient: string, days: number, periodDays: number): number {
  checkDays(days, periodDays);
  return roundRatio(int(baseFen) * scaledRate(coefficient) * BigInt(days), SCALE * BigInt(periodDays));
}

/** The days of `period` spent in each unit, for a person who moved (a transfer or a rotation). */
export type UnitDays = { unitId: string; days: number };

/**
 * Splits an amount between units by the days spent in each (largest remainder; equal
 * remainders go to the earlier segment), so the parts sum exactly to the amount.
 */
export function splitByDays(amountFen: number, segments: UnitDays[]): { unitId: string; fen: number }[] {
  const total = segments.reduce((s, x) => s + x.days, 0);
  if (segments.length === 0) return [];
  if (total <= 0) return segments.map((s, i) => ({ unitId: s.unitId, fen: i === 0 ? amountFen : 0 }));
  const sign = amountFen < 0 ? -1n : 1n;
  const abs = int(amountFen) * sign;
  const parts = segments.map((s) => {
    const exact = abs * BigInt(s.days);
    return { unitId: s.unitId, fen: exact / BigInt(total), rest: exact % BigInt(total) };
  });
  let left = abs - parts.reduce((s, p) => s + p.fen, 0n);
  const order = parts.map((_, i) => i).sort((a, b) => (parts[b].rest > parts[a].rest ? 1 : parts[b].rest < parts[a].rest ? -1 : a - b));
  for (const i of order) {
    if (left === 0n) break;
    parts[i].fen += 1n;
    left -= 1n;
  }
  return parts.map((p) => ({ unitId: p.unitId, fen: Number(p.fen * sign) }));
}

/**
 * The days spent in each unit: the home unit, except during a rotation to a host unit.
 * Rotations are clipped to the period; overlapping ones are taken in order.
 */
export function unitDays(
  period: Span,
  homeUnitId: string,
  rotations: { hostUnitId: string; startsOn: Date | string; endsOn: Date | string }[],
  employment: { hiredOn?: Date | string | null; leftOn?: Date | string | null } = {},
): UnitDays[] {
  const from = Math.max(dayNumber(period.startsOn), employment.hiredOn ? dayNumber(employment.hiredOn) : -Infinity);
  const to = Math.min(dayNumber(period.endsOn), employment.leftOn ? dayNumber(employment.leftOn) : Infinity);
  if (to < from) return [];
  const days = new Map<string, number>();
  let rotated = 0;
  let covered = from - 1;
  for (const r of [...rotations].sort((a, b) => dayNumber(a.startsOn) - dayNumber(b.startsOn))) {
    const s = Math.max(from, dayNumber(r.startsOn), covered + 1);
    const e = Math.min(to, dayNumber(r.endsOn));
    if (e < s) continue;
    days.set(r.hostUnitId, (days.get(r.hostUnitId) ?? 0) + (e - s + 1));
    rotated += e - s + 1;
    covered = e;
  }
  const home = to - from + 1 - rotated;
  const result: UnitDays[] = [];
  if (home > 0) result.push({ unitId: homeUnitId, days: home });
  for (const [unitId, d] of days) {
    if (unitId === homeUnitId) result[0] = { unitId, days: (result[0]?.days ?? 0) + d };
    else result.push({ unitId, days: d });
  }
  return result;
}
