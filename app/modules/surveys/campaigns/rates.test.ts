import { describe, expect, it } from "vitest";
import { responseRates, type UnitCount } from "./rates";

// dept D with rooms A, B, C; a company root above it.
const units = [
  { id: "co", path: "/co/" },
  { id: "D", path: "/co/D/" },
  { id: "A", path: "/co/D/A/" },
  { id: "B", path: "/co/D/B/" },
  { id: "C", path: "/co/D/C/" },
  { id: "A1", path: "/co/D/A/A1/" },
];

const count = (unitId: string, invited: number, answered: number): UnitCount => ({ unitId, invited, answered });
const byUnit = (rows: ReturnType<typeof responseRates>) => Object.fromEntries(rows.map((r) => [r.unitId, r]));

describe("responseRates", () => {
  it("shows every unit at or above the minimum, with subtree totals, from the deepest common unit", () => {
    const rows = responseRates(units, [count("A", 8, 6), count("B", 5, 2), count("C", 6, 6)], 5);
    expect(rows.map((r) => r.unitId)).toEqual(["D", "A", "B", "C"]);
    expect(byUnit(rows).D).toMatchObject({ invited: 19, answered: 14, suppressed: null, depth: 0 });
    // B's 2 answered (and A's 2 still to answer) are below the minimum: invited shown, answered banded.
    expect(byUnit(rows).B).toMatchObject({ invited: 5, answered: null, answeredBand: true, suppressed: null, depth: 1 });
    expect(byUnit(rows).A).toMatchObject({ invited: 8, answered: null, answeredBand: true });
    expect(byUnit(rows).C).toMatchObject({ invited: 6, answered: 6 });
  });

  it("while a survey runs, shows an answered count only where answered and not yet answered are each 0 or at least the minimum", () => {
    const shown = (invited: number, answered: number) => byUnit(responseRates(units, [count("A", invited, answered)], 5)).A;
    expect(shown(20, 0)).toMatchObject({ answered: 0 });
    expect(shown(20, 1)).toMatchObject({ answered: null, answeredBand: true }); // one person just answered
    expect(shown(20, 16)).toMatchObject({ answered: null, answeredBand: true }); // four left: who they are is near
    expect(shown(20, 15)).toMatchObject({ answered: 15 });
    expect(shown(20, 20)).toMatchObject({ answered: 20 });
  });

  it("bands a sibling whose shown answered count would leave a small remainder under the parent", () => {
    // D: 20 invited, 8 answered (12 left): shown. A: 10 invited, 5 answered: showable alone. B:
    // 10 invited, 3 answered: banded. D minus A would give B's 3: so A is banded too.
    const rows = byUnit(responseRates(units, [count("A", 10, 5), count("B", 10, 3)], 5));
    expect(rows.D).toMatchObject({ invited: 20, answered: 8 });
    expect(rows.B).toMatchObject({ answered: null, answeredBand: true });
    expect(rows.A).toMatchObject({ answered: null, answeredBand: true });
    // With a third room, hiding one more sibling is enough: A and B together leave 8 and 12.
    const more = byUnit(responseRates(units, [count("A", 10, 5), count("B", 10, 3), count("C", 10, 5)], 5));
    expect(more.A).toMatchObject({ answered: null, answeredBand: true });
    expect(more.C.answered).toBe(5);
  });

  it("suppresses a unit below the minimum and never shows its numbers", () => {
    const rows = byUnit(responseRates(units, [count("A", 8, 6), count("B", 4, 4), count("C", 6, 1), count("D", 0, 0)], 5));
    expect(rows.B).toMatchObject({ invited: null, answered: null, suppressed: "small" });
  });

  it("complement: one small sibling would be parent minus the others, so another sibling is hidden too", () => {
    const rows = byUnit(responseRates(units, [count("A", 8, 6), count("B", 3, 3), count("C", 6, 1)], 5));
    expect(rows.B.suppressed).toBe("small");
    // D (17) − A (8) − C (6) would give B; hiding the smallest shown sibling, C, leaves 9 unexplained.
    expect(rows.C.suppressed).toBe("complement");
    expect(rows.A.suppressed).toBeNull();
    expect(rows.D.invited).toBe(17);
    const shown = [rows.A, rows.C].filter((r) => !r.suppressed).reduce((s, r) => s + r.invited!, 0);
    expect(rows.D.invited! - shown).toBeGreaterThanOrEqual(5);
  });

  it("staff attached directly to a parent count as a hidden group: one person there is protected", () => {
    // The department head sits on D itself: D − A − B − C would reveal whether they answered.
    const rows = byUnit(responseRates(units, [count("D", 1, 1), count("A", 8, 6), count("B", 6, 3), count("C", 7, 1)], 5));
    expect(rows.D.invited).toBe(22);
    expect(rows.B.suppressed).toBe("complement");
    const shown = ["A", "B", "C"].map((u) => rows[u]).filter((r) => !r.suppressed);
    expect(22 - shown.reduce((s, r) => s + r.invited!, 0)).toBeGreaterThanOrEqual(5);
  });

  it("two small siblings whose sum reaches the minimum need no extra suppression", () => {
    const rows = byUnit(responseRates(units, [count("A", 8, 6), count("B", 3, 3), count("C", 2, 1)], 5));
    expect(rows.B.suppressed).toBe("small");
    expect(rows.C.suppressed).toBe("small");
    expect(rows.A.suppressed).toBeNull();
  });

  it("a hidden unit hides its whole subtree, so a shown child cannot rebuild it", () => {
    // A has 6 (1 direct + A1 5); A is hidden for the complement of B, so A1 must be hidden too.
    const rows = byUnit(responseRates(units, [count("A", 1, 1), count("A1", 5, 5), count("B", 4, 1), count("C", 9, 2)], 5));
    expect(rows.B.suppressed).toBe("small");
    expect(rows.A.suppressed).not.toBeNull();
    expect(rows.A1.suppressed).not.toBeNull();
    expect(rows.C.suppressed).toBeNull();
  });

  it("a population below the minimum shows nothing at all", () => {
    const rows = responseRates(units, [count("A", 2, 1), count("B", 2, 2)], 5);
    expect(rows.every((r) => r.suppressed && r.invited === null)).toBe(true);
  });

  it("respects a larger minimum", () => {
    const rows = byUnit(responseRates(units, [count("A", 8, 6), count("B", 9, 2), count("C", 12, 1)], 9));
    expect(rows.A.suppressed).toBe("small");
    expect(rows.B.suppressed).toBe("complement");
    expect(rows.C.suppressed).toBeNull();
  });

  it("no shown figure ever lets a group below the minimum be derived (randomised)", () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let run = 0; run < 300; run++) {
      const counts = ["D", "A", "B", "C", "A1"].map((u) => count(u, rnd(9), 0)).filter((c) => c.invited > 0);
      if (!counts.length) continue;
      const min = 3 + rnd(5);
      const rows = responseRates(units, counts, min);
      const r = byUnit(rows);
      for (const row of rows) {
        if (row.suppressed) continue;
        expect(row.invited!).toBeGreaterThanOrEqual(min);
        const children = units
          .filter((u) => u.path.split("/").filter(Boolean).at(-2) === row.unitId)
          .map((u) => r[u.id])
          .filter(Boolean);
        const residual = row.invited! - children.filter((c) => !c.suppressed).reduce((s, c) => s + c.invited!, 0);
        expect(residual === 0 || residual >= min, `run ${run}: ${JSON.stringify(rows)}`).toBe(true);
      }
    }
  });
});
