import { describe, expect, it } from "vitest";
import { isRecentRole, transition } from "./run-state";

const run = (status: string, issueCount = 0) => ({ status, preparedById: "hr1", issueCount });

describe("pay-run transitions", () => {
  it("goes draft → reviewed → approved → locked by others than the preparer", () => {
    expect(transition(run("draft"), "review", "hr2")).toEqual({ ok: true, next: "reviewed" });
    expect(transition(run("reviewed"), "approve", "hr2")).toEqual({ ok: true, next: "approved" });
    expect(transition(run("approved"), "lock", "hr1")).toEqual({ ok: true, next: "locked" });
  });

  it("keeps the preparer from reviewing or approving their own run", () => {
    expect(transition(run("draft"), "review", "hr1")).toEqual({ ok: false, error: "pay.errors.samePerson" });
    expect(transition(run("reviewed"), "approve", "hr1")).toEqual({ ok: false, error: "pay.errors.samePerson" });
  });

  it("refuses skipping a step", () => {
    expect(transition(run("draft"), "approve", "hr2")).toEqual({ ok: false, error: "pay.errors.wrongState" });
    expect(transition(run("reviewed"), "lock", "hr2")).toEqual({ ok: false, error: "pay.errors.wrongState" });
    expect(transition(run("draft"), "sendBack", "hr2")).toEqual({ ok: false, error: "pay.errors.wrongState" });
  });

  it("does not let a run with blocking issues leave draft", () => {
    expect(transition(run("draft", 2), "review", "hr2")).toEqual({ ok: false, error: "pay.errors.hasIssues" });
  });

  it("sends a reviewed or approved run back to draft", () => {
    expect(transition(run("reviewed"), "sendBack", "hr2")).toEqual({ ok: true, next: "draft" });
    expect(transition(run("approved"), "sendBack", "hr1")).toEqual({ ok: true, next: "draft" });
  });

  it("never changes a locked run", () => {
    for (const action of ["review", "approve", "lock", "sendBack"] as const) {
      expect(transition(run("locked"), action, "hr2")).toEqual({ ok: false, error: "pay.errors.locked" });
    }
  });
});

describe("separation of duties", () => {
  const reviewed = { status: "reviewed", preparedById: "hr1", reviewedById: "hr2", issueCount: 0 };
  const now = new Date("2026-12-03T12:00:00Z");
  const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 60 * 60 * 1000);

  it("needs three different people: the reviewer cannot approve", () => {
    expect(transition(reviewed, "approve", "hr2")).toEqual({ ok: false, error: "pay.errors.reviewerCannotApprove" });
    expect(transition(reviewed, "approve", "hr1")).toEqual({ ok: false, error: "pay.errors.samePerson" });
    expect(transition(reviewed, "approve", "hr3")).toEqual({ ok: true, next: "approved" });
  });

  it("refuses review and approval by someone whose own line is in the run", () => {
    expect(transition(run("draft"), "review", { userId: "hr2", hasOwnLine: true })).toEqual({ ok: false, error: "pay.errors.ownLine" });
    expect(transition(reviewed, "approve", { userId: "hr3", hasOwnLine: true })).toEqual({ ok: false, error: "pay.errors.ownLine" });
    // Locking and sending back do not sign anything off.
    expect(transition({ ...reviewed, status: "approved" }, "lock", { userId: "hr3", hasOwnLine: true })).toEqual({
      ok: true,
      next: "locked",
    });
  });

  it("refuses a role granted within the waiting period, by default 7 days, configurable", () => {
    const recent = { userId: "hr3", roleGrantedAt: daysAgo(6.9) };
    expect(transition(reviewed, "approve", recent, { now })).toEqual({ ok: false, error: "pay.errors.recentRole" });
    expect(transition(run("draft"), "review", recent, { now })).toEqual({ ok: false, error: "pay.errors.recentRole" });
    expect(transition(reviewed, "approve", { userId: "hr3", roleGrantedAt: daysAgo(7) }, { now })).toEqual({ ok: true, next: "approved" });
    expect(transition(reviewed, "approve", recent, { now, recentRoleDays: 3 })).toEqual({ ok: true, next: "approved" });
    expect(transition(reviewed, "approve", { userId: "hr3", roleGrantedAt: daysAgo(20) }, { now, recentRoleDays: 30 })).toEqual({
      ok: false,
      error: "pay.errors.recentRole",
    });
    // A role held from the start (not granted through a request) has no waiting period.
    expect(isRecentRole(null, now)).toBe(false);
  });
});
