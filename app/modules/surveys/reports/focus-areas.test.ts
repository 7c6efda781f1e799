import { describe, expect, it } from "vitest";
import { biggestChanges, changeSize, chooseFocus, linkStrength, type DimensionInput } from "./focus-areas";

const dims = (...rows: [string, number | null, number | null][]): DimensionInput[] =>
  rows.map(([dimension, favourable, r]) => ({ dimension, favourable, r }));
const names = (areas: { dimension: string }[]) => areas.map((a) => a.dimension);

describe("chooseFocus", () => {
  // Average favourable 0.5; correlations average 0.6.
  const unit = dims(
    ["pay", 0.2, 0.7],
    ["career", 0.3, 0.5],
    ["manager", 0.8, 0.68],
    ["training", 0.4, 0.62],
    ["channel", 0.6, 0.55],
    ["team", 0.7, 0.55],
  );

  it("puts the high-impact low scores first among areas to improve, the high-impact high scores first among strengths", () => {
    const focus = chooseFocus(unit)!;
    expect(focus.averageFavourable).toBeCloseTo(0.5);
    expect(names(focus.opportunities)).toEqual(["pay", "training", "career"]);
    expect(names(focus.strengths)).toEqual(["manager", "team", "channel"]);
    expect(focus.byImpact).toBe(true);
  });

  it("ranks the link with overall satisfaction relative to the other dimensions and places each in a quadrant", () => {
    const focus = chooseFocus(unit)!;
    const byName = Object.fromEntries(focus.matrix.map((p) => [p.dimension, p]));
    expect(byName.pay).toMatchObject({ rank: 1, quadrant: "act" });
    expect(byName.manager).toMatchObject({ rank: 2, quadrant: "keep" });
    expect(byName.training).toMatchObject({ rank: 3, quadrant: "act" });
    expect(byName.career).toMatchObject({ rank: 6, quadrant: "watch" });
    // Ties share a rank.
    expect(byName.channel.rank).toBe(4);
    expect(byName.team.rank).toBe(4);
    expect(byName.team.quadrant).toBe("maintain");
    // Centred and scaled: the impacts average 0 and spread 1, whatever the raw level of r.
    const impacts = focus.matrix.map((p) => p.impact);
    expect(impacts.reduce((a, b) => a + b, 0)).toBeCloseTo(0);
    expect(Math.sqrt(impacts.reduce((a, b) => a + b * b, 0) / impacts.length)).toBeCloseTo(1);
    expect(byName.pay.impact).toBeGreaterThan(1);
  });

  it("separates dimensions whose correlations all sit near 0.65", () => {
    const focus = chooseFocus(dims(["a", 0.3, 0.66], ["b", 0.35, 0.64], ["c", 0.7, 0.67], ["d", 0.8, 0.63]))!;
    expect(names(focus.opportunities)).toEqual(["a", "b"]);
    expect(names(focus.strengths)).toEqual(["c", "d"]);
    expect(focus.matrix.map((p) => p.rank)).toEqual([2, 3, 1, 4]);
  });

  it("ranks correlations as shown, to two decimals: equal ones share a rank and the next rank skips", () => {
    const focus = chooseFocus(dims(["a", 0.3, 0.7], ["b", 0.4, 0.652], ["c", 0.6, 0.648], ["d", 0.7, 0.6]))!;
    expect(focus.matrix.map((p) => p.rank)).toEqual([1, 2, 2, 4]);
  });

  it("keeps suppressed dimensions out, and dimensions without an impact after those with one", () => {
    const focus = chooseFocus(
      dims(["pay", null, 0.9], ["career", 0.1, null], ["training", 0.3, 0.5], ["manager", 0.9, 0.6], ["team", 0.7, 0.4]),
    )!;
    expect(names([...focus.strengths, ...focus.opportunities])).not.toContain("pay");
    expect(focus.matrix.map((p) => p.dimension)).toEqual(["training", "manager", "team"]);
    expect(names(focus.opportunities)).toEqual(["training", "career"]);
    expect(focus.opportunities[1]).toMatchObject({ rank: null, quadrant: null });
  });

  it("leaves out an excluded dimension (the outcome itself)", () => {
    const focus = chooseFocus(unit, { exclude: ["manager"] })!;
    expect(names([...focus.strengths, ...focus.opportunities])).not.toContain("manager");
    expect(focus.matrix.some((p) => p.dimension === "manager")).toBe(false);
  });

  it("decides by score alone when every correlation is the same or none is shown", () => {
    for (const r of [0.65, null]) {
      const focus = chooseFocus(dims(["a", 0.55, r], ["b", 0.2, r], ["c", 0.9, r], ["d", 0.4, r]))!;
      expect(focus.byImpact).toBe(false);
      expect(names(focus.strengths)).toEqual(["c", "a"]);
      expect(names(focus.opportunities)).toEqual(["b", "d"]);
      expect(focus.strengths[0]).toMatchObject({ rank: null, quadrant: null });
    }
  });

  it("breaks full ties by the template's order and counts an average score as a strength", () => {
    const focus = chooseFocus(dims(["a", 0.5, 0.6], ["b", 0.5, 0.6], ["c", 0.5, 0.6]))!;
    expect(names(focus.strengths)).toEqual(["a", "b", "c"]);
    expect(focus.opportunities).toEqual([]);
  });

  it("gives at most `count` of each, and nothing for fewer than two shown dimensions", () => {
    expect(chooseFocus(unit, { count: 1 })!.strengths).toHaveLength(1);
    expect(chooseFocus(unit, { count: 1 })!.opportunities.map((a) => a.dimension)).toEqual(["pay"]);
    expect(chooseFocus(dims(["a", 0.5, 0.6], ["b", null, 0.7]))).toBeNull();
    expect(chooseFocus(dims(["a", null, null], ["b", null, null]))).toBeNull();
    expect(chooseFocus([])).toBeNull();
  });
});

describe("biggestChanges", () => {
  const order = ["pay", "career", "manager", "training", "team"];

  it("finds the largest rises and falls in whole points as the report rounds them", () => {
    const changes = biggestChanges(
      { pay: 0.42, career: 0.3, manager: 0.704, training: 0.55, team: 0.5 },
      { pay: 0.34, career: 0.42, manager: 0.696, training: 0.5, team: 0.5 },
      order,
    );
    expect(changes.rises).toEqual([
      { dimension: "pay", points: 8, size: "medium" },
      { dimension: "training", points: 5, size: "medium" },
    ]);
    // manager rounds to 70 both times: no change; team did not move.
    expect(changes.falls).toEqual([{ dimension: "career", points: -12, size: "large" }]);
  });

  it("skips dimensions suppressed in either wave, and there is nothing without a previous wave", () => {
    const changes = biggestChanges({ pay: 0.9, career: null, manager: 0.5 }, { pay: null, career: 0.1, manager: 0.3 }, order);
    expect(changes.rises.map((c) => c.dimension)).toEqual(["manager"]);
    expect(changes.falls).toEqual([]);
    expect(biggestChanges({ pay: 0.9 }, null, order)).toEqual({ rises: [], falls: [] });
  });

  it("keeps the template's order between equal changes and gives at most `count`", () => {
    const changes = biggestChanges(
      { pay: 0.5, career: 0.5, manager: 0.5, training: 0.5 },
      { pay: 0.46, career: 0.46, manager: 0.46, training: 0.54 },
      order,
      2,
    );
    expect(changes.rises.map((c) => c.dimension)).toEqual(["pay", "career"]);
    expect(changes.falls.map((c) => c.points)).toEqual([-4]);
  });
});

describe("plain words", () => {
  it("sizes a change in points", () => {
    expect([1, -4, 5, -9, 10, 25].map(changeSize)).toEqual(["small", "small", "medium", "medium", "large", "large"]);
  });
  it("names the strength of a link", () => {
    expect([0.1, -0.29, 0.3, 0.49, 0.5, -0.8].map(linkStrength)).toEqual(["weak", "weak", "moderate", "moderate", "strong", "strong"]);
  });
});
