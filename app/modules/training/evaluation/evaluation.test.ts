import { describe, expect, it } from "vitest";
import {
  behaviourState,
  behaviourWindow,
  costFigures,
  differenceInDifferences,
  differenceInDifferencesOfSums,
  groupLearning,
  learningGain,
  reactionFigure,
} from "./evaluation";

describe("learning gain", () => {
  it("gives the raw and the normalised gain of one participant", () => {
    // 40 → 70 out of 100: 30 points gained out of the 60 that were possible.
    expect(learningGain(40, 70, 100)).toEqual({ raw: 30, normalised: 0.5 });
    // 80 → 90: a smaller raw gain, but the same share of what was left to learn.
    expect(learningGain(80, 90, 100)).toEqual({ raw: 10, normalised: 0.5 });
    expect(learningGain(60, 45, 100)).toEqual({ raw: -15, normalised: -0.375 });
  });

  it("has no normalised gain after full marks on the pre-test", () => {
    expect(learningGain(100, 100, 100)).toEqual({ raw: 0, normalised: null });
  });

  it("gives the session's gain from participants with both tests (worked example)", () => {
    // Pre 50, 60, 70 → mean 60; post 80, 75, 85 → mean 80. The fourth has no post-test.
    // Raw gain 80 − 60 = 20; class ⟨g⟩ = 20 / (100 − 60) = 0.5.
    const result = groupLearning(
      [
        { pre: 50, post: 80 },
        { pre: 60, post: 75 },
        { pre: 70, post: 85 },
        { pre: 40, post: null },
      ],
      100,
    );
    expect(result).toEqual({ n: 3, meanPre: 60, meanPost: 80, meanRawGain: 20, normalisedGain: 0.5 });
  });

  it("uses the session's maximum score", () => {
    expect(groupLearning([{ pre: 10, post: 15 }], 20)?.normalisedGain).toBe(0.5);
    expect(groupLearning([{ pre: null, post: 15 }], 20)).toBeNull();
  });
});

describe("difference in differences", () => {
  // KPI totals in hundredths of a point.
  const pts = (before: number, after: number) => ({ before: before * 100, after: after * 100 });

  it("subtracts the comparison group's change from the participants' (worked example)", () => {
    // Participants (5): before 80, 82, 78, 85, 75 → mean 80.0; after 86, 88, 83, 90, 83 → mean 86.0; change +6.0.
    // Comparison (6, same position and track, did not attend): before 79, 81, 80, 77, 83, 80 → mean 80.0;
    // after 81, 83, 82, 79, 85, 82 → mean 82.0; change +2.0.
    // DiD = 6.0 − 2.0 = +4.0 points = 400 hundredths: the part of the change the training plausibly explains.
    const treated = [pts(80, 86), pts(82, 88), pts(78, 83), pts(85, 90), pts(75, 83)];
    const control = [pts(79, 81), pts(81, 83), pts(80, 82), pts(77, 79), pts(83, 85), pts(80, 82)];
    const result = differenceInDifferences(treated, control, 5);
    expect(result).toEqual({
      status: "ok",
      treated: { n: 5, before: 8000, after: 8600, change: 600 },
      control: { n: 6, before: 8000, after: 8200, change: 200 },
      did: 400,
    });
  });

  it("rounds once, half away from zero, to a hundredth of a point", () => {
    const treated = [0, 0, 0, 0, 1].map((d) => ({ before: 0, after: d })); // change 0.2
    const control = [0, 0, 0, 0, 0].map(() => ({ before: 0, after: 0 }));
    expect(differenceInDifferences(treated, control, 5)).toMatchObject({ did: 0 });
    const treated2 = [0, 0, 0, 0, 3].map((d) => ({ before: 0, after: d })); // change 0.6
    expect(differenceInDifferences(treated2, control, 5)).toMatchObject({ did: 1 });
    const falling = [0, 0, 0, 0, 3].map((d) => ({ before: d, after: 0 })); // change −0.6
    expect(differenceInDifferences(falling, control, 5)).toMatchObject({ did: -1 });
  });

  it("makes no claim when either group is below the minimum, but says how many people there were", () => {
    const four = [pts(80, 90), pts(80, 90), pts(80, 90), pts(80, 90)];
    const five = [...four, pts(80, 90)];
    expect(differenceInDifferences(four, five, 5)).toEqual({ status: "insufficient", treatedN: 4, controlN: 5, minGroupSize: 5 });
    expect(differenceInDifferences(five, four, 5)).toEqual({ status: "insufficient", treatedN: 5, controlN: 4, minGroupSize: 5 });
    expect(differenceInDifferences(five, five, 5).status).toBe("ok");
  });
});

describe("cost", () => {
  it("divides the session cost per participant, per hour and per learner-hour in whole fen", () => {
    // ¥12,000.00 for 16 hours with 15 participants.
    expect(costFigures(1_200_000, 15, 160)).toEqual({ perParticipant: 80_000, perHour: 75_000, perLearnerHour: 5_000 });
    // 100 fen over 3 people: 33.33… → 33; 200 fen over 3: 66.67 → 67.
    expect(costFigures(100, 3, 10).perParticipant).toBe(33);
    expect(costFigures(200, 3, 10).perParticipant).toBe(67);
    expect(costFigures(1000, 0, 35)).toEqual({ perParticipant: null, perHour: 286, perLearnerHour: null });
  });

  it("rounds halves away from zero", () => {
    // 5 fen over 2 = 2.5 → 3; 249 over 100 = 2.49 → 2.
    expect(costFigures(5, 2, 10).perParticipant).toBe(3);
    expect(costFigures(249, 100, 10).perParticipant).toBe(2);
  });

  it("gives the exact L4 figure, half away from zero: 441.5 → 442 and −660.5 → −661", () => {
    // Participants (5): sums 800,021 → 800,729, change 708 / 5 = 141.6 hundredths.
    // Comparison (10): sums 700,001 → 697,002, change −2,999 / 10 = −299.9 hundredths.
    // DiD = 141.6 − (−299.9) = 441.5 exactly → 442 (binary floating point made it 441.4999… → 441).
    const control = { n: 10, before: 700_001, after: 697_002 };
    const up = differenceInDifferencesOfSums({ n: 5, before: 800_021, after: 800_729 }, control, 5);
    expect(up).toMatchObject({ status: "ok", did: 442, treated: { change: 142 }, control: { change: -300 } });
    // Participants' change −4,802 / 5 = −960.4; DiD = −960.4 + 299.9 = −660.5 → −661.
    const down = differenceInDifferencesOfSums({ n: 5, before: 800_000, after: 795_198 }, control, 5);
    expect(down).toMatchObject({ status: "ok", did: -661, treated: { change: -960 } });
  });

  it("rounds test means to 0.1 and the normalised gain to 0.01 exactly", () => {
    // Pre 1 and 2 (mean 1.5), post 3 and 3 (mean 3.0), max 4: gain 1.5, ⟨g⟩ = 1.5 / 2.5 = 0.6.
    expect(
      groupLearning(
        [
          { pre: 1, post: 3 },
          { pre: 2, post: 3 },
        ],
        4,
      ),
    ).toEqual({ n: 2, meanPre: 1.5, meanPost: 3, meanRawGain: 1.5, normalisedGain: 0.6 });
    // Means of 0.05 and 0.25 are halves at 0.1: 1/20 → 0.1, 5/20 → 0.3 (half away from zero).
    const twenty = (post: number) => Array.from({ length: 20 }, (_, i) => ({ pre: 0, post: i < post ? 1 : 0 }));
    expect(groupLearning(twenty(1), 100)?.meanPost).toBe(0.1);
    expect(groupLearning(twenty(5), 100)?.meanPost).toBe(0.3);
    // ⟨g⟩ = 29 / 200 = 0.145 → 0.15 (0.145 in binary is 0.14499…).
    expect(
      groupLearning(
        [...Array.from({ length: 29 }, () => ({ pre: 0, post: 1 })), ...Array.from({ length: 171 }, () => ({ pre: 0, post: 0 }))],
        1,
      )?.normalisedGain,
    ).toBe(0.15);
  });
});

describe("reaction and behaviour", () => {
  it("suppresses reaction figures below the group minimum", () => {
    expect(reactionFigure(4, 16, 4, 5)).toEqual({ status: "suppressed", n: 4 });
    expect(reactionFigure(5, 21, 5, 5)).toEqual({ status: "ok", n: 5, mean: 4.2 });
  });

  it("asks the manager 30 to 90 days after the session", () => {
    const end = new Date("2026-01-10T09:00:00Z");
    const w = behaviourWindow(end, { from: 30, until: 90 });
    expect(w.dueFrom.toISOString()).toBe("2026-02-09T09:00:00.000Z");
    expect(w.dueUntil.toISOString()).toBe("2026-04-10T09:00:00.000Z");
    const a = { ...w, submittedAt: null };
    expect(behaviourState(a, new Date("2026-02-01T00:00:00Z"))).toBe("upcoming");
    expect(behaviourState(a, new Date("2026-03-01T00:00:00Z"))).toBe("due");
    expect(behaviourState(a, new Date("2026-05-01T00:00:00Z"))).toBe("overdue");
    expect(behaviourState({ ...a, submittedAt: new Date() }, new Date("2026-05-01T00:00:00Z"))).toBe("submitted");
  });
});
