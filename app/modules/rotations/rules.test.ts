import { describe, expect, it } from "vitest";
import { applicationOutcome, canTransition, exceedsCapacity, findOverlap, overlaps, peakConcurrency, rotationEligibility } from "./rules";

const d = (s: string) => new Date(`${s}T00:00:00Z`);
const iv = (start: string, end: string, id?: string) => ({ id, start: d(start), end: d(end) });

describe("overlap", () => {
  it("touching on one day overlaps; the day after does not", () => {
    expect(overlaps(iv("2025-01-01", "2025-03-31"), iv("2025-03-31", "2025-06-30"))).toBe(true);
    expect(overlaps(iv("2025-01-01", "2025-03-31"), iv("2025-04-01", "2025-06-30"))).toBe(false);
  });
  it("finds the conflicting assignment, ignoring the one being edited", () => {
    const existing = [iv("2024-01-01", "2024-06-30", "a"), iv("2025-02-01", "2025-07-31", "b")];
    expect(findOverlap(iv("2025-05-01", "2025-10-31"), existing)?.id).toBe("b");
    expect(findOverlap(iv("2025-05-01", "2025-10-31", "b"), existing)).toBeNull();
    expect(findOverlap(iv("2024-07-01", "2025-01-31"), existing)).toBeNull();
  });
});

describe("host capacity", () => {
  const hosted = [iv("2025-01-01", "2025-06-30", "a"), iv("2025-04-01", "2025-09-30", "b"), iv("2025-10-01", "2025-12-31", "c")];
  it("peak concurrency inside a range", () => {
    expect(peakConcurrency(hosted, iv("2025-01-01", "2025-12-31"))).toBe(2);
    expect(peakConcurrency(hosted, iv("2025-07-01", "2025-12-31"))).toBe(1);
    expect(peakConcurrency(hosted, iv("2026-01-01", "2026-12-31"))).toBe(0);
  });
  it("refuses a rotator beyond the host's capacity, allows one in a gap", () => {
    expect(exceedsCapacity(iv("2025-05-01", "2025-05-31"), hosted, 2)).toBe(true);
    expect(exceedsCapacity(iv("2025-05-01", "2025-05-31"), hosted, 3)).toBe(false);
    expect(exceedsCapacity(iv("2025-07-01", "2025-09-30"), hosted, 2)).toBe(false);
    // Editing an existing one does not count it twice.
    expect(exceedsCapacity(iv("2025-04-01", "2025-09-30", "b"), hosted, 2)).toBe(false);
  });
});

describe("eligibility", () => {
  const now = d("2025-07-01");
  const rules = { minMonthsInPost: 24, tracks: ["skill", "technical"] };
  it("meets every rule", () => {
    const result = rotationEligibility(
      rules,
      { track: "skill", postSince: d("2023-07-01"), hasOpenAssignment: false, hasPendingApplication: false },
      now,
    );
    expect(result.eligible).toBe(true);
  });
  it("too short in post, wrong track, already rotating or applying", () => {
    const result = rotationEligibility(
      rules,
      { track: "management", postSince: d("2023-07-02"), hasOpenAssignment: true, hasPendingApplication: true },
      now,
    );
    expect(result.eligible).toBe(false);
    expect(result.checks.filter((c) => !c.met).map((c) => c.rule)).toEqual([
      "monthsInPost",
      "track",
      "noOpenAssignment",
      "noPendingApplication",
    ]);
    expect(result.checks[0]).toMatchObject({ required: 24, actual: 23 });
  });
  it("no track rule when every track may apply", () => {
    const result = rotationEligibility(
      { minMonthsInPost: 0, tracks: [] },
      { track: "management", postSince: now, hasOpenAssignment: false, hasPendingApplication: false },
      now,
    );
    expect(result.checks.map((c) => c.rule)).not.toContain("track");
    expect(result.eligible).toBe(true);
  });
});

describe("status and approvals", () => {
  it("allows only forward transitions", () => {
    expect(canTransition("planned", "active")).toBe(true);
    expect(canTransition("active", "completed")).toBe(true);
    expect(canTransition("planned", "completed")).toBe(false);
    expect(canTransition("completed", "active")).toBe(false);
    expect(canTransition("cancelled", "planned")).toBe(false);
  });
  it("both units approve; one rejection ends it", () => {
    expect(applicationOutcome("approved", "pending")).toBe("pending");
    expect(applicationOutcome("approved", "approved")).toBe("approved");
    expect(applicationOutcome("pending", "rejected")).toBe("rejected");
  });
});
