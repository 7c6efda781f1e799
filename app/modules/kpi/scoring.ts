/**
 * The KPI scoring rules, as plain functions.
 *
 * Units: KPI values (actual, threshold, target, stretch) are integers in the KPI's unit;
 * scores are integer hundredths of a point (8750 = 87.50); weights are integer percent.
 *
 * Curve ("higher is better"; "lower is better" is the mirror image):
 *   actual ≤ threshold            → 0
 *   threshold … target            → linear from 0 to 100.00
 *   target … stretch              → linear from 100.00 to the cap
 *   actual ≥ stretch              → the cap
 * When stretch equals target the line stops at 100.00.
 *
 * Rounding: each line score is computed exactly and rounded once, half up, to hundredths;
 * the weighted total is computed exactly from the rounded line scores an employee sees and
 * rounded once, half up, to hundredths. So anyone can recompute the total from the lines.
 */

export type Direction = "higher" | "lower";
export type KpiKind = "quantitative" | "rated";

export type Curve = { direction: Direction; threshold: number; target: number; stretch: number; cap: number };

/** 100.00 points in hundredths. */
export const FULL_SCORE = 10_000;
export const MIN_CAP = 10_000;
export const MAX_CAP = 20_000;
/** More KPIs than this scatters focus: the plan editor warns. */
export const FOCUS_LIMIT = 8;

/** A manager's 1–5 rating mapped to a score (then limited by the line's cap). */
export const RATING_SCORES: Record<number, number> = { 1: 0, 2: 6_000, 3: 8_000, 4: 10_000, 5: 12_000 };

/** n / d for non-negative integers n and d > 0, rounded half up; exact beyond 2^53 via BigInt. */
export function divideHalfUp(n: number, d: number): number {
  if (d <= 0 || n < 0) throw new RangeError("divideHalfUp expects n ≥ 0 and d > 0");
  if (2 * n + d <= Number.MAX_SAFE_INTEGER) return Math.floor((2 * n + d) / (2 * d));
  const N = BigInt(n);
  const D = BigInt(d);
  return Number((2n * N + D) / (2n * D));
}

/** Multiplies two non-negative integers and divides, rounding half up once; exact for large values. */
function mulDivHalfUp(a: number, b: number, d: number): number {
  const product = a * b;
  if (Number.isSafeInteger(product) && 2 * product + d <= Number.MAX_SAFE_INTEGER) return divideHalfUp(product, d);
  const A = BigInt(a) * BigInt(b);
  const D = BigInt(d);
  return Number((2n * A + D) / (2n * D));
}

export type CurveProblem = "order" | "cap";

/** Why a curve cannot score, or null when it is well-formed. */
export function curveProblem(c: Curve): CurveProblem | null {
  if (!Number.isSafeInteger(c.cap) || c.cap < MIN_CAP || c.cap > MAX_CAP) return "cap";
  const s = c.direction === "higher" ? 1 : -1;
  if (!(s * (c.target - c.threshold) > 0) || !(s * (c.stretch - c.target) >= 0)) return "order";
  return null;
}

/** Score of one quantitative line, in hundredths, rounded once. */
export function curveScore(c: Curve, actual: number): number {
  if (curveProblem(c)) throw new RangeError(`Malformed curve ${JSON.stringify(c)}`);
  return curveScoreUnchecked(c, actual);
}

/** curveScore for a curve already checked with curveProblem (a pay run scores 800,000 lines). */
export function curveScoreUnchecked(c: Curve, actual: number): number {
  // Mirror "lower is better" so that the rest is one case: bigger `x` is better.
  const s = c.direction === "higher" ? 1 : -1;
  const x = s * actual;
  const threshold = s * c.threshold;
  const target = s * c.target;
  const stretch = s * c.stretch;
  if (x <= threshold) return 0;
  if (x < target) return mulDivHalfUp(FULL_SCORE, x - threshold, target - threshold);
  if (stretch === target) return FULL_SCORE;
  if (x >= stretch) return c.cap;
  return FULL_SCORE + mulDivHalfUp(c.cap - FULL_SCORE, x - target, stretch - target);
}

/** Score of a rated line (a 1–5 rating), limited by the cap. */
export function ratingScore(rating: number, cap: number): number {
  const score = RATING_SCORES[rating];
  if (score === undefined) throw new RangeError(`Rating must be 1–5, got ${rating}`);
  return Math.min(score, cap);
}

/** One line's score, or null when the actual is missing (never a silent zero). */
export function lineScore(line: Curve & { kind?: KpiKind }, actual: number | null): number | null {
  if (actual === null) return null;
  return line.kind === "rated" ? ratingScore(actual, line.cap) : curveScore(line, actual);
}

/**
 * Weighted total in hundredths: Σ weight × score / 100, rounded once, half up.
 * null when any line has no score: a total over partial lines would mislead.
 */
export function weightedTotal(lines: { weight: number; score: number | null }[]): number | null {
  let sum = 0;
  for (const line of lines) {
    if (line.score === null) return null;
    sum += line.weight * line.score;
  }
  return lines.length === 0 ? null : divideHalfUp(sum, 100);
}

export type WeightProblem = "total" | "negative" | "empty";

/** Weights must be whole percentages totalling exactly 100. */
export function weightProblem(weights: number[]): WeightProblem | null {
  if (weights.length === 0) return "empty";
  if (weights.some((w) => !Number.isInteger(w) || w <= 0)) return "negative";
  return weights.reduce((a, b) => a + b, 0) === 100 ? null : "total";
}

/** Progress towards target for display, in hundredths of a percent (10000 = 100 %); mirrored for "lower is better". */
export function progressToTarget(c: Pick<Curve, "direction" | "threshold" | "target">, actual: number): number {
  if (c.direction === "higher") return c.target === 0 ? 0 : Math.max(0, Math.round((actual / c.target) * 10_000));
  // Lower is better: reaching the target (or better) is 100 %, the threshold is 0 %.
  const span = c.threshold - c.target;
  if (span <= 0) return 0;
  return Math.max(0, Math.round(((c.threshold - actual) / span) * 10_000));
}
