import { describe, expect, it } from "vitest";
import { mulberry32 } from "~/utils/seeded-random";
import { allocatedCurve, allocationCurves, baselineWeights, compareSplits, equalSplit, largestRemainder, scaleAround } from "./allocation";
import { curveProblem, curveScore, type Curve } from "./scoring";

describe("largest remainder", () => {
  it("always sums exactly to the total", () => {
    expect(equalSplit(100, 3)).toEqual([34, 33, 33]);
    expect(largestRemainder(10, [1n, 1n, 1n, 1n, 1n, 1n, 1n])).toEqual([2, 2, 2, 1, 1, 1, 1]);
    for (const total of [0, 1, 7, 999_999_999, 12_345_678_901]) {
      const parts = largestRemainder(total, [3n, 7n, 11n, 0n, 5n]);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
    }
  });

  it("gives the leftover units to the largest fractional parts, ties to the earlier person", () => {
    // 10 by 1:2:2 → 2, 4, 4 exactly.
    expect(largestRemainder(10, [1n, 2n, 2n])).toEqual([2, 4, 4]);
    // 10 by 1:1:1 → 3.33 each: one unit left, to the first.
    expect(largestRemainder(10, [1n, 1n, 1n])).toEqual([4, 3, 3]);
    // 11 by 5:3:2 → 5.5, 3.3, 2.2: one left, to the .5.
    expect(largestRemainder(11, [5n, 3n, 2n])).toEqual([6, 3, 2]);
  });

  it("splits equally when no one has a baseline", () => {
    expect(largestRemainder(9, [0n, 0n, 0n])).toEqual([3, 3, 3]);
  });
});

describe("fair target allocation", () => {
  // A room target of ¥3,000,000 (300,000,000 fen) new-contract revenue for three account managers.
  const room = [
    { revenueFen: 600_000_000, importance: 30 }, // large bank portfolio
    { revenueFen: 300_000_000, importance: 10 },
    { revenueFen: 100_000_000, importance: 10 },
  ];

  it("by revenue alone follows the revenue shares 60 : 30 : 10", () => {
    expect(compareSplits(300_000_000, room, 100).byBaseline).toEqual([180_000_000, 90_000_000, 30_000_000]);
  });

  it("mixes revenue and customer importance by the revenue weight", () => {
    // 70 % revenue + 30 % importance: 0.7·0.6 + 0.3·0.6 = 0.60; 0.7·0.3 + 0.3·0.2 = 0.27; 0.7·0.1 + 0.3·0.2 = 0.13.
    const { equal, byBaseline } = compareSplits(300_000_000, room, 70);
    expect(byBaseline).toEqual([180_000_000, 81_000_000, 39_000_000]);
    expect(equal).toEqual([100_000_000, 100_000_000, 100_000_000]);
    expect(byBaseline.reduce((a, b) => a + b, 0)).toBe(300_000_000);
  });

  it("handles an odd total without losing a fen", () => {
    const { byBaseline } = compareSplits(1_000_001, room, 70);
    expect(byBaseline.reduce((a, b) => a + b, 0)).toBe(1_000_001);
    expect(byBaseline).toEqual([600_001, 270_000, 130_000]);
  });

  it("uses importance alone when the room has no baseline revenue", () => {
    const noRevenue = room.map((r) => ({ ...r, revenueFen: 0 }));
    expect(baselineWeights(noRevenue, 70).map(Number)).toEqual([900, 300, 300]);
    expect(compareSplits(100, noRevenue, 70).byBaseline).toEqual([60, 20, 20]);
  });

  it("moves threshold and stretch with the allocated target", () => {
    // Plan: threshold 60, target 100, stretch 140; allocated target 180 → 108 / 252.
    expect(scaleAround(60, 100, 180)).toBe(108);
    expect(scaleAround(140, 100, 180)).toBe(252);
    expect(scaleAround(1, 3, 2)).toBe(1); // 0.667 → 1
  });
});

describe("allocated curves", () => {
  const plan: Curve = { direction: "higher", threshold: 30, target: 50, stretch: 70, cap: 12_000 };

  it("scales threshold and stretch from the plan's curve, so committing again cannot drift", () => {
    // Target 2: 30·2/50 = 1.2 → 1; 70·2/50 = 2.8 → 3.
    expect(allocatedCurve(plan, 2)).toMatchObject({ threshold: 1, target: 2, stretch: 3 });
    // Committing 50 again gives the plan back. Scaled from the rounded line 1/2/3 it would be
    // 1·50/2 = 25 and 3·50/2 = 75: the drift HR saw.
    expect(allocatedCurve(plan, 50)).toMatchObject({ threshold: 30, target: 50, stretch: 70 });
    expect([scaleAround(1, 2, 50), scaleAround(3, 2, 50)]).toEqual([25, 75]);
  });

  it("names everyone whose curve a split would break: 20 among four gives each 5, then 4 leaves 1/1/1", () => {
    const people = ["A", "B", "C", "D"].map((n, i) => ({ id: n, employeeNo: `E00000${i + 1}`, name: n, plan }));
    // 20 / 4 = 5 each: 30·5/50 = 3, 70·5/50 = 7, a curve.
    expect(allocationCurves(people, equalSplit(20, 4)).broken).toEqual([]);
    // 4 / 4 = 1 each: 30/50 = 0.6 → 1 and 70/50 = 1.4 → 1, so threshold = target = stretch = 1.
    const { broken } = allocationCurves(people, equalSplit(4, 4));
    expect(broken.map((b) => [b.employeeNo, b.problem, b.curve.threshold, b.curve.target, b.curve.stretch])).toEqual([
      ["E000001", "order", 1, 1, 1],
      ["E000002", "order", 1, 1, 1],
      ["E000003", "order", 1, 1, 1],
      ["E000004", "order", 1, 1, 1],
    ]);
    // A person with no baseline revenue at 100 % revenue weight gets 0: 0/0/0 is refused too.
    const zero = allocationCurves(
      people.slice(0, 2),
      compareSplits(
        20,
        [
          { revenueFen: 100, importance: 0 },
          { revenueFen: 0, importance: 0 },
        ],
        100,
      ).byBaseline,
    );
    expect(zero.broken.map((b) => [b.employeeNo, b.curve.target])).toEqual([["E000002", 0]]);
  });

  it("property: over random plans, totals and baselines, every curve not flagged scores every actual", () => {
    const rng = mulberry32(19);
    const int = (n: number) => Math.floor(rng() * n);
    for (let run = 0; run < 1_000; run++) {
      const direction = rng() < 0.8 ? ("higher" as const) : ("lower" as const);
      const target = 1 + int(rng() < 0.5 ? 20 : 1_000_000);
      const below = int(target + 1);
      const above = target + int(target + 1);
      const curve: Curve =
        direction === "higher"
          ? { direction, threshold: below, target, stretch: above, cap: 10_000 + int(10_001) }
          : { direction, threshold: above + 1, target, stretch: below, cap: 10_000 + int(10_001) };
      if (curveProblem(curve)) continue;
      const people = Array.from({ length: 1 + int(8) }, (_, i) => ({ id: `p${i}`, employeeNo: `E${i}`, name: `P${i}`, plan: curve }));
      const baselines = people.map(() => ({ revenueFen: rng() < 0.2 ? 0 : int(1e9), importance: int(50) }));
      const total = int(rng() < 0.5 ? 40 : 1e9);
      const splits = compareSplits(total, baselines, int(101));
      for (const parts of [splits.equal, splits.byBaseline]) {
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const { curves, broken } = allocationCurves(people, parts);
        const flagged = new Set(broken.map((b) => b.id));
        curves.forEach((c, i) => {
          if (flagged.has(people[i].id)) return;
          for (const actual of [0, c.threshold, c.target, c.stretch, c.stretch + 1, int(2e9)]) {
            const score = curveScore(c, actual);
            expect(score).toBeGreaterThanOrEqual(0);
            expect(score).toBeLessThanOrEqual(c.cap);
          }
        });
      }
    }
  });
});
