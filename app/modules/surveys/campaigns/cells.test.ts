import { describe, expect, it } from "vitest";
import { cellText, generaliseCells } from "./population";

const paths = new Map([
  ["D", "/D/"],
  ["R1", "/D/R1/"],
  ["R2", "/D/R2/"],
  ["R3", "/D/R3/"],
]);

const person = (employeeId: string, unitId: string | null, track: string | null, tenureBand: string | null) => ({
  employeeId,
  unitId,
  track,
  tenureBand,
});

function sizes(cells: Map<string, ReturnType<typeof generaliseCells> extends Map<string, infer C> ? C : never>) {
  const out = new Map<string, number>();
  for (const c of cells.values()) out.set(cellText(c), (out.get(cellText(c)) ?? 0) + 1);
  return Object.fromEntries([...out].sort());
}

describe("reporting cells generalised at launch", () => {
  it("drops tenure first, only from the cells too small to keep it", () => {
    const people = [
      ...Array.from({ length: 6 }, (_, i) => person(`a${i}`, "R1", "skill", "lt3")),
      ...Array.from({ length: 3 }, (_, i) => person(`b${i}`, "R1", "technical", "lt3")),
      ...Array.from({ length: 2 }, (_, i) => person(`c${i}`, "R1", "technical", "gt10")),
    ];
    expect(sizes(generaliseCells(people, paths, 5))).toEqual({ "R1|skill|lt3": 6, "R1|technical|": 5 });
  });

  it("then the track; a catch-all still too small takes in the unit's smallest cell", () => {
    const people = [...Array.from({ length: 6 }, (_, i) => person(`a${i}`, "R1", "skill", null)), person("b0", "R1", "technical", null)];
    expect(sizes(generaliseCells(people, paths, 5))).toEqual({ "R1||": 7 });
  });

  it("moves a unit too small on its own up to its parent, and takes in a cell below when still short", () => {
    const people = [
      ...Array.from({ length: 2 }, (_, i) => person(`r2-${i}`, "R2", "skill", null)),
      ...Array.from({ length: 5 }, (_, i) => person(`r1-${i}`, "R1", "skill", null)),
      ...Array.from({ length: 7 }, (_, i) => person(`r3-${i}`, "R3", "management", null)),
    ];
    // R2's two go up to D, where nobody else is: D takes in R1's five (the smallest cell below it).
    expect(sizes(generaliseCells(people, paths, 5))).toEqual({ "D||": 7, "R3|management|": 7 });
  });

  it("files what is left under the organisation when units share no parent", () => {
    const people = [...Array.from({ length: 5 }, (_, i) => person(`x${i}`, "X", "skill", null)), person("y0", "Y", "skill", null)];
    const cells = generaliseCells(
      people,
      new Map([
        ["X", "/X/"],
        ["Y", "/Y/"],
      ]),
      5,
    );
    expect(sizes(cells)).toEqual({ "||": 6 });
  });

  it("random populations: every cell holds the minimum, and each is the person's own cell made coarser", () => {
    let seed = 7;
    const r = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let round = 0; round < 200; round++) {
      const min = 3 + Math.floor(r() * 5);
      const units = ["R1", "R2", "R3", "D"];
      const people = Array.from({ length: min + Math.floor(r() * 40) }, (_, i) =>
        person(
          `p${i}`,
          units[Math.floor(r() * 4)],
          ["management", "technical", "skill"][Math.floor(r() * 3)],
          ["lt3", "3to10", "gt10"][Math.floor(r() * 3)],
        ),
      );
      const cells = generaliseCells(people, paths, min);
      expect(cells.size).toBe(people.length);
      for (const n of Object.values(sizes(cells))) expect(n).toBeGreaterThanOrEqual(min);
      for (const p of people) {
        const c = cells.get(p.employeeId)!;
        expect(c.unitId === null || (paths.get(p.unitId!) ?? "").includes(`/${c.unitId}/`)).toBe(true);
        expect(c.track === null || c.track === p.track).toBe(true);
        expect(c.tenureBand === null || c.tenureBand === p.tenureBand).toBe(true);
      }
    }
  });
});
