import { describe, expect, it } from "vitest";
import { explainLine, explainMonthly, whatIf } from "./explain";
import { computeRun, type EmployeeInputs, type RunSnapshot } from "./payroll";

const SNAPSHOT: RunSnapshot = {
  periodMonths: 3,
  bands: { "skill:S4": { basePayFen: 750_000, performanceBaseFen: 100_000 } },
  coefficients: {
    schemeId: "c",
    version: 1,
    bands: [
      { min: 0, max: 8500, coefficient: "1.0" },
      { min: 8500, max: 9500, coefficient: "1.1" },
      { min: 9500, max: 20000, coefficient: "1.2" },
    ],
  },
  growth: [],
  pools: [
    {
      schemeId: "p",
      version: 1,
      nameZh: "池",
      nameEn: "Pool",
      unitPath: "/a/",
      params: { unitId: "a", revenueKpi: "REV", lastYearRevenueFen: 0, basePoolFen: 100_000, growthRate: "0", capFen: 100_000 },
    },
  ],
  kpiNames: { REV: { nameZh: "收入", nameEn: "Revenue" } },
};

const line = (actual: number, score: number) => ({
  kpiId: "k",
  code: "REV",
  nameZh: "",
  nameEn: "",
  weight: 100,
  threshold: 0,
  target: 1000,
  stretch: 2000,
  cap: 12000,
  direction: "higher" as const,
  actual,
  score,
  kind: "quantitative" as const,
});
const person = (id: string, score: number, actual: number): EmployeeInputs => ({
  employeeId: id,
  employeeNo: id,
  unitId: "a",
  unitPath: "/a/",
  track: "skill",
  level: "S4",
  positionCode: "AM",
  postValue: 100,
  score,
  lines: [line(actual, score)],
  actuals: { REV: actual },
  missing: [],
});

describe("payslip explanation and what-if", () => {
  const people = [person("E1", 8750, 875), person("E2", 10000, 1000)];
  const run = computeRun(SNAPSHOT, people);

  it("explains performance pay back to base, coefficient and score band", () => {
    const x = explainLine(SNAPSHOT, people[0], run.pools)!;
    // 绩效工资 = 基数 ¥1,000.00 × 3 个月 × 系数 1.1 (得分 87.50 落在 85–95 区间) = ¥3,300.00
    expect(x.performance).toMatchObject({ baseFen: 300_000, coefficient: "1.1", min: 8500, max: 9500, score: 8750, amountFen: 330_000 });
    expect(x.base).toMatchObject({ monthlyFen: 750_000, months: 3, amountFen: 2_250_000 });
    // pool ¥1,000 × 875,000 / 1,875,000 points = ¥466.67
    expect(x.pools[0]).toMatchObject({ points: 875_000, totalPoints: 1_875_000, shareExactFen: "46666.67" });
    expect(run.lines[0].poolShareFen).toBe(46667);
    expect(x.kpis[0].nameZh).toBe("收入");
  });

  it("recomputes the line for 110 % of target with the same rules", () => {
    const stored = run.lines[0];
    const w = whatIf(SNAPSHOT, people[0], run.pools, stored, "REV", 110)!;
    // actual 1100 → score 100 + 20 × 100/1000 = 102.00 → coefficient 1.2 → ¥3,600.00
    expect(w.actual).toBe(1100);
    expect(w.after.score).toBe(10200);
    expect(w.after.performancePayFen).toBe(360_000);
    // pool share estimate: ¥1,000 × 1,020,000 / (1,875,000 − 875,000 + 1,020,000) = ¥504.95
    expect(w.after.poolShareFen).toBe(50495);
    expect(w.before.totalFen).toBe(stored.totalFen);
    expect(w.after.totalFen).toBe(2_250_000 + 360_000 + 50495);
  });

  it("refuses what-ifs it cannot answer", () => {
    expect(whatIf(SNAPSHOT, people[0], run.pools, run.lines[0], "NOPE", 110)).toBeNull();
    expect(whatIf(SNAPSHOT, people[0], run.pools, run.lines[0], "REV", 1000)).toBeNull();
  });
});

describe("pro-rated lines", () => {
  const quarter: RunSnapshot = { ...SNAPSHOT, pools: [], periodDays: 92 };

  it("a leaver's line says on which day they left, with the days paid", () => {
    // Left 15 August 2026: 46 of Q3's 92 days. Base 3 × ¥7,500.00 × 46/92 = ¥11,250.00; performance ¥3,000.00 × 1.1 × 46/92 = ¥1,650.00.
    const leaver = { ...person("E1", 8750, 875), days: 46, leftOn: "2026-08-15" };
    const x = explainLine(quarter, leaver, [])!;
    expect(x.base).toMatchObject({ amountFen: 1_125_000, prorated: { days: 46, periodDays: 92, leftOn: "2026-08-15" } });
    expect(x.performance).toMatchObject({ amountFen: 165_000, prorated: { days: 46, periodDays: 92, leftOn: "2026-08-15" } });
  });

  it("a joiner's line is pro-rated without a leaving date; a whole period is not pro-rated", () => {
    // Hired 16 August: 46 days.
    const joiner = { ...person("E2", 8750, 875), days: 46 };
    expect(explainLine(quarter, joiner, [])!.base.prorated).toEqual({ days: 46, periodDays: 92 });
    expect(explainLine(quarter, person("E3", 8750, 875), [])!.base.prorated).toBeNull();
  });

  it("a monthly line of a leaver carries the leaving date", () => {
    const month: RunSnapshot = {
      ...SNAPSHOT,
      pools: [],
      kind: "monthly",
      month: "2026-08",
      periodMonths: 1,
      periodDays: 31,
      advanceRateBp: 8000,
    };
    // Left 10 August: 10 of 31 days. Base ¥7,500.00 × 10/31 = 241,935.48… → 241,935 fen; advance ¥1,000.00 × 80 % × 10/31 = 25,806.45… → 25,806.
    const x = explainMonthly(month, { ...person("E1", 8750, 875), score: null, days: 10, leftOn: "2026-08-10" })!;
    expect(x).toMatchObject({
      days: 10,
      monthDays: 31,
      leftOn: "2026-08-10",
      base: { amountFen: 241_935 },
      advance: { amountFen: 25_806 },
    });
  });
});
