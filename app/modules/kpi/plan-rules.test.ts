import { describe, expect, it } from "vitest";
import { resolveLines } from "./lines";
import { checkPlanLines, type KpiRef } from "./plan-rules";

const kpis = new Map<string, KpiRef>(
  Array.from({ length: 10 }, (_, i) => [
    `k${i}`,
    { id: `k${i}`, code: `K${i}`, unit: "fen", direction: "higher" as const, kind: "quantitative", active: true },
  ]),
);
kpis.set("arrears", { id: "arrears", code: "ARREARS_RATE", unit: "bp", direction: "lower", kind: "quantitative", active: true });
kpis.set("rated", { id: "rated", code: "RATED", unit: "rating", direction: "higher", kind: "rated", active: true });

const line = (kpiId: string, weight: number, values = { threshold: "600000", target: "1000000", stretch: "1400000" }) => ({
  kpiId,
  weight,
  ...values,
  cap: 12_000,
});

describe("plan lines", () => {
  it("converts typed values with each KPI's unit", () => {
    const result = checkPlanLines(
      [line("k0", 70), line("arrears", 20, { threshold: "8", target: "5", stretch: "3" }), line("rated", 10)],
      kpis,
    );
    expect(result.errors).toEqual({});
    expect(result.lines[0]).toMatchObject({ threshold: 60_000_000, target: 100_000_000, stretch: 140_000_000 });
    expect(result.lines[1]).toMatchObject({ threshold: 800, target: 500, stretch: 300 });
    expect(result.lines[2]).toMatchObject({ threshold: 1, target: 4, stretch: 5 });
  });

  it("requires weights totalling 100 and a well-ordered curve", () => {
    const result = checkPlanLines([line("k0", 50), line("arrears", 30, { threshold: "3", target: "5", stretch: "8" })], kpis);
    expect(result.lines).toEqual([]);
    expect(Object.keys(result.errors).sort()).toEqual(["lines", "lines[1].target"]);
    expect(checkPlanLines([line("k0", 50), line("k0", 50)], kpis).errors["lines[1].kpiId"]).toBeDefined();
    expect(
      checkPlanLines([line("k0", 100, { threshold: "1.234", target: "2", stretch: "3" })], kpis).errors["lines[0].threshold"],
    ).toBeDefined();
  });

  it("warns, but does not refuse, above 8 KPIs", () => {
    const eight = checkPlanLines(
      Array.from({ length: 8 }, (_, i) => line(`k${i}`, i < 4 ? 13 : 12)),
      kpis,
    );
    expect(eight.warnings).toEqual([]);
    const nine = checkPlanLines(
      Array.from({ length: 9 }, (_, i) => line(`k${i}`, i < 1 ? 12 : 11)),
      kpis,
    );
    expect(nine.errors).toEqual({});
    expect(nine.lines).toHaveLength(9);
    expect(nine.warnings).toHaveLength(1);
  });
});

describe("an employee's lines", () => {
  const plan = [
    { kpiId: "a", weight: 60, threshold: 60, target: 100, stretch: 140, cap: 12_000, sortOrder: 0 },
    { kpiId: "b", weight: 40, threshold: 1, target: 2, stretch: 3, cap: 11_000, sortOrder: 1 },
  ];
  it("are the position plan overlaid by adjustments: null inherits, excluded drops, new KPIs are added", () => {
    const lines = resolveLines(plan, [
      { kpiId: "a", weight: null, threshold: 108, target: 180, stretch: 252, cap: null, excluded: false },
      { kpiId: "b", weight: null, threshold: null, target: null, stretch: null, cap: null, excluded: true },
      { kpiId: "c", weight: 40, threshold: 0, target: 10, stretch: 10, cap: 10_000, excluded: false },
    ]);
    expect(lines.map((l) => [l.kpiId, l.weight, l.target, l.cap, l.adjusted])).toEqual([
      ["a", 60, 180, 12_000, true],
      ["c", 40, 10, 10_000, true],
    ]);
  });

  it("take the team's curve and actual for a joint KPI, keeping their own weight", () => {
    const [a] = resolveLines(
      plan,
      [],
      [{ teamTargetId: "t", kpiId: "a", threshold: 900, target: 1500, stretch: 2100, cap: 12_000, actual: 960, share: 60 }],
    );
    expect(a).toMatchObject({ weight: 60, target: 1500, team: { teamTargetId: "t", actual: 960, share: 60 } });
  });
});
