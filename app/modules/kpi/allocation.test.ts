import { describe, expect, it } from "vitest";
import { baselineWeights, compareSplits, equalSplit, largestRemainder, scaleAround } from "./allocation";

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
