/**
 * Fair target allocation: a room's target split among its account managers in proportion
 * to their portfolio baseline instead of equally. Every split is in integer units of the
 * KPI and sums exactly to the total (largest remainder: the units left after flooring go,
 * one each, to the largest fractional parts; ties to the earlier person in the list).
 */
import { curveProblem, type Curve, type CurveProblem } from "./scoring";

/** Splits `total` in proportion to non-negative integer `weights` (largest remainder). */
export function largestRemainder(total: number, weights: bigint[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError("total must be a non-negative integer");
  const sum = weights.reduce((a, b) => a + b, 0n);
  if (weights.length === 0) return [];
  if (sum === 0n)
    return largestRemainder(
      total,
      weights.map(() => 1n),
    );
  const T = BigInt(total);
  const shares = weights.map((w, index) => ({ index, floor: (T * w) / sum, remainder: (T * w) % sum }));
  let left = T - shares.reduce((a, s) => a + s.floor, 0n);
  const order = [...shares].sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const s of order) {
    if (left === 0n) break;
    s.floor += 1n;
    left -= 1n;
  }
  return shares.map((s) => Number(s.floor));
}

export function equalSplit(total: number, count: number): number[] {
  return largestRemainder(
    total,
    Array.from({ length: count }, () => 1n),
  );
}

export type PortfolioBaseline = { revenueFen: number; importance: number };

/**
 * Each person's basis: revenueWeight % of their share of the room's baseline revenue plus
 * the rest of their share of its customer-importance points, as one exact integer weight.
 */
export function baselineWeights(baselines: PortfolioBaseline[], revenueWeight: number): bigint[] {
  if (!Number.isInteger(revenueWeight) || revenueWeight < 0 || revenueWeight > 100)
    throw new RangeError("revenueWeight is a percent 0–100");
  const revenueSum = baselines.reduce((a, b) => a + BigInt(b.revenueFen), 0n);
  const importanceSum = baselines.reduce((a, b) => a + BigInt(b.importance), 0n);
  // w_i = rw · rev_i / Σrev + (100 − rw) · imp_i / Σimp, scaled by Σrev · Σimp to stay whole.
  return baselines.map((b) => {
    const revenuePart = revenueSum === 0n ? 0n : BigInt(revenueWeight) * BigInt(b.revenueFen) * (importanceSum === 0n ? 1n : importanceSum);
    const importancePart =
      importanceSum === 0n ? 0n : BigInt(100 - revenueWeight) * BigInt(b.importance) * (revenueSum === 0n ? 1n : revenueSum);
    return revenuePart + importancePart;
  });
}

/** The two splits HR compares before committing one. */
export function compareSplits(total: number, baselines: PortfolioBaseline[], revenueWeight: number) {
  return {
    equal: equalSplit(total, baselines.length),
    byBaseline: largestRemainder(total, baselineWeights(baselines, revenueWeight)),
  };
}

/** Threshold and stretch move with the target, keeping their ratio to it (rounded half up). */
export function scaleAround(value: number, fromTarget: number, toTarget: number): number {
  if (fromTarget === 0) return value;
  const n = BigInt(value) * BigInt(toTarget);
  const d = BigInt(fromTarget);
  const negative = n < 0n !== d < 0n;
  const a = n < 0n ? -n : n;
  const b = d < 0n ? -d : d;
  const q = (2n * a + b) / (2n * b);
  return Number(negative ? -q : q);
}

/**
 * A person's curve for an allocated target, scaled from the plan's curve: threshold and stretch
 * keep the plan's ratio to its target, each rounded once. Never scaled from a line that was
 * already allocated and rounded, so committing again cannot drift (30/50/70 stays 30/50/70).
 */
export function allocatedCurve(plan: Curve, target: number): Curve {
  return {
    ...plan,
    target,
    threshold: scaleAround(plan.threshold, plan.target, target),
    stretch: scaleAround(plan.stretch, plan.target, target),
  };
}

export type AllocatedPerson = { id: string; employeeNo: string; name: string; plan: Curve };
export type BrokenCurve = { id: string; employeeNo: string; name: string; problem: CurveProblem; curve: Curve };

/** Every person's new curve for `parts`, and those that would not form a curve (checked before anything is written). */
export function allocationCurves(people: AllocatedPerson[], parts: number[]) {
  const curves = people.map((p, i) => allocatedCurve(p.plan, parts[i]));
  const broken: BrokenCurve[] = [];
  people.forEach((p, i) => {
    const problem = curveProblem(curves[i]);
    if (problem) broken.push({ id: p.id, employeeNo: p.employeeNo, name: p.name, problem, curve: curves[i] });
  });
  return { curves, broken };
}
