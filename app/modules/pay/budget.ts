import { int, roundScaled, scaledRate } from "./money";

/**
 * The wage bill (工资总额): a budget per unit and year, consumed by every locked run and every
 * adjustment to one. A unit's budget covers its whole subtree (lines are matched by the unit
 * path they were paid under). A run is checked before it is approved: what it would add to
 * each budget's committed amount, and by how much it would exceed the budget. An excess needs
 * the approver's explicit override with a reason.
 */

export type Budget = { unitId: string; unitPath: string; year: number; amountFen: number };

/** A paid amount under a unit (a run's line, an adjustment), by the unit's path. */
export type Spend = { unitPath: string; fen: number };

export type BudgetStatus = {
  unitId: string;
  unitPath: string;
  year: number;
  amountFen: number;
  committedFen: number;
  remainingFen: number;
};

export type BudgetCheck = BudgetStatus & { runFen: number; afterFen: number; excessFen: number };

/** Sums spends into every budget whose unit contains them (a budget of a city covers its rooms). */
function sumUnder(budgets: Budget[], spends: Iterable<Spend>): Map<Budget, number> {
  const sums = new Map<Budget, number>(budgets.map((b) => [b, 0]));
  // Most spends share a few unit paths: match each distinct path once.
  const byPath = new Map<string, number>();
  for (const s of spends) byPath.set(s.unitPath, (byPath.get(s.unitPath) ?? 0) + s.fen);
  for (const [path, fen] of byPath) for (const b of budgets) if (path.startsWith(b.unitPath)) sums.set(b, sums.get(b)! + fen);
  return sums;
}

/** Budget, committed and remaining of each budget, from what locked runs and adjustments paid. */
export function budgetStatus(budgets: Budget[], committed: Iterable<Spend>): BudgetStatus[] {
  const sums = sumUnder(budgets, committed);
  return budgets.map((b) => ({ ...b, committedFen: sums.get(b)!, remainingFen: b.amountFen - sums.get(b)! }));
}

/**
 * What a run would do to each budget of its year: the run's amount under the budget's unit,
 * committed after it, and the excess over the budget (0 when within). Only budgets the run
 * touches are returned.
 */
export function checkRun(budgets: Budget[], committed: Iterable<Spend>, run: Iterable<Spend>): BudgetCheck[] {
  const status = budgetStatus(budgets, committed);
  const runSums = sumUnder(budgets, run);
  return status
    .map((s, i) => {
      const runFen = runSums.get(budgets[i])!;
      const afterFen = s.committedFen + runFen;
      return { ...s, runFen, afterFen, excessFen: Math.max(0, afterFen - s.amountFen) };
    })
    .filter((c) => c.runFen !== 0);
}

export const totalExcess = (checks: BudgetCheck[]) => checks.reduce((s, c) => s + c.excessFen, 0);

/**
 * The growth-linked wage bill, as the department proposed: last year's bill grown with the
 * G&E revenue growth and the industry-solution expansion, each at its rate. Growth below zero
 * adds nothing (a shrinking year keeps last year's bill; the province may allocate less by
 * hand). Rounded once, half up, to the fen.
 *   budget = base + max(0, revenue growth) × revenue rate + max(0, solution growth) × solution rate
 */
export type GrowthLinkedBudget = {
  baseFen: number;
  revenueGrowthFen: number;
  revenueRate: string;
  solutionGrowthFen: number;
  solutionRate: string;
};

export function growthLinkedBudget(p: GrowthLinkedBudget): number {
  const revenue = p.revenueGrowthFen > 0 ? int(p.revenueGrowthFen) * scaledRate(p.revenueRate) : 0n;
  const solution = p.solutionGrowthFen > 0 ? int(p.solutionGrowthFen) * scaledRate(p.solutionRate) : 0n;
  return p.baseFen + roundScaled(revenue + solution);
}
