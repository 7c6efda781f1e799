import { describe, expect, it } from "vitest";
import { inputsPacker, unpackInputs } from "./line-snapshot";
import type { EmployeeInputs, KpiLine } from "./payroll";

const line = (code: string, actual: number | null, score: number | null, target = 1000): KpiLine => ({
  code,
  weight: 50,
  threshold: 0,
  target,
  stretch: 2 * target,
  cap: 12000,
  direction: "higher",
  actual,
  score,
  kind: "quantitative",
  unit: "fen",
});

const person = (no: string, unitId: string, lines: KpiLine[], actuals: Record<string, number>, missing: string[] = []): EmployeeInputs => ({
  employeeId: `id-${no}`,
  employeeNo: no,
  unitId,
  unitPath: `/root/${unitId}/`,
  track: "skill",
  level: "S4",
  positionCode: "AM",
  postValue: 110,
  score: missing.length ? null : 8750,
  lines,
  actuals,
  missing,
});

describe("pay line snapshot packing", () => {
  const people = [
    person("E1", "u1", [line("REV", 875, 8750), line("NEW_SUBS", 10, 5000)], { REV: 875, NEW_SUBS: 10 }),
    person("E2", "u2", [line("REV", 1500, 15000), line("NEW_SUBS", 30, 11000)], { NEW_SUBS: 30 }),
    // An adjusted target: a curve of its own. A missing actual stays null, never zero.
    person("E3", "u1", [line("REV", 100, 900, 500), line("NEW_SUBS", null, null)], { REV: 100 }, ["NEW_SUBS"]),
  ];

  it("gives back exactly what it packed, with each curve and unit path kept once", () => {
    const packer = inputsPacker(["REV", "NEW_SUBS", "ARREARS"]);
    const stored = people.map((e) => JSON.stringify(packer.pack(e)));
    const tables = JSON.parse(JSON.stringify(packer.tables));
    expect(tables.lineCurves).toHaveLength(3);
    expect(tables.unitPaths).toEqual({ u1: "/root/u1/", u2: "/root/u2/" });
    stored.forEach((json, i) =>
      expect(unpackInputs(json, tables, { employeeId: people[i].employeeId, unitId: people[i].unitId })).toEqual(people[i]),
    );
    // Each line keeps only its own values: well under a third of the whole inputs.
    expect(stored[0].length * 3).toBeLessThan(JSON.stringify(people[0]).length * 2);
  });

  it("keeps a monthly line's units and a settlement line's advances", () => {
    const packer = inputsPacker(["REV", "NEW_SUBS"]);
    const moved = {
      ...people[0],
      units: [
        { unitId: "u1", days: 15 },
        { unitId: "u2", days: 16 },
      ],
      advances: [{ month: "2026-01", fen: 240_000 }],
    };
    const back = unpackInputs(JSON.stringify(packer.pack(moved)), packer.tables, { employeeId: moved.employeeId, unitId: moved.unitId });
    expect(back).toEqual(moved);
  });

  it("refuses an actual outside the run's codes rather than dropping it", () => {
    const packer = inputsPacker(["REV"]);
    expect(() => packer.pack(people[0])).toThrow(/NEW_SUBS/);
  });

  it("reads lines stored whole, before packing, as they are", () => {
    expect(unpackInputs(JSON.stringify(people[1]), {}, { employeeId: "ignored", unitId: "ignored" })).toEqual(people[1]);
    expect(() =>
      unpackInputs(JSON.stringify(inputsPacker(["REV", "NEW_SUBS"]).pack(people[1])), {}, { employeeId: "x", unitId: "u2" }),
    ).toThrow(/tables/);
  });
});
