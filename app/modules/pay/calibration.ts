import type { CoefficientBand } from "./coefficients";

/**
 * Rating calibration (绩效等级校准). A score falls in a coefficient band; each band is a rating
 * (A for the top band, then B, C…, unless the table names them). Before coefficients apply, the
 * ratings of each unit are compared with the period's distribution guideline: for each rating a
 * range of the unit's people, in whole percent (A at most 20 %, C at least 5 %). The bounds are
 * exact: "at most 20 %" of 12 people allows 2 (2 × 100 ≤ 20 × 12), not 3; "at least 5 %" of 12
 * needs 1 (1 × 100 ≥ 5 × 12). HR and heads move people to another rating with a reason; the
 * rating then decides the coefficient, and the payslip shows the move.
 */

export type RatingRange = { rating: string; minPercent?: number; maxPercent?: number };
export type Guideline = { ranges: RatingRange[] };

const LETTERS = "ABCDEFGHIJ";

/** The ratings of a coefficient table, top band first: its own names, else A, B, C… */
export function bandRatings(bands: (CoefficientBand & { rating?: string })[]): string[] {
  const n = bands.length;
  return bands.map((b, i) => b.rating ?? LETTERS[n - 1 - i] ?? String(n - i));
}

/** The rating of a band of a table (by position unless it is named). */
export function ratingOfBand(bands: (CoefficientBand & { rating?: string })[], index: number): string {
  const b = bands[index];
  return b.rating ?? LETTERS[bands.length - 1 - index] ?? String(bands.length - index);
}

/** The rating of a score in a table (the band it falls in). */
export function ratingOf(bands: (CoefficientBand & { rating?: string })[], score: number): string {
  const ratings = bandRatings(bands);
  for (let i = 0; i < bands.length - 1; i++) if (score >= bands[i].min && score < bands[i].max) return ratings[i];
  return ratings[bands.length - 1];
}

/** The band that carries a rating, or null when the table has no such rating. */
export function bandOfRating<B extends CoefficientBand & { rating?: string }>(bands: B[], rating: string): B | null {
  const i = bandRatings(bands).indexOf(rating);
  return i < 0 ? null : bands[i];
}

export type RatingCount = { rating: string; count: number; minCount: number | null; maxCount: number | null; within: boolean };

/** The least and most people of `size` a range allows (exact fractions, no rounding). */
export function allowedCounts(range: RatingRange, size: number): { minCount: number | null; maxCount: number | null } {
  return {
    minCount: range.minPercent === undefined ? null : Math.floor((range.minPercent * size + 99) / 100),
    maxCount: range.maxPercent === undefined ? null : Math.floor((range.maxPercent * size) / 100),
  };
}

/** One unit's ratings against the guideline: each rating with a range, its count and whether it is within. */
export function checkDistribution(guideline: Guideline, ratings: string[]): { size: number; counts: RatingCount[]; within: boolean } {
  const size = ratings.length;
  const tally = new Map<string, number>();
  for (const r of ratings) tally.set(r, (tally.get(r) ?? 0) + 1);
  const counts = guideline.ranges.map((range) => {
    const count = tally.get(range.rating) ?? 0;
    const { minCount, maxCount } = allowedCounts(range, size);
    // Integer comparison of count / size with the percent: count × 100 against percent × size.
    const within =
      (range.minPercent === undefined || count * 100 >= range.minPercent * size) &&
      (range.maxPercent === undefined || count * 100 <= range.maxPercent * size);
    return { rating: range.rating, count, minCount, maxCount, within };
  });
  return { size, counts, within: counts.every((c) => c.within) };
}

/** The first problem of a guideline (a rating named twice, min above max, a range beyond 0–100), or null. */
export function guidelineProblem(guideline: Guideline, ratings: string[]): string | null {
  const seen = new Set<string>();
  let mins = 0;
  for (const r of guideline.ranges) {
    if (!ratings.includes(r.rating)) return "pay.errors.guidelineUnknownRating";
    if (seen.has(r.rating)) return "pay.errors.guidelineDuplicate";
    seen.add(r.rating);
    if (r.minPercent !== undefined && r.maxPercent !== undefined && r.minPercent > r.maxPercent) return "pay.errors.guidelineMinAboveMax";
    mins += r.minPercent ?? 0;
  }
  if (mins > 100) return "pay.errors.guidelineMinsOver100";
  return null;
}
