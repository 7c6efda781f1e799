import { describe, expect, it } from "vitest";
import { transition } from "./run-state";

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
