import { describe, expect, it } from "vitest";
import { budgetStatus, checkRun, growthLinkedBudget, totalExcess, type Budget } from "./budget";
import { monthSpan } from "./cadence";
import { computeRun, type EmployeeInputs, type RunParams } from "./payroll";

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

describe("budget consumption with monthly pay", () => {
  const band = { basePayFen: 800_000, performanceBaseFen: 300_000 };
  const base = { bands: { "skill:S4": band }, growth: [], pools: [] };
  const month = (m: string): RunParams => ({
    ...base,
    kind: "monthly",
    month: m,
    advanceRateBp: 8000,
    periodMonths: 1,
    periodDays: monthSpan(m).days,
    coefficients: { schemeId: "", version: 0, bands: [] },
  });
  const coefficients = { schemeId: "c", version: 1, bands: [{ min: 0, max: 20000, coefficient: "1.1" }] };
  const e = (advances?: { month: string; fen: number }[]): EmployeeInputs => ({
    employeeId: "E1",
    employeeNo: "E1",
    unitId: "fin",
    unitPath: "/p/city/fin/",
    track: "skill",
    level: "S4",
    positionCode: "AM",
    postValue: 100,
    score: 9000,
    lines: [],
    actuals: {},
    missing: [],
    ...(advances ? { advances } : {}),
  });

  it("counts the advances once: three monthly runs and the settlement commit exactly base plus performance pay", () => {
    const months = ["2026-01", "2026-02", "2026-03"].map((m) => ({ m, line: computeRun(month(m), [e()]).lines[0] }));
    const settlement = computeRun({ ...base, kind: "settlement", periodMonths: 3, periodDays: 90, coefficients }, [
      e(months.map(({ m, line }) => ({ month: m, fen: line.advanceFen }))),
    ]).lines[0];
    const spends = [...months.map(({ line }) => line), settlement].map((l) => ({ unitPath: "/p/city/fin/", fen: l.totalFen }));
    const [fin] = budgetStatus([FIN], spends);
    // Base 3 × 800,000 + performance pay 900,000 × 1.1 = 3,390,000 (not 3,390,000 + the 720,000 advanced).
    expect(fin.committedFen).toBe(3_390_000);
    // The same as a period run of the quarter, which pays both at once.
    const period = computeRun({ ...base, kind: "period", periodMonths: 3, periodDays: 90, coefficients }, [e()]).lines[0];
    expect(period.totalFen).toBe(3_390_000);
    expect(fin.remainingFen).toBe(3_000_000 - 3_390_000);
  });
});
