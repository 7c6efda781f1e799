import { describe, expect, it } from "vitest";
import { reactionFigures, type ReactionData } from "./reaction.server";

/** Sessions of one course: each rated `score` on the overall item by every respondent, closed on day `day`. */
function data(sessions: { id: string; n: number; score: number; day: number | null }[]): ReactionData {
  return {
    surveys: new Map(
      sessions.map((s) => [
        s.id,
        {
          id: s.id,
          status: s.day === null ? "open" : "closed",
          minGroupSize: 5,
          closedAt: s.day === null ? null : new Date(Date.UTC(2026, 0, s.day)),
        },
      ]),
    ),
    responses: sessions.map((s) => ({ surveyId: s.id, unitId: null, n: s.n })),
    answers: sessions.map((s) => ({ surveyId: s.id, unitId: null, itemId: "overall-01", value: s.score, n: s.n })),
  };
}

/** The pooled course figure as it reads after each session in `order` has closed (the others still open). */
function releases(sessions: { id: string; n: number; score: number }[]) {
  return sessions.map((_, i) => {
    const d = data(sessions.map((s, j) => ({ ...s, day: j <= i ? j + 1 : null })));
    const { course } = reactionFigures(
      d,
      sessions.map((s) => s.id),
    );
    return course.status === "ok" ? course.n : null;
  });
}

describe("a course's pooled reaction", () => {
  it("moves only in steps of at least the minimum unshown respondents, however small sessions close", () => {
    // 10 shown; then 3, 2, 1 (each too small to show): the 3 and 2 join together, the 1 waits.
    expect(
      releases([
        { id: "a", n: 10, score: 4 },
        { id: "b", n: 3, score: 2 },
        { id: "c", n: 2, score: 5 },
        { id: "d", n: 1, score: 1 },
      ]),
    ).toEqual([10, 10, 15, 15]);
  });

  it("lets a session shown on its own join at once, without taking the waiting ones along", () => {
    expect(
      releases([
        { id: "a", n: 2, score: 1 },
        { id: "b", n: 6, score: 4 },
        { id: "c", n: 3, score: 3 },
      ]),
    ).toEqual([null, 6, 11]);
    // Every difference between two consecutive releases is a shown session or at least 5 unshown people.
    const last = reactionFigures(
      data([
        { id: "a", n: 2, score: 1, day: 1 },
        { id: "b", n: 6, score: 4, day: 2 },
        { id: "c", n: 3, score: 3, day: 3 },
      ]),
      ["a", "b", "c"],
    );
    // (2·1 + 6·4 + 3·3) / 11 = 35 / 11, one decimal.
    expect(last.course).toMatchObject({ status: "ok", n: 11, overall: 3.2 });
  });

  it("gives neither a running survey's count nor a hidden session's size", () => {
    const { bySurvey } = reactionFigures(
      data([
        { id: "a", n: 1, score: 5, day: 1 },
        { id: "b", n: 4, score: 5, day: null },
      ]),
      ["a", "b"],
    );
    expect(bySurvey.get("a")).toEqual({ status: "suppressed" });
    expect(bySurvey.get("b")).toEqual({ status: "pending" });
    // A course whose only session survey still runs says so, rather than "no survey".
    expect(reactionFigures(data([{ id: "c", n: 3, score: 4, day: null }]), ["c"]).course).toEqual({ status: "pending" });
    expect(reactionFigures(data([]), []).course).toEqual({ status: "none" });
  });
});
