import { describe, expect, it } from "vitest";
import { budgetStatus, checkRun, growthLinkedBudget, totalExcess, type Budget } from "./budget";

const CITY: Budget = { unitId: "city", unitPath: "/p/city/", year: 2026, amountFen: 10_000_000 };
const FIN: Budget = { unitId: "fin", unitPath: "/p/city/fin/", year: 2026, amountFen: 3_000_000 };

describe("budget consumption", () => {
  it("counts locked runs and adjustments under each budget's subtree", () => {
    const committed = [
      { unitPath: "/p/city/fin/", fen: 2_000_000 }, // Q1 finance lines
      { unitPath: "/p/city/gov/", fen: 4_000_000 }, // Q1 government lines
      { unitPath: "/p/city/fin/", fen: -50_000 }, // an adjustment clawing back ¥500
      { unitPath: "/p/other/", fen: 9_999_999 }, // another city: not ours
    ];
    expect(budgetStatus([CITY, FIN], committed)).toEqual([
      { ...CITY, committedFen: 5_950_000, remainingFen: 4_050_000 },
      { ...FIN, committedFen: 1_950_000, remainingFen: 1_050_000 },
    ]);
  });

  it("shows what a run adds and its excess", () => {
    const committed = [
      { unitPath: "/p/city/fin/", fen: 1_950_000 },
      { unitPath: "/p/city/gov/", fen: 4_000_000 },
    ];
    const run = [
      { unitPath: "/p/city/fin/", fen: 600_000 },
      { unitPath: "/p/city/fin/", fen: 600_000 },
      { unitPath: "/p/city/gov/", fen: 1_000_000 },
    ];
    const checks = checkRun([CITY, FIN], committed, run);
    // City: 5,950,000 + 2,200,000 = 8,150,000 ≤ 10,000,000. Finance: 1,950,000 + 1,200,000 = 3,150,000, 150,000 over.
    expect(checks.map((c) => [c.unitId, c.runFen, c.afterFen, c.excessFen])).toEqual([
      ["city", 2_200_000, 8_150_000, 0],
      ["fin", 1_200_000, 3_150_000, 150_000],
    ]);
    expect(totalExcess(checks)).toBe(150_000);
  });

  it("a run exactly at the budget is within it; budgets the run does not touch are left out", () => {
    const checks = checkRun([CITY, FIN], [], [{ unitPath: "/p/city/fin/", fen: 3_000_000 }]);
    expect(checks.map((c) => c.excessFen)).toEqual([0, 0]);
    expect(checkRun([FIN], [], [{ unitPath: "/p/city/gov/", fen: 1 }])).toEqual([]);
  });
});

describe("growth-linked wage bill", () => {
  it("grows last year's bill with revenue and solution growth, rounded once", () => {
    // ¥1,000,000 base; revenue +¥3,000,000 at 2.5 % = 7,500,000 fen; solutions +¥1,234,567.89 at 1.5 % = 1,851,851.835 fen;
    // the growth 9,351,851.835 fen is rounded once → 9,351,852.
    expect(
      growthLinkedBudget({
        baseFen: 100_000_000,
        revenueGrowthFen: 300_000_000,
        revenueRate: "0.025",
        solutionGrowthFen: 123_456_789,
        solutionRate: "0.015",
      }),
    ).toBe(100_000_000 + 7_500_000 + 1_851_852);
    // A shrinking year keeps the base.
    expect(
      growthLinkedBudget({
        baseFen: 100_000_000,
        revenueGrowthFen: -5_000_000,
        revenueRate: "0.025",
        solutionGrowthFen: 0,
        solutionRate: "0.015",
      }),
    ).toBe(100_000_000);
  });
});
