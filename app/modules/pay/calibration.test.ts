import { describe, expect, it } from "vitest";
import { allowedCounts, bandOfRating, bandRatings, checkDistribution, guidelineProblem, ratingOf } from "./calibration";

const TABLE = [
  { min: 0, max: 6000, coefficient: "0.5" },
  { min: 6000, max: 7500, coefficient: "0.8" },
  { min: 7500, max: 8500, coefficient: "1.0" },
  { min: 8500, max: 9500, coefficient: "1.1" },
  { min: 9500, max: 20000, coefficient: "1.2" },
];

describe("ratings of a coefficient table", () => {
  it("names the top band A, then B, C…, unless the table names them", () => {
    expect(bandRatings(TABLE)).toEqual(["E", "D", "C", "B", "A"]);
    expect(
      bandRatings([
        { min: 0, max: 1, coefficient: "1", rating: "合格" },
        { min: 1, max: 2, coefficient: "1.2", rating: "优秀" },
      ]),
    ).toEqual(["合格", "优秀"]);
    expect(ratingOf(TABLE, 9600)).toBe("A");
    expect(ratingOf(TABLE, 9499)).toBe("B");
    expect(ratingOf(TABLE, 25000)).toBe("A");
    expect(bandOfRating(TABLE, "C")?.coefficient).toBe("1.0");
    expect(bandOfRating(TABLE, "S")).toBeNull();
  });
});

describe("distribution guideline", () => {
  const guide = {
    ranges: [
      { rating: "A", maxPercent: 20 },
      { rating: "C", minPercent: 5 },
    ],
  };

  it("allows exact fractions of the unit's size", () => {
    // 12 people: A at most 20 % → 2.4 → 2; C at least 5 % → 0.6 → 1.
    expect(allowedCounts(guide.ranges[0], 12)).toEqual({ minCount: null, maxCount: 2 });
    expect(allowedCounts(guide.ranges[1], 12)).toEqual({ minCount: 1, maxCount: null });
    // 10 people: 20 % is exactly 2; 5 % is 0.5 → 1. 20 people: 5 % is exactly 1.
    expect(allowedCounts(guide.ranges[0], 10).maxCount).toBe(2);
    expect(allowedCounts(guide.ranges[1], 10).minCount).toBe(1);
    expect(allowedCounts(guide.ranges[1], 20).minCount).toBe(1);
  });

  it("finds a unit within or outside the ranges", () => {
    const within = ["A", "A", "B", "B", "B", "B", "B", "B", "C", "C", "B", "D"]; // 12: A 2, C 2
    expect(checkDistribution(guide, within)).toEqual({
      size: 12,
      within: true,
      counts: [
        { rating: "A", count: 2, minCount: null, maxCount: 2, within: true },
        { rating: "C", count: 2, minCount: 1, maxCount: null, within: true },
      ],
    });
    const tooManyA = ["A", "A", "A", "B", "B", "B", "B", "B", "B", "B", "B", "C"]; // A 3 of 12 = 25 %
    expect(checkDistribution(guide, tooManyA).counts[0]).toMatchObject({ count: 3, within: false });
    expect(checkDistribution(guide, tooManyA).within).toBe(false);
    const noC = ["A", "B", "B", "B", "B", "B", "B", "B", "B", "B"]; // C 0 of 10 < 5 %
    expect(checkDistribution(guide, noC).counts[1]).toMatchObject({ count: 0, minCount: 1, within: false });
    // 5 people: A at most 20 % = 1 exactly.
    expect(checkDistribution(guide, ["A", "B", "B", "C", "B"]).within).toBe(true);
    expect(checkDistribution(guide, ["A", "A", "B", "C", "B"]).within).toBe(false);
  });

  it("refuses a guideline that cannot hold", () => {
    const ratings = bandRatings(TABLE);
    expect(guidelineProblem(guide, ratings)).toBeNull();
    expect(guidelineProblem({ ranges: [{ rating: "S", maxPercent: 10 }] }, ratings)).toBe("pay.errors.guidelineUnknownRating");
    expect(
      guidelineProblem(
        {
          ranges: [
            { rating: "A", maxPercent: 10 },
            { rating: "A", minPercent: 1 },
          ],
        },
        ratings,
      ),
    ).toBe("pay.errors.guidelineDuplicate");
    expect(guidelineProblem({ ranges: [{ rating: "A", minPercent: 30, maxPercent: 20 }] }, ratings)).toBe(
      "pay.errors.guidelineMinAboveMax",
    );
    expect(
      guidelineProblem(
        {
          ranges: [
            { rating: "C", minPercent: 60 },
            { rating: "D", minPercent: 50 },
          ],
        },
        ratings,
      ),
    ).toBe("pay.errors.guidelineMinsOver100");
  });
});
