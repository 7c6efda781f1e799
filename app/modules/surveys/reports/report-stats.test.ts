import { describe, expect, it } from "vitest";
import { enps, likertSplit, mergeDistributions, pearson, percent } from "./report-stats";

const dist = (counts: Record<number, number>) => new Map(Object.entries(counts).map(([k, v]) => [Number(k), v]));

describe("likertSplit", () => {
  it("splits 4–5 favourable, 3 neutral, 1–2 unfavourable and gives the mean", () => {
    const s = likertSplit(dist({ 1: 1, 2: 1, 3: 2, 4: 3, 5: 3 }))!;
    expect(s.n).toBe(10);
    expect([s.favourable, s.neutral, s.unfavourable]).toEqual([0.6, 0.2, 0.2]);
    expect(s.mean).toBeCloseTo(3.6);
  });
  it("has nothing to say about no answers", () => {
    expect(likertSplit(new Map())).toBeNull();
  });
});

describe("enps", () => {
  it("is promoters (9–10) minus detractors (0–6) in points", () => {
    const e = enps(dist({ 10: 3, 9: 2, 8: 2, 7: 1, 6: 1, 0: 1 }))!;
    expect(e).toMatchObject({ n: 10, promoters: 5, passives: 3, detractors: 2, score: 30 });
  });
  it("can be negative", () => {
    expect(enps(dist({ 2: 3, 9: 1 }))!.score).toBe(-50);
  });
});

describe("pearson", () => {
  it("is 1 for a perfect positive line and −1 for a negative one", () => {
    const sums = (pairs: [number, number][]) =>
      pairs.reduce(
        (s, [x, y]) => ({
          n: s.n + 1,
          sumX: s.sumX + x,
          sumXX: s.sumXX + x * x,
          sumY: s.sumY + y,
          sumYY: s.sumYY + y * y,
          sumXY: s.sumXY + x * y,
        }),
        { n: 0, sumX: 0, sumXX: 0, sumY: 0, sumYY: 0, sumXY: 0 },
      );
    expect(
      pearson(
        sums([
          [1, 2],
          [2, 4],
          [3, 6],
          [4, 8],
        ]),
      ),
    ).toBeCloseTo(1);
    expect(
      pearson(
        sums([
          [1, 5],
          [2, 4],
          [3, 3],
          [4, 2],
        ]),
      ),
    ).toBeCloseTo(-1);
    expect(
      pearson(
        sums([
          [1, 3],
          [2, 3],
          [3, 3],
        ]),
      ),
    ).toBeNull();
  });
});

it("merges distributions and rounds percentages once", () => {
  expect([...mergeDistributions([dist({ 1: 1, 2: 2 }), dist({ 2: 1, 5: 4 })])].sort()).toEqual([
    [1, 1],
    [2, 3],
    [5, 4],
  ]);
  expect(percent(0.125)).toBe(13);
  expect(percent(2 / 3)).toBe(67);
});
