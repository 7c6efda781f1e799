import { describe, expect, it } from "vitest";
import { rollUp, suppressTree, suppressUnits, suppressWithCut, type UnitNode } from "./report-suppression";

// ALL → DEPT → rooms A, B, C (+ people filed directly under DEPT)
const tree: UnitNode[] = [
  { id: "ALL", parentId: null },
  { id: "DEPT", parentId: "ALL" },
  { id: "A", parentId: "DEPT" },
  { id: "B", parentId: "DEPT" },
  { id: "C", parentId: "DEPT" },
];
const direct = (entries: Record<string, number>) => new Map(Object.entries(entries));
const sorted = (s: Set<string>) => [...s].sort();

/** Every visible parent minus its nearest visible descendants is 0 or ≥ min. */
function assertNoSmallDifference(nodes: UnitNode[], counts: Map<string, number>, hidden: Set<string>, min: number) {
  const children = (id: string): string[] =>
    nodes.filter((n) => n.parentId === id).flatMap((c) => (hidden.has(c.id) ? children(c.id) : [c.id]));
  for (const node of nodes) {
    if (hidden.has(node.id)) continue;
    expect(counts.get(node.id)!).toBeGreaterThanOrEqual(min);
    const remainder = counts.get(node.id)! - children(node.id).reduce((s, c) => s + counts.get(c)!, 0);
    expect(remainder === 0 || remainder >= min, `${node.id} leaves ${remainder}`).toBe(true);
  }
}

describe("rollUp", () => {
  it("adds each unit's direct respondents to all its ancestors", () => {
    const counts = rollUp(tree, direct({ DEPT: 2, A: 6, B: 4, C: 7 }));
    expect(Object.fromEntries(counts)).toEqual({ ALL: 19, DEPT: 19, A: 6, B: 4, C: 7 });
  });
});

describe("minimum group size", () => {
  it("hides a group below the minimum, including an empty one", () => {
    const counts = rollUp(tree, direct({ A: 6, B: 4, C: 0 }));
    const hidden = suppressUnits(tree, counts, 5);
    expect(hidden.has("B")).toBe(true);
    expect(hidden.has("C")).toBe(true);
  });

  it("keeps everything at or above the minimum when nothing can be subtracted", () => {
    const counts = rollUp(tree, direct({ A: 5, B: 5, C: 5 }));
    expect(sorted(suppressUnits(tree, counts, 5))).toEqual([]);
  });
});

describe("complement suppression (parent minus children)", () => {
  it("hides a sibling when the department minus the visible rooms would reveal a small room", () => {
    // DEPT 17 − A 6 − C 7 = B's 4: C (or A) must go too.
    const counts = rollUp(tree, direct({ A: 6, B: 4, C: 7 }));
    const hidden = suppressUnits(tree, counts, 5);
    expect(sorted(hidden)).toEqual(["A", "B"]); // the smallest visible sibling goes
    assertNoSmallDifference(tree, counts, hidden, 5);
  });

  it("counts people filed directly under the parent as part of what subtraction reveals", () => {
    // DEPT 20 − A 6 − B 6 − C 6 = 2 people directly under DEPT.
    const counts = rollUp(tree, direct({ DEPT: 2, A: 6, B: 6, C: 6 }));
    const hidden = suppressUnits(tree, counts, 5);
    expect(hidden.size).toBe(1);
    assertNoSmallDifference(tree, counts, hidden, 5);
  });

  it("accepts a remainder of exactly zero or of at least the minimum", () => {
    expect(sorted(suppressUnits(tree, rollUp(tree, direct({ A: 6, B: 6, C: 6 })), 5))).toEqual([]);
    expect(sorted(suppressUnits(tree, rollUp(tree, direct({ DEPT: 5, A: 6, B: 6, C: 6 })), 5))).toEqual([]);
  });

  it("hides more than one sibling when one is not enough", () => {
    // B (1) is small; hiding A (5) leaves 6 ≥ 5 unknown: enough. With min 8 it needs two.
    const counts = rollUp(tree, direct({ A: 8, B: 1, C: 9 }));
    const hidden = suppressUnits(tree, counts, 8);
    expect(sorted(hidden)).toEqual(["A", "B"]);
    const strict = suppressUnits(tree, rollUp(tree, direct({ A: 10, B: 1, C: 10, DEPT: 0 })), 12);
    assertNoSmallDifference(tree, rollUp(tree, direct({ A: 10, B: 1, C: 10 })), strict, 12);
  });

  it("protects the organisation total minus a unit (grandchildren under a hidden child)", () => {
    // ALL → X (hidden, small) and DEPT; ALL − DEPT = X's 3 respondents.
    const nodes: UnitNode[] = [...tree, { id: "X", parentId: "ALL" }];
    const counts = rollUp(nodes, direct({ A: 6, B: 6, C: 6, X: 3 }));
    const hidden = suppressUnits(nodes, counts, 5);
    expect(hidden.has("X")).toBe(true);
    expect(hidden.has("DEPT")).toBe(true);
    // With DEPT hidden, ALL's nearest visible descendants are the rooms: ALL − rooms = 3 again.
    assertNoSmallDifference(nodes, counts, hidden, 5);
  });

  it("holds on a random organisation for any minimum", () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const nodes: UnitNode[] = [{ id: "u0", parentId: null }];
      for (let i = 1; i < 25; i++) nodes.push({ id: `u${i}`, parentId: `u${Math.floor(random() * i)}` });
      const counts = rollUp(nodes, new Map(nodes.map((n) => [n.id, Math.floor(random() * 9)])));
      const min = 3 + Math.floor(random() * 6);
      assertNoSmallDifference(nodes, counts, suppressUnits(nodes, counts, min), min);
    }
  });

  it("suppressTree reports whether it changed anything", () => {
    const counts = rollUp(tree, direct({ A: 6, B: 6, C: 6 }));
    expect(suppressTree(tree, counts, 5, new Set())).toBe(false);
    expect(suppressTree(tree, counts, 7, new Set())).toBe(true);
  });
});

describe("filter differences", () => {
  const cut = (totals: Record<string, number>, values: Record<string, Record<string, number>>) => ({
    total: rollUp(tree, direct(totals)),
    byValue: new Map(Object.entries(values).map(([v, d]) => [v, rollUp(tree, direct(d))])),
  });

  it("hides a small filter value and the next smallest, so unit minus visible values is never small", () => {
    // A has 12: skill 8, technical 3, management 1 → both small values hidden, 4 unknown < 5: also hide skill.
    const counts = cut({ A: 12, B: 6, C: 6 }, { skill: { A: 8, B: 3, C: 3 }, technical: { A: 3, B: 3, C: 3 }, management: { A: 1 } });
    const s = suppressWithCut(tree, counts, 5);
    expect(s.byValue.get("technical")!.has("A")).toBe(true);
    expect(s.byValue.get("management")!.has("A")).toBe(true);
    expect(s.byValue.get("skill")!.has("A")).toBe(true);
  });

  it("keeps filter values whose hidden remainder is at least the minimum", () => {
    const counts = cut({ A: 20, B: 10, C: 10 }, { skill: { A: 10, B: 5, C: 5 }, technical: { A: 5, B: 5, C: 5 }, management: { A: 5 } });
    const s = suppressWithCut(tree, counts, 5);
    expect(s.byValue.get("skill")!.has("A")).toBe(false);
    expect(s.byValue.get("technical")!.has("A")).toBe(false);
  });

  it("applies parent-minus-children to each filter value's own tree", () => {
    // Technical staff: DEPT 13 = A 6 + B 3 + C 4 → B, C hidden by the minimum; DEPT − A = 7 ≥ 5: fine.
    // Skill staff: DEPT 14 = A 6 + B 6 + C 2 → C hidden, then DEPT − A − B = 2: one more goes.
    const counts = cut({ A: 12, B: 9, C: 6 }, { technical: { A: 6, B: 3, C: 4 }, skill: { A: 6, B: 6, C: 2 } });
    const s = suppressWithCut(tree, counts, 5);
    for (const value of ["technical", "skill"]) assertNoSmallDifference(tree, counts.byValue.get(value)!, s.byValue.get(value)!, 5);
    expect(s.byValue.get("skill")!.has("C")).toBe(true);
    expect([s.byValue.get("skill")!.has("A"), s.byValue.get("skill")!.has("B")]).toContain(true);
  });

  it("never shows every value of a unit whose total is hidden", () => {
    // B's total is hidden by its siblings' complement rule; its values must not add back up to it.
    const counts = cut({ A: 6, B: 10, C: 3 }, { skill: { A: 3, B: 5, C: 3 }, technical: { A: 3, B: 5 } });
    const s = suppressWithCut(tree, counts, 5);
    for (const unit of s.total) {
      const shown = [...s.byValue].filter(([v, hidden]) => !hidden.has(unit) && (counts.byValue.get(v)!.get(unit) ?? 0) > 0);
      const present = [...counts.byValue].filter(([, c]) => (c.get(unit) ?? 0) > 0);
      if (present.length > 0) expect(shown.length).toBeLessThan(present.length);
    }
    expect(s.total.has("C")).toBe(true);
  });

  it("every visible unit minus its visible values is 0 or at least the minimum (random)", () => {
    let seed = 11;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 100; round++) {
      const values = ["x", "y", "z"];
      const d = Object.fromEntries(
        values.map((v) => [v, Object.fromEntries(["DEPT", "A", "B", "C"].map((u) => [u, Math.floor(random() * 7)]))]),
      );
      const totals = Object.fromEntries(["DEPT", "A", "B", "C"].map((u) => [u, values.reduce((s, v) => s + d[v][u], 0)]));
      const counts = cut(totals, d);
      const s = suppressWithCut(tree, counts, 5);
      for (const { id } of tree) {
        const shown = values.filter((v) => !s.byValue.get(v)!.has(id));
        const remainder = counts.total.get(id)! - shown.reduce((sum, v) => sum + counts.byValue.get(v)!.get(id)!, 0);
        if (!s.total.has(id)) expect(remainder === 0 || remainder >= 5).toBe(true);
        else if (counts.total.get(id)! > 0) expect(remainder).toBeGreaterThan(0);
      }
      for (const v of values) assertNoSmallDifference(tree, counts.byValue.get(v)!, s.byValue.get(v)!, 5);
      assertNoSmallDifference(tree, counts.total, s.total, 5);
    }
  });
});
