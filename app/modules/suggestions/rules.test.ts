import { describe, expect, it } from "vitest";
import {
  checkTransition,
  coarsePeriod,
  formatFen,
  isOlderThan,
  median,
  monthsBetween,
  nextStatuses,
  suppressSmall,
  suppressWithComplement,
  yuanToFen,
  daysBetween,
} from "./rules";

describe("status transitions", () => {
  it("follows new → under review → accepted → implemented", () => {
    expect(checkTransition("new", "under_review")).toEqual({ ok: true });
    expect(checkTransition("under_review", "accepted")).toEqual({ ok: true });
    expect(checkTransition("accepted", "implemented")).toEqual({ ok: true });
  });

  it("refuses skipping steps, going back and leaving a closed status", () => {
    expect(checkTransition("new", "accepted")).toEqual({ ok: false, error: "suggestions.errors.transition" });
    expect(checkTransition("new", "implemented").ok).toBe(false);
    expect(checkTransition("accepted", "under_review").ok).toBe(false);
    expect(checkTransition("implemented", "declined").ok).toBe(false);
    expect(checkTransition("declined", "under_review").ok).toBe(false);
    expect(checkTransition("new", "new").ok).toBe(false);
  });

  it("declines from any open status, but only with a reason", () => {
    for (const from of ["new", "under_review", "accepted"] as const) {
      expect(checkTransition(from, "declined", { reason: "与集团规范不符" })).toEqual({ ok: true });
      expect(checkTransition(from, "declined", { reason: "   " })).toEqual({ ok: false, error: "suggestions.errors.reasonRequired" });
      expect(checkTransition(from, "declined")).toEqual({ ok: false, error: "suggestions.errors.reasonRequired" });
    }
  });

  it("gives a merged duplicate no transitions of its own", () => {
    expect(checkTransition("new", "under_review", { merged: true })).toEqual({ ok: false, error: "suggestions.errors.merged" });
    expect(nextStatuses("new", { merged: true })).toEqual([]);
    expect(nextStatuses("new")).toEqual(["under_review", "declined"]);
    expect(nextStatuses("implemented")).toEqual([]);
  });
});

describe("coarse time", () => {
  it("keeps only the UTC month", () => {
    expect(coarsePeriod(new Date("2026-03-31T23:59:59Z"))).toBe("2026-03");
    expect(coarsePeriod(new Date("2026-04-01T00:00:00Z"))).toBe("2026-04");
  });

  it("counts an anonymous item as older than 30 days only once the whole month is", () => {
    const now = new Date("2026-05-15T00:00:00Z");
    expect(isOlderThan({ submittedAt: null, period: "2026-04" }, 30, now)).toBe(false);
    expect(isOlderThan({ submittedAt: null, period: "2026-03" }, 30, now)).toBe(true);
    expect(isOlderThan({ submittedAt: new Date("2026-04-14T00:00:00Z"), period: "2026-04" }, 30, now)).toBe(true);
    expect(isOlderThan({ submittedAt: new Date("2026-04-16T00:00:00Z"), period: "2026-04" }, 30, now)).toBe(false);
  });

  it("measures reply time in days (named) and months (anonymous)", () => {
    expect(daysBetween(new Date("2026-04-01T10:00:00Z"), new Date("2026-04-04T09:00:00Z"))).toBe(2);
    expect(monthsBetween("2026-04", new Date("2026-04-30T00:00:00Z"))).toBe(0);
    expect(monthsBetween("2026-11", new Date("2027-01-02T00:00:00Z"))).toBe(2);
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([1, 2, 3, 10])).toBe(2.5);
  });
});

describe("minimum group", () => {
  it("hides counts from 1 to 4, shows 0 and 5+", () => {
    expect([0, 1, 4, 5, 12].map((c) => suppressSmall(c))).toEqual([0, null, null, 5, 12]);
  });

  it("hides a second cell when only one would be hidden, so totals do not reveal it", () => {
    expect(suppressWithComplement([7, 2, 9, 0])).toEqual([null, null, 9, 0]);
    expect(suppressWithComplement([7, 2, 3, 9])).toEqual([7, null, null, 9]);
    expect(suppressWithComplement([6, 8])).toEqual([6, 8]);
    expect(suppressWithComplement([3])).toEqual([null]);
  });
});

describe("money", () => {
  it("turns typed yuan into integer fen without rounding", () => {
    expect(yuanToFen("500")).toBe(50000);
    expect(yuanToFen("1,200.5")).toBe(120050);
    expect(yuanToFen("0.07")).toBe(7);
    expect(yuanToFen("1.005")).toBeNull();
    expect(yuanToFen("-3")).toBeNull();
    expect(yuanToFen("1e3")).toBeNull();
    expect(yuanToFen("")).toBeNull();
    expect(formatFen(120050)).toBe("1,200.50");
    expect(formatFen(7)).toBe("0.07");
  });
});
