import { z } from "~/utils/validation";
import { dec, DECIMAL_PATTERN, roundFen } from "./money";

/**
 * Department bonus pool (部门奖金池), sized by revenue growth and shared by contribution
 * points (贡献点 = score × post value):
 *   pool = min(cap, max(0, base pool + (revenue − last year's revenue) × growth rate))
 * rounded once, half up, to the fen; then split by the largest-remainder method so the
 * shares add up to the pool exactly. This year's revenue is the sum of the pool members'
 * actuals on the revenue KPI (a KPI in fen). Last year's revenue ("samePeriodLastYear") is the
 * same members' actuals on the same KPI in the same period of the previous year, read from the
 * data when the run is prepared and frozen with it; a run cannot size the pool without it.
 * Schemes saved before that choice existed compare with a fixed figure (`lastYearRevenueFen`).
 */
const rate = z.string().trim().regex(DECIMAL_PATTERN, "pay.errors.decimal");

export const DeptPoolParamsSchema = z
  .object({
    unitId: z.string().trim().min(1).max(64),
    revenueKpi: z
      .string()
      .trim()
      .min(1)
      .max(32)
      .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "errors.code"),
    /** What growth is measured against; absent on schemes saved before the choice existed (fixed). */
    comparison: z.enum(["samePeriodLastYear", "fixed"]).optional(),
    lastYearRevenueFen: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
    basePoolFen: z.number().int().min(0).max(1_000_000_000_000),
    growthRate: rate,
    capFen: z.number().int().min(0).max(1_000_000_000_000),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (dec(v.growthRate).gt(1)) ctx.addIssue({ code: "custom", path: ["growthRate"], message: "pay.errors.rateAboveOne" });
    if (v.capFen < v.basePoolFen) ctx.addIssue({ code: "custom", path: ["capFen"], message: "pay.errors.capBelowBase" });
  });

export type DeptPoolParams = z.infer<typeof DeptPoolParamsSchema>;

export type PoolSize = { revenueFen: string; growthFen: string; exactFen: string; floored: boolean; capped: boolean; poolFen: number };

export const comparesWithLastYear = (p: DeptPoolParams) => p.comparison === "samePeriodLastYear";

/**
 * The pool for a period from this year's revenue in fen (the members' actuals summed) and last
 * year's (the same period's, read from the data, or the scheme's fixed figure).
 */
export function poolSize(
  p: DeptPoolParams,
  revenueFen: number | string,
  lastYearRevenueFen: number | string = p.lastYearRevenueFen,
): PoolSize {
  const revenue = dec(revenueFen);
  const growth = revenue.minus(lastYearRevenueFen);
  let exact = dec(p.basePoolFen).plus(growth.times(p.growthRate));
  const floored = exact.lt(0);
  if (floored) exact = dec(0);
  const capped = exact.gt(p.capFen);
  if (capped) exact = dec(p.capFen);
  return {
    revenueFen: revenue.toString(),
    growthFen: growth.toString(),
    exactFen: exact.toString(),
    floored,
    capped,
    poolFen: roundFen(exact),
  };
}

/** Contribution points: score (hundredths of a point) × post value. */
export function contributionPoints(score: number, postValue: number) {
  return score * postValue;
}

/**
 * Splits `poolFen` in proportion to `points` (non-negative integers) by largest remainder:
 * every member gets the floor of their exact share, then the leftover fen go one each to
 * the largest remainders; equal remainders go in the members' given order (stable).
 * The result always sums to the pool, unless nobody has points (then all shares are 0).
 */
export function allocateByPoints(poolFen: number, points: number[]): number[] {
  if (!Number.isSafeInteger(poolFen) || poolFen < 0) throw new RangeError("pool must be non-negative integer fen");
  const total = points.reduce((sum, p) => {
    if (!Number.isSafeInteger(p) || p < 0) throw new RangeError("points must be non-negative integers");
    return sum + BigInt(p);
  }, 0n);
  if (total === 0n) return points.map(() => 0);
  const pool = BigInt(poolFen);
  const shares: number[] = new Array(points.length);
  const remainders: bigint[] = new Array(points.length);
  let given = 0n;
  for (let i = 0; i < points.length; i++) {
    const numerator = pool * BigInt(points[i]);
    const share = numerator / total;
    shares[i] = Number(share);
    remainders[i] = numerator % total;
    given += share;
  }
  let left = Number(pool - given);
  if (left > 0) {
    const order = points.map((_, i) => i).sort((a, b) => (remainders[b] > remainders[a] ? 1 : remainders[b] < remainders[a] ? -1 : a - b));
    for (let k = 0; k < left; k++) shares[order[k]] += 1;
    left = 0;
  }
  return shares;
}
