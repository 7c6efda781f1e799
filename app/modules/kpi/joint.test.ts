import { describe, expect, it } from "vitest";
import { curveScore, weightedTotal } from "./scoring";
import { shareProblem, splitTeamQuantity } from "./joint";

describe("joint KPIs (关联考核)", () => {
  const team = [
    { employeeId: "am", employeeNo: "E000004", share: 60 },
    { employeeId: "solution", employeeNo: "E000005", share: 40 },
  ];

  it("shares must be positive whole percents totalling 100, for two or more people", () => {
    expect(shareProblem(team)).toBeNull();
    expect(
      shareProblem([
        { employeeId: "am", share: 60 },
        { employeeId: "solution", share: 30 },
      ]),
    ).toBe("total");
    expect(shareProblem([{ employeeId: "am", share: 100 }])).toBe("tooFew");
    expect(
      shareProblem([
        { employeeId: "am", share: 50 },
        { employeeId: "am", share: 50 },
      ]),
    ).toBe("duplicate");
    expect(
      shareProblem([
        { employeeId: "am", share: 100.5 },
        { employeeId: "solution", share: -0.5 },
      ]),
    ).toBe("positive");
  });

  it("both members score the team actual against the team target; shares do not change the score", () => {
    // Team target: ICT project revenue ¥2,000,000 (threshold ¥1,200,000, stretch ¥2,800,000, cap 120.00).
    const teamCurve = { direction: "higher" as const, threshold: 120_000_000, target: 200_000_000, stretch: 280_000_000, cap: 12_000 };
    // Team actual ¥1,800,000 → (1.8 − 1.2) / (2.0 − 1.2) = 75.00 for the account manager AND the solution manager.
    const teamActual = 180_000_000;
    expect(curveScore(teamCurve, teamActual)).toBe(7_500);
    // Each member's weight for the line comes from their own plan: the same 75.00 counts
    // 30 % in the account manager's total and 20 % in the solution manager's.
    const jointScore = curveScore(teamCurve, teamActual);
    expect(
      weightedTotal([
        { weight: 30, score: jointScore },
        { weight: 70, score: 10_000 },
      ]),
    ).toBe(9_250);
    expect(
      weightedTotal([
        { weight: 20, score: jointScore },
        { weight: 80, score: 10_000 },
      ]),
    ).toBe(9_500);
  });

  it("shares split the team quantity so it is credited once, exactly", () => {
    // ¥1,800,000.01 split 60 : 40 → ¥1,080,000.01 and ¥720,000.00 (the odd fen goes to the larger remainder).
    const credited = splitTeamQuantity(180_000_001, team);
    expect(credited.get("am")).toBe(108_000_001);
    expect(credited.get("solution")).toBe(72_000_000);
    expect([...credited.values()].reduce((a, b) => a + b, 0)).toBe(180_000_001);
    // A third member with an odd share: 100 by 33 : 33 : 34.
    const three = splitTeamQuantity(100, [
      { employeeId: "a", employeeNo: "E1", share: 33 },
      { employeeId: "b", employeeNo: "E2", share: 33 },
      { employeeId: "c", employeeNo: "E3", share: 34 },
    ]);
    expect([...three.values()]).toEqual([33, 33, 34]);
  });

  it("gives an indivisible unit to the smaller employee number, whatever order the members come in", () => {
    // 17 at 50 : 50 is 8.5 each: 8 each, and the one unit left goes to E000004, the smaller number.
    const am = { employeeId: "z-created-last", employeeNo: "E000004", share: 50 };
    const support = { employeeId: "a-created-first", employeeNo: "E000005", share: 50 };
    for (const members of [
      [am, support],
      [support, am],
    ]) {
      const credited = splitTeamQuantity(17, members);
      expect(credited.get("z-created-last")).toBe(9);
      expect(credited.get("a-created-first")).toBe(8);
    }
    // −17 mirrors it: −9 and −8.
    expect(splitTeamQuantity(-17, [support, am]).get("z-created-last")).toBe(-9);
  });
});
