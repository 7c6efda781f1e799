import { describe, expect, it } from "vitest";
import { bpRate, monthlyAmounts, monthsOf, monthSpan, settle, splitMonthly } from "./cadence";
import { computeRun, type EmployeeInputs, type RunParams } from "./payroll";
import { employedDays } from "./prorate";

// ¥8,000.00 base and ¥3,000.00 performance base a month; 80 % advanced.
const BAND = { basePayFen: 800_000, performanceBaseFen: 300_000 };
const JAN = monthSpan("2026-01"); // 31 days

const COEFFICIENTS = {
  schemeId: "c",
  version: 1,
  bands: [
    { min: 0, max: 7000, coefficient: "0.6" },
    { min: 7000, max: 8500, coefficient: "1.0" },
    { min: 8500, max: 20000, coefficient: "1.1" },
  ],
};

const person = (id: string, extra: Partial<EmployeeInputs> = {}): EmployeeInputs => ({
  employeeId: id,
  employeeNo: id,
  unitId: "room",
  unitPath: "/city/room/",
  track: "skill",
  level: "S4",
  positionCode: "AM",
  postValue: 100,
  score: null,
  lines: [],
  actuals: {},
  missing: [],
  ...extra,
});

const monthly = (month: string): RunParams => ({
  kind: "monthly",
  month,
  advanceRateBp: 8000,
  periodMonths: 1,
  periodDays: monthSpan(month).days,
  bands: { "skill:S4": BAND },
  coefficients: { schemeId: "", version: 0, bands: [] },
  growth: [],
  pools: [],
});

// 2026-Q1: 31 + 28 + 31 = 90 days.
const Q1: RunParams = {
  kind: "settlement",
  periodMonths: 3,
  periodDays: 90,
  bands: { "skill:S4": BAND },
  coefficients: COEFFICIENTS,
  growth: [],
  pools: [],
};

describe("months", () => {
  it("knows each month's days and the months of a period", () => {
    expect(JAN.days).toBe(31);
    expect(monthSpan("2026-02").days).toBe(28);
    expect(monthSpan("2028-02").days).toBe(29);
    expect(monthsOf({ startsOn: "2026-01-01", endsOn: "2026-03-31" })).toEqual(["2026-01", "2026-02", "2026-03"]);
    expect(monthsOf({ startsOn: "2026-01-01", endsOn: "2026-12-31" })).toHaveLength(12);
    expect(monthsOf({ startsOn: "2026-11-15", endsOn: "2027-02-01" })).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
    expect(() => monthSpan("2026-13")).toThrow();
  });

  it("turns basis points into the exact rate", () => {
    expect(bpRate(8000)).toBe("0.8");
    expect(bpRate(10_000)).toBe("1");
    expect(bpRate(7525)).toBe("0.7525");
    expect(bpRate(0)).toBe("0");
    expect(() => bpRate(10_001)).toThrow();
    expect(() => bpRate(80.5)).toThrow();
  });
});

describe("monthly line", () => {
  it("pays a whole month's base and 80 % of the performance base", () => {
    expect(monthlyAmounts(BAND, 8000, 31, 31)).toEqual({ basePayFen: 800_000, advanceFen: 240_000 });
    const [line] = computeRun(monthly("2026-01"), [person("E1")]).lines;
    expect(line).toMatchObject({ basePayFen: 800_000, advanceFen: 240_000, performancePayFen: 0, totalFen: 1_040_000, rating: null });
  });

  it("pro-rates a joiner on the 12th of a 31-day month by 20 days, each amount rounded once", () => {
    const days = employedDays(JAN, { hiredOn: "2026-01-12" });
    expect(days).toBe(20);
    // 800,000 × 20 ÷ 31 = 516,129.03… → 516,129; 300,000 × 0.8 × 20 ÷ 31 = 154,838.70… → 154,839.
    const [line] = computeRun(monthly("2026-01"), [person("E1", { days })]).lines;
    expect(line).toMatchObject({ basePayFen: 516_129, advanceFen: 154_839, totalFen: 670_968 });
  });

  it("pro-rates a leaver to the last day worked", () => {
    const days = employedDays(JAN, { leftOn: "2026-01-10" });
    expect(days).toBe(10);
    // 800,000 × 10 ÷ 31 = 258,064.51… → 258,065; 240,000 × 10 ÷ 31 = 77,419.35… → 77,419.
    expect(monthlyAmounts(BAND, 8000, days, 31)).toEqual({ basePayFen: 258_065, advanceFen: 77_419 });
  });

  it("rounds half up once: 1 fen × 50 % = 0.5 fen → 1 fen", () => {
    expect(monthlyAmounts({ basePayFen: 1, performanceBaseFen: 1 }, 5000, 31, 31)).toEqual({ basePayFen: 1, advanceFen: 1 });
  });

  it("splits a transfer on the 16th between the two units by days, adding up exactly", () => {
    const units = [
      { unitId: "fin", days: 15 },
      { unitId: "gov", days: 16 },
    ];
    const [line] = computeRun(monthly("2026-01"), [person("E1", { units })]).lines;
    // Base: 800,000 × 15/31 = 387,096.77, × 16/31 = 412,903.22: the one fen left goes to the larger remainder (fin).
    // Advance: 240,000 × 15/31 = 116,129.03, × 16/31 = 123,870.96: the fen goes to gov.
    expect(line.units).toEqual([
      { unitId: "fin", days: 15, basePayFen: 387_097, advanceFen: 116_129 },
      { unitId: "gov", days: 16, basePayFen: 412_903, advanceFen: 123_871 },
    ]);
    expect(line.units!.reduce((s, u) => s + u.basePayFen, 0)).toBe(line.basePayFen);
    expect(line.units!.reduce((s, u) => s + u.advanceFen, 0)).toBe(line.advanceFen);
  });

  it("splits a joiner who went on rotation: pro-rated first, then split", () => {
    // Joined 12 January (20 days), rotated to the host unit from the 22nd (10 days).
    const shares = splitMonthly(monthlyAmounts(BAND, 8000, 20, 31), [
      { unitId: "room", days: 10 },
      { unitId: "host", days: 10 },
    ]);
    // 516,129 and 154,839 halved: 258,064.5 each, the odd fen to the earlier unit.
    expect(shares).toEqual([
      { unitId: "room", days: 10, basePayFen: 258_065, advanceFen: 77_420 },
      { unitId: "host", days: 10, basePayFen: 258_064, advanceFen: 77_419 },
    ]);
  });

  it("reports a person without a band rather than paying nothing", () => {
    const result = computeRun(monthly("2026-01"), [person("E1", { level: "S9" })]);
    expect(result.lines).toEqual([]);
    expect(result.issues).toEqual([{ kind: "noBand", employeeId: "E1", track: "skill", level: "S9" }]);
  });
});

describe("settlement minus advances", () => {
  const advances = [
    { month: "2026-01", fen: 240_000 },
    { month: "2026-02", fen: 240_000 },
    { month: "2026-03", fen: 240_000 },
  ];

  it("pays performance pay minus the three advances, and no base pay", () => {
    // 300,000 × 3 months × 1.1 = 990,000; minus 720,000 advanced = 270,000.
    const [line] = computeRun(Q1, [person("E1", { score: 9000, advances })]).lines;
    expect(line).toMatchObject({ basePayFen: 0, performancePayFen: 990_000, advancesDeductedFen: 720_000, totalFen: 270_000 });
    expect(settle(990_000, advances)).toEqual({ performancePayFen: 990_000, advancesDeductedFen: 720_000, settlementFen: 270_000 });
  });

  it("keeps a negative difference as a deduction, never zero", () => {
    // 900,000 × 0.6 = 540,000 earned, 720,000 advanced: −180,000.
    const [line] = computeRun(Q1, [person("E1", { score: 6000, advances })]).lines;
    expect(line).toMatchObject({ performancePayFen: 540_000, advancesDeductedFen: 720_000, totalFen: -180_000 });
  });

  it("settles a person who joined on 12 February against their two advances", () => {
    // 17 days of February and 31 of March: 48 of the quarter's 90 days.
    const days = employedDays({ startsOn: "2026-01-01", endsOn: "2026-03-31" }, { hiredOn: "2026-02-12" });
    expect(days).toBe(48);
    // February's advance: 300,000 × 0.8 × 17 ÷ 28 = 145,714.28… → 145,714; March's in full.
    const feb = monthlyAmounts(BAND, 8000, 17, 28).advanceFen;
    expect(feb).toBe(145_714);
    const two = [
      { month: "2026-02", fen: feb },
      { month: "2026-03", fen: 240_000 },
    ];
    // 900,000 × 1.1 × 48 ÷ 90 = 528,000; minus 385,714 = 142,286.
    const [line] = computeRun(Q1, [person("E2", { score: 9000, days, advances: two })]).lines;
    expect(line).toMatchObject({ basePayFen: 0, performancePayFen: 528_000, advancesDeductedFen: 385_714, totalFen: 142_286 });
  });

  it("a period run (no monthly pay) still pays base and performance pay", () => {
    const [line] = computeRun({ ...Q1, kind: "period" }, [person("E1", { score: 9000 })]).lines;
    expect(line).toMatchObject({ basePayFen: 2_400_000, performancePayFen: 990_000, advancesDeductedFen: 0, totalFen: 3_390_000 });
  });
});
