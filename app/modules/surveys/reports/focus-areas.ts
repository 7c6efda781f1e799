/**
 * Where a unit should look first: its strengths and the areas to improve, chosen by score and by
 * impact on overall satisfaction, and its largest changes since the last wave. Plain functions
 * over the figures the report already shows, so a suppressed figure never becomes a focus area.
 */
import { percent } from "./report-stats";

/** One dimension as the report shows it: `favourable` and `r` are null where suppressed or not computed. */
export type DimensionInput = { dimension: string; favourable: number | null; r: number | null };

export type Quadrant = "keep" | "act" | "maintain" | "watch";

export type MatrixPoint = {
  dimension: string;
  favourable: number;
  /** The correlation with the outcome, kept for a hover; never the primary text. */
  r: number;
  /** 1 = the strongest link with overall satisfaction among the unit's dimensions (ties share a rank). */
  rank: number;
  /** The correlation centred on the dimensions' mean and divided by their spread: 0 is an average link. */
  impact: number;
  quadrant: Quadrant;
};

export type FocusArea = { dimension: string; favourable: number; rank: number | null; quadrant: Quadrant | null };

export type Focus = {
  strengths: FocusArea[];
  opportunities: FocusArea[];
  /** Dimensions with both a score and an impact, for the score × impact chart. */
  matrix: MatrixPoint[];
  /** The unit's average favourable share across the dimensions chosen from: the line between high and low scores. */
  averageFavourable: number;
  /** Whether the impacts were told apart (at least two dimensions with different correlations). */
  byImpact: boolean;
};

/**
 * Strengths are the dimensions scoring at or above the unit's average, areas to improve those
 * below; within each, the strongest link with overall satisfaction comes first, then the score
 * (highest for strengths, lowest for areas to improve), then the template's order. `exclude`
 * names dimensions that are outcomes rather than levers (the overall-satisfaction dimension).
 * Fewer than two dimensions with a shown score give no focus areas.
 */
export function chooseFocus(dimensions: DimensionInput[], options: { count?: number; exclude?: string[] } = {}): Focus | null {
  const count = options.count ?? 3;
  const candidates = dimensions
    .map((d, order) => ({ ...d, order }))
    .filter((d): d is DimensionInput & { favourable: number; order: number } => d.favourable !== null)
    .filter((d) => !options.exclude?.includes(d.dimension));
  if (candidates.length < 2) return null;
  const averageFavourable = mean(candidates.map((d) => d.favourable));

  const withR = candidates.filter((d): d is typeof d & { r: number } => d.r !== null);
  const { byImpact, impacts } = relativeImpacts(withR);
  const impactOf = (r: { dimension: string }) => impacts.get(r.dimension)!;
  const high = (favourable: number) => favourable >= averageFavourable;
  const quadrantOf = (favourable: number, impact: number): Quadrant =>
    impact > 0 ? (high(favourable) ? "keep" : "act") : high(favourable) ? "maintain" : "watch";

  const matrix: MatrixPoint[] = withR.map((d) => {
    const { rank, impact } = impactOf(d);
    return {
      dimension: d.dimension,
      favourable: d.favourable,
      r: d.r,
      rank,
      impact,
      quadrant: quadrantOf(d.favourable, impact),
    };
  });
  const point = new Map(matrix.map((p) => [p.dimension, p]));
  const area = (d: (typeof candidates)[number]): FocusArea => ({
    dimension: d.dimension,
    favourable: d.favourable,
    rank: byImpact ? (point.get(d.dimension)?.rank ?? null) : null,
    quadrant: byImpact ? (point.get(d.dimension)?.quadrant ?? null) : null,
  });
  // Without told-apart impacts every dimension ranks alike and the score decides.
  const impactRank = (d: (typeof candidates)[number]) =>
    byImpact ? (impacts.get(d.dimension)?.rank ?? Number.POSITIVE_INFINITY) : Number.POSITIVE_INFINITY;
  const order = (scoreDirection: 1 | -1) => (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
    impactRank(a) - impactRank(b) || scoreDirection * (b.favourable - a.favourable) || a.order - b.order;

  return {
    strengths: candidates
      .filter((d) => high(d.favourable))
      .sort(order(1))
      .slice(0, count)
      .map(area),
    opportunities: candidates
      .filter((d) => !high(d.favourable))
      .sort(order(-1))
      .slice(0, count)
      .map(area),
    matrix,
    averageFavourable,
    byImpact,
  };
}

/**
 * Each dimension's link with the outcome relative to the others: its rank (1 = strongest, ties
 * share a rank) and its correlation centred on the dimensions' mean and divided by their spread
 * (0 = an average link). Correlations are compared as shown, to two decimals: equal ones share a
 * rank, and when all are equal every impact is 0 and `byImpact` is false.
 */
export function relativeImpacts(rows: { dimension: string; r: number }[]) {
  const meanR = mean(rows.map((d) => d.r));
  const spread = Math.sqrt(mean(rows.map((d) => (d.r - meanR) ** 2)));
  const shown = (r: number) => Math.round(r * 100);
  const byImpact = rows.length >= 2 && Math.max(...rows.map((d) => shown(d.r))) > Math.min(...rows.map((d) => shown(d.r)));
  const impacts = new Map(
    rows.map((d) => [
      d.dimension,
      { rank: 1 + rows.filter((o) => shown(o.r) > shown(d.r)).length, impact: byImpact ? (d.r - meanR) / spread : 0 },
    ]),
  );
  return { byImpact, impacts };
}

export type RelativeImpact = "above" | "average" | "below";

/** An impact in words against the other dimensions: beyond half a spread above or below the mean. */
export function relativeWord(impact: number): RelativeImpact {
  return impact > 0.5 ? "above" : impact < -0.5 ? "below" : "average";
}

export type Change = { dimension: string; points: number; size: ChangeSize };
export type ChangeSize = "small" | "medium" | "large";

/** A change in whole percentage points in plain words: under 5 small, under 10 medium, else large. */
export function changeSize(points: number): ChangeSize {
  const size = Math.abs(points);
  return size < 5 ? "small" : size < 10 ? "medium" : "large";
}

/**
 * The largest rises and falls of the favourable share since the previous wave, in whole points
 * as the report rounds them; only dimensions shown in both waves, and no change of 0. Ties keep
 * the template's order.
 */
export function biggestChanges(
  current: Record<string, number | null | undefined>,
  previous: Record<string, number | null | undefined> | null,
  dimensionOrder: string[],
  count = 2,
) {
  if (!previous) return { rises: [], falls: [] };
  const changes: Change[] = [];
  for (const dimension of dimensionOrder) {
    const now = current[dimension];
    const before = previous[dimension];
    if (now === null || now === undefined || before === null || before === undefined) continue;
    const points = percent(now) - percent(before);
    if (points !== 0) changes.push({ dimension, points, size: changeSize(points) });
  }
  const position = (c: Change) => dimensionOrder.indexOf(c.dimension);
  return {
    rises: changes
      .filter((c) => c.points > 0)
      .sort((a, b) => b.points - a.points || position(a) - position(b))
      .slice(0, count),
    falls: changes
      .filter((c) => c.points < 0)
      .sort((a, b) => a.points - b.points || position(a) - position(b))
      .slice(0, count),
  };
}

export type LinkStrength = "weak" | "moderate" | "strong";

/** A correlation in plain words (absolute value under 0.3 weak, under 0.5 moderate, else strong). */
export function linkStrength(r: number): LinkStrength {
  const size = Math.abs(r);
  return size < 0.3 ? "weak" : size < 0.5 ? "moderate" : "strong";
}

function mean(values: number[]) {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
