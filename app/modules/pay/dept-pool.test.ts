import { describe, expect, it } from "vitest";
import { allocateByPoints, contributionPoints, poolSize, type DeptPoolParams } from "./dept-pool";

const PARAMS: DeptPoolParams = {
  unitId: "u1",
  revenueKpi: "REVENUE",
  lastYearRevenueFen: 50_000_000, // ¥500,000
  basePoolFen: 1_000_000, // ¥10,000
  growthRate: "0.05",
  capFen: 2_000_000, // ¥20,000
};

describe("pool size", () => {
  it("worked example: base + growth above last year × rate", () => {
    // revenue ¥560,000; growth ¥60,000 × 0.05 = ¥3,000; pool = ¥10,000 + ¥3,000 = ¥13,000
    expect(poolSize(PARAMS, 56_000_000)).toMatchObject({ growthFen: "6000000", poolFen: 1_300_000, floored: false, capped: false });
  });

  it("is capped", () => {
    // growth ¥500,000 × 0.05 = ¥25,000 → ¥35,000, capped at ¥20,000
    expect(poolSize(PARAMS, 100_000_000)).toMatchObject({ poolFen: 2_000_000, capped: true });
  });

  it("shrinks when revenue falls, floored at 0", () => {
    // growth −¥100,000 × 0.05 = −¥5,000 → ¥5,000
    expect(poolSize(PARAMS, 40_000_000).poolFen).toBe(500_000);
    // growth −¥300,000 × 0.05 = −¥15,000 → −¥5,000 → 0
    expect(poolSize(PARAMS, 20_000_000)).toMatchObject({ poolFen: 0, floored: true });
  });

  it("rounds the pool once, half up", () => {
    // revenue ¥500,000.10 → growth 10 fen × 0.05 = 0.5 fen → pool ¥10,000.01
    expect(poolSize(PARAMS, 50_000_010).poolFen).toBe(1_000_001);
    // growth 9 fen × 0.05 = 0.45 fen → pool ¥10,000.00
    expect(poolSize(PARAMS, 50_000_009).poolFen).toBe(1_000_000);
  });
});

describe("allocation by contribution points (largest remainder)", () => {
  it("worked example: exact shares need no remainder", () => {
    expect(allocateByPoints(1000, [2, 3, 5])).toEqual([200, 300, 500]);
  });

  it("worked example: the leftover fen goes to the largest remainder", () => {
    // exact 200.2, 300.3, 500.5 → floors 200, 300, 500 (1000); 1 fen left → the .5
    expect(allocateByPoints(1001, [2, 3, 5])).toEqual([200, 300, 501]);
  });

  it("worked example: equal remainders go in the given (stable) order", () => {
    // 10 / 3 = 3.33 each → 3, 3, 3; 1 fen left → the first member
    expect(allocateByPoints(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(allocateByPoints(11, [1, 1, 1])).toEqual([4, 4, 3]);
  });

  it("worked example with contribution points = score × post value", () => {
    // points: 87.50 × 100 = 875000, 92.00 × 120 = 1104000, 60.00 × 80 = 480000; total 2459000
    const points = [contributionPoints(8750, 100), contributionPoints(9200, 120), contributionPoints(6000, 80)];
    expect(points).toEqual([875000, 1104000, 480000]);
    // pool ¥10,000.00: exact 355835.71, 448962.99, 195201.30 → floors 355835, 448962, 195201 (999998)
    // 2 fen left → the two largest remainders, .99 and .71
    expect(allocateByPoints(1_000_000, points)).toEqual([355836, 448963, 195201]);
  });

  it("always sums exactly to the pool", () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let run = 0; run < 200; run++) {
      const n = 1 + Math.floor(rand() * 40);
      const points = Array.from({ length: n }, () => Math.floor(rand() * 2_000_000));
      const pool = Math.floor(rand() * 1e11);
      const shares = allocateByPoints(pool, points);
      if (points.some((p) => p > 0)) expect(shares.reduce((a, b) => a + b, 0)).toBe(pool);
      shares.forEach((s, i) => expect(s).toBeGreaterThanOrEqual(Math.floor((pool * points[i]) / points.reduce((a, b) => a + b, 0)) - 1));
    }
  });

  it("gives nothing when nobody has points, and refuses bad input", () => {
    expect(allocateByPoints(100, [0, 0])).toEqual([0, 0]);
    expect(() => allocateByPoints(-1, [1])).toThrow();
    expect(() => allocateByPoints(1, [0.5])).toThrow();
  });
});
