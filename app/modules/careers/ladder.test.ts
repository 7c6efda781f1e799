import { describe, expect, it } from "vitest";
import { addMonths, monthsBetween } from "./dates";
import { equivalenceMatrix, equivalentMoves, gradeOrderProblem, nextLevelCode } from "./ladder";
import { decisionProblem, nominationProblem } from "./cycle-rules";

const levels = [
  { code: "M2", track: "management", rank: 2, grade: 4 },
  { code: "M3", track: "management", rank: 3, grade: 5 },
  { code: "T4", track: "technical", rank: 4, grade: 4 },
  { code: "T5", track: "technical", rank: 5, grade: 5 },
  { code: "T6", track: "technical", rank: 6, grade: 6 },
  { code: "S5", track: "skill", rank: 5, grade: 5 },
  { code: "S6", track: "skill", rank: 6, grade: 6 },
];

describe("ladders", () => {
  it("the next level on a track, none at the top", () => {
    expect(nextLevelCode("skill", "S4")).toBe("S5");
    expect(nextLevelCode("management", "M5")).toBeNull();
    expect(nextLevelCode("nope", "S4")).toBeNull();
  });

  it("equivalent moves: same grade sideways, the next grade up", () => {
    const moves = equivalentMoves(levels, "M3");
    expect(moves.map((m) => [m.track, m.same.map((l) => l.code), m.up?.code])).toEqual([
      ["technical", ["T5"], "T6"],
      ["skill", ["S5"], "S6"],
    ]);
  });

  it("the matrix has a row per grade", () => {
    const matrix = equivalenceMatrix(levels);
    expect(matrix.map((r) => r.grade)).toEqual([4, 5, 6]);
    expect(matrix[1].cells.management.map((l) => l.code)).toEqual(["M3"]);
    expect(matrix[2].cells.management).toEqual([]);
  });

  it("grades may not fall as a track climbs", () => {
    expect(gradeOrderProblem(levels)).toBeNull();
    expect(gradeOrderProblem([...levels.filter((l) => l.code !== "T6"), { code: "T6", track: "technical", rank: 6, grade: 3 }])).toBe("T6");
  });
});

describe("dates", () => {
  it("counts whole months", () => {
    expect(monthsBetween(new Date("2024-01-15"), new Date("2024-03-14"))).toBe(1);
    expect(monthsBetween(new Date("2024-01-15"), new Date("2024-03-15"))).toBe(2);
    expect(monthsBetween(new Date("2025-01-01"), new Date("2024-01-01"))).toBe(0);
  });
  it("adds months, clamping to the month end", () => {
    expect(addMonths(new Date("2024-01-31"), 1).toISOString().slice(0, 10)).toBe("2024-02-29");
    expect(addMonths(new Date("2024-11-15"), 3).toISOString().slice(0, 10)).toBe("2025-02-15");
  });
});

describe("nomination and review rules", () => {
  const base = {
    cycleStatus: "nominating",
    source: "head" as const,
    allowSelfNomination: true,
    nextLevel: "S5",
    eligible: false,
    alreadyNominated: false,
  };
  it("heads may nominate someone short of a criterion; a self-nomination must be eligible", () => {
    expect(nominationProblem(base)).toBeNull();
    expect(nominationProblem({ ...base, source: "self" })).toBe("careers.errors.selfNotEligible");
    expect(nominationProblem({ ...base, source: "self", eligible: true })).toBeNull();
    expect(nominationProblem({ ...base, source: "self", eligible: true, allowSelfNomination: false })).toBe(
      "careers.errors.selfNominationClosed",
    );
  });
  it("only while nominating, below the top, once per cycle", () => {
    expect(nominationProblem({ ...base, cycleStatus: "reviewing" })).toBe("careers.errors.cycleNotNominating");
    expect(nominationProblem({ ...base, nextLevel: null })).toBe("careers.errors.topOfTrack");
    expect(nominationProblem({ ...base, alreadyNominated: true })).toBe("careers.errors.alreadyNominated");
  });
  const decision = {
    cycleStatus: "reviewing",
    nominationStatus: "nominated",
    decision: "approved" as const,
    eligible: true,
    comment: "",
    quotaFull: false,
  };
  it("approvals respect the quota; exceptions and rejections need a reason", () => {
    expect(decisionProblem(decision)).toBeNull();
    expect(decisionProblem({ ...decision, quotaFull: true })).toBe("careers.errors.quotaFull");
    expect(decisionProblem({ ...decision, eligible: false })).toBe("careers.errors.exceptionNeedsComment");
    expect(decisionProblem({ ...decision, eligible: false, comment: "Key account win" })).toBeNull();
    expect(decisionProblem({ ...decision, decision: "rejected" })).toBe("careers.errors.rejectionNeedsComment");
    expect(decisionProblem({ ...decision, cycleStatus: "nominating" })).toBe("careers.errors.cycleNotReviewing");
  });
});
