/** Figures computed from answer counts; plain functions over `value → count`. */

export type Distribution = Map<number, number>;

export type Split = { n: number; favourable: number; neutral: number; unfavourable: number; mean: number };

/** Percentages rounded once, to whole numbers, at display; here kept as fractions 0–1. */
export function likertSplit(distribution: Distribution): Split | null {
  let n = 0;
  let fav = 0;
  let neu = 0;
  let unfav = 0;
  let sum = 0;
  for (const [value, count] of distribution) {
    if (value < 1 || value > 5) continue;
    n += count;
    sum += value * count;
    if (value >= 4) fav += count;
    else if (value === 3) neu += count;
    else unfav += count;
  }
  if (n === 0) return null;
  return { n, favourable: fav / n, neutral: neu / n, unfavourable: unfav / n, mean: sum / n };
}

/** Adds distributions together (items of a dimension, units of a subtree). */
export function mergeDistributions(distributions: Iterable<Distribution>): Distribution {
  const merged: Distribution = new Map();
  for (const d of distributions) for (const [value, count] of d) merged.set(value, (merged.get(value) ?? 0) + count);
  return merged;
}

export type Enps = { n: number; promoters: number; passives: number; detractors: number; score: number };

/** eNPS: % promoters (9–10) minus % detractors (0–6), from −100 to 100. */
export function enps(distribution: Distribution): Enps | null {
  let n = 0;
  let promoters = 0;
  let detractors = 0;
  for (const [value, count] of distribution) {
    if (value < 0 || value > 10) continue;
    n += count;
    if (value >= 9) promoters += count;
    else if (value <= 6) detractors += count;
  }
  if (n === 0) return null;
  return { n, promoters, passives: n - promoters - detractors, detractors, score: Math.round(((promoters - detractors) / n) * 100) };
}

export type CorrelationSums = { n: number; sumX: number; sumXX: number; sumY: number; sumYY: number; sumXY: number };

/** Pearson's r from running sums; null when either side does not vary or there are too few pairs. */
export function pearson(s: CorrelationSums): number | null {
  if (s.n < 3) return null;
  const vx = s.n * s.sumXX - s.sumX * s.sumX;
  const vy = s.n * s.sumYY - s.sumY * s.sumY;
  if (vx <= 1e-9 || vy <= 1e-9) return null;
  const r = (s.n * s.sumXY - s.sumX * s.sumY) / Math.sqrt(vx * vy);
  return Math.max(-1, Math.min(1, r));
}

/** Whole percent, the one rounding rule for shares shown in reports and exports. */
export function percent(fraction: number) {
  return Math.round(fraction * 100);
}
