import { describe, expect, it } from "vitest";
import {
  curveProblem,
  curveScore,
  divideHalfUp,
  lineScore,
  progressToTarget,
  ratingScore,
  weightedTotal,
  weightProblem,
  type Curve,
} from "./scoring";

// New contract revenue in fen: threshold ¥600,000, target ¥1,000,000, stretch ¥1,400,000, cap 120.00.
const revenue: Curve = { direction: "higher", threshold: 60_000_000, target: 100_000_000, stretch: 140_000_000, cap: 12_000 };
// Arrears rate in basis points, lower is better: threshold 8.00 %, target 5.00 %, stretch 3.00 %, cap 110.00.
const arrears: Curve = { direction: "lower", threshold: 800, target: 500, stretch: 300, cap: 11_000 };

describe("scoring curve", () => {
  it("gives 0 at and below the threshold", () => {
    expect(curveScore(revenue, 0)).toBe(0);
    expect(curveScore(revenue, 59_999_999)).toBe(0);
    expect(curveScore(revenue, 60_000_000)).toBe(0);
  });

  it("rises linearly from the threshold to 100.00 at target", () => {
    // ¥850,000: (850,000 − 600,000) / (1,000,000 − 600,000) = 62.5 % of the way → 62.50 points.
    expect(curveScore(revenue, 85_000_000)).toBe(6_250);
    expect(curveScore(revenue, 100_000_000)).toBe(10_000);
  });

  it("goes on from target to the cap at stretch, and stays at the cap beyond", () => {
    // ¥1,100,000: 100 + 20 × (100,000 / 400,000) = 105.00.
    expect(curveScore(revenue, 110_000_000)).toBe(10_500);
    expect(curveScore(revenue, 140_000_000)).toBe(12_000);
    expect(curveScore(revenue, 900_000_000)).toBe(12_000);
  });

  it("rounds half up to hundredths, once", () => {
    const c: Curve = { direction: "higher", threshold: 0, target: 3, stretch: 3, cap: 10_000 };
    // 1/3 of 100 = 33.333… → 33.33; 2/3 = 66.666… → 66.67.
    expect(curveScore(c, 1)).toBe(3_333);
    expect(curveScore(c, 2)).toBe(6_667);
    // Exactly half a hundredth rounds up: 1 / 20 000 of 100.00 points = 0.005 points = 0.5 hundredths.
    const half: Curve = { direction: "higher", threshold: 0, target: 20_000, stretch: 20_000, cap: 10_000 };
    expect(curveScore(half, 1)).toBe(1); // 0.5 hundredths → 1
    expect(divideHalfUp(5, 10)).toBe(1);
    expect(divideHalfUp(4, 10)).toBe(0);
    expect(divideHalfUp(15, 10)).toBe(2);
  });

  it("mirrors lower-is-better KPIs", () => {
    expect(curveScore(arrears, 900)).toBe(0);
    expect(curveScore(arrears, 800)).toBe(0);
    // 6.50 %: (800 − 650) / (800 − 500) = 50 % → 50.00.
    expect(curveScore(arrears, 650)).toBe(5_000);
    expect(curveScore(arrears, 500)).toBe(10_000);
    // 4.00 %: 100 + 10 × (500 − 400) / (500 − 300) = 105.00.
    expect(curveScore(arrears, 400)).toBe(10_500);
    expect(curveScore(arrears, 100)).toBe(11_000);
  });

  it("stops at 100.00 when stretch equals target", () => {
    const completeness: Curve = { direction: "higher", threshold: 8_000, target: 10_000, stretch: 10_000, cap: 10_000 };
    expect(curveScore(completeness, 9_000)).toBe(5_000);
    expect(curveScore(completeness, 10_000)).toBe(10_000);
  });

  it("stays exact with values beyond 2^53 / 10 000", () => {
    const big: Curve = { direction: "higher", threshold: 0, target: 3_000_000_000_000, stretch: 6_000_000_000_000, cap: 12_000 };
    expect(curveScore(big, 1_000_000_000_000)).toBe(3_333);
    expect(curveScore(big, 4_500_000_000_000)).toBe(11_000);
  });

  it("refuses malformed curves", () => {
    expect(curveProblem({ ...revenue, threshold: revenue.target })).toBe("order");
    expect(curveProblem({ ...revenue, stretch: revenue.target - 1 })).toBe("order");
    expect(curveProblem({ ...arrears, direction: "higher" })).toBe("order");
    expect(curveProblem({ ...revenue, cap: 9_999 })).toBe("cap");
    expect(curveProblem({ ...revenue, cap: 20_001 })).toBe("cap");
    expect(curveProblem(revenue)).toBeNull();
    expect(() => curveScore({ ...revenue, cap: 5 }, 1)).toThrow(RangeError);
  });
});

describe("rated KPIs", () => {
  it("maps a 1–5 rating to a score limited by the cap", () => {
    expect([1, 2, 3, 4, 5].map((r) => ratingScore(r, 12_000))).toEqual([0, 6_000, 8_000, 10_000, 12_000]);
    expect(ratingScore(5, 11_000)).toBe(11_000);
    expect(() => ratingScore(6, 12_000)).toThrow(RangeError);
    expect(lineScore({ ...revenue, kind: "rated" }, 3)).toBe(8_000);
  });
});

describe("missing actuals", () => {
  it("are null, never a silent zero, and make the total null", () => {
    expect(lineScore(revenue, null)).toBeNull();
    expect(
      weightedTotal([
        { weight: 60, score: 10_000 },
        { weight: 40, score: null },
      ]),
    ).toBeNull();
  });
});

describe("weighted total", () => {
  it("is Σ weight × line score / 100, rounded once, half up", () => {
    // 40 % × 62.50 + 35 % × 105.00 + 25 % × 33.33 = 25.00 + 36.75 + 8.3325 = 70.0825 → 70.08.
    expect(
      weightedTotal([
        { weight: 40, score: 6_250 },
        { weight: 35, score: 10_500 },
        { weight: 25, score: 3_333 },
      ]),
    ).toBe(7_008);
    // 50 % × 0.01 + 50 % × 0.00 = 0.005 → 0.01 (half up).
    expect(
      weightedTotal([
        { weight: 50, score: 1 },
        { weight: 50, score: 0 },
      ]),
    ).toBe(1);
    expect(weightedTotal([])).toBeNull();
  });

  it("requires whole-percent weights totalling 100", () => {
    expect(weightProblem([40, 35, 25])).toBeNull();
    expect(weightProblem([40, 35, 20])).toBe("total");
    expect(weightProblem([40, 60.5])).toBe("negative");
    expect(weightProblem([110, -10])).toBe("negative");
    expect(weightProblem([])).toBe("empty");
  });
});

describe("progress to target", () => {
  it("is actual / target for higher-is-better, and mirrored for lower-is-better", () => {
    expect(progressToTarget(revenue, 85_000_000)).toBe(8_500);
    expect(progressToTarget(arrears, 650)).toBe(5_000);
    expect(progressToTarget(arrears, 400)).toBe(13_333);
  });
});
