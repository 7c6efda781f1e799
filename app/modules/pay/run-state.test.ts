import { describe, expect, it } from "vitest";
import { headsWhoMaySign, isRecentRole, signOffRefusal, signOffUnits, transition, type Head, type Signer } from "./run-state";

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

describe("head sign-off", () => {
  // Company /c/ with branch /c/b/ and its room /c/b/r/; the branch head (e-bh) sits in the branch,
  // the room head (e-rh) in the room, and the company head (e-ch) at the top.
  const heads: Head[] = [
    { userId: "ch", scopePath: "/c/", employeeId: "e-ch" },
    { userId: "bh", scopePath: "/c/b/", employeeId: "e-bh" },
    { userId: "rh", scopePath: "/c/b/r/", employeeId: "e-rh" },
  ];
  const lines = [
    { employeeId: "e-ch", unitPath: "/c/" },
    { employeeId: "e-bh", unitPath: "/c/b/" },
    { employeeId: "e-x", unitPath: "/c/b/x/" },
    { employeeId: "e-rh", unitPath: "/c/b/r/" },
    { employeeId: "e-r1", unitPath: "/c/b/r/" },
    { employeeId: "e-lone", unitPath: "/other/" },
  ].map((l) => ({ unitPath: l.unitPath, employeeIds: [l.employeeId], lineCount: 1, totalFen: 100 }));
  const units = signOffUnits(
    lines,
    heads.map((h) => h.scopePath),
  );
  const unit = (id: string) => units.find((u) => u.unitId === id)!;
  const reviewed = { status: "reviewed", preparedById: "hr1", reviewedById: "hr2", issueCount: 0, headSignOff: true };
  const head = (userId: string): Signer => {
    const h = heads.find((x) => x.userId === userId)!;
    return { kind: "head", userId, scopePath: h.scopePath, employeeId: h.employeeId };
  };

  it("gives each line to the nearest unit above it that has a head; lines with no head need none", () => {
    expect(units.map((u) => [u.unitId, u.employeeIds])).toEqual([
      ["c", ["e-ch"]],
      ["b", ["e-bh", "e-x"]],
      ["r", ["e-rh", "e-r1"]],
    ]);
    expect(units.map((u) => [u.lineCount, u.totalFen])).toEqual([
      [1, 100],
      [2, 200],
      [2, 200],
    ]);
    expect(signOffUnits(lines, [])).toEqual([]);
  });

  it("groups by the units frozen at review: a head appointed below later does not split a unit's lines", () => {
    const frozen = signOffUnits(lines, ["/c/", "/c/b/"]);
    expect(frozen.map((u) => [u.unitId, u.employeeIds, u.totalFen])).toEqual([
      ["c", ["e-ch"], 100],
      ["b", ["e-bh", "e-x", "e-rh", "e-r1"], 400],
    ]);
    // The head of r, appointed after the freeze, may sign b's lines only if b lies in their scope: it does not.
    expect(signOffRefusal(reviewed, frozen[1], head("rh"), heads)).toBe("pay.errors.notYourUnit");
    expect(headsWhoMaySign(frozen[1], heads).map((h) => h.userId)).toEqual(["ch"]);
  });

  it("lets a head sign a unit in their scope, never one outside it", () => {
    expect(signOffRefusal(reviewed, unit("r"), head("bh"), heads)).toBeNull();
    expect(signOffRefusal(reviewed, unit("b"), head("rh"), heads)).toBe("pay.errors.notYourUnit");
  });

  it("keeps a head from signing the unit that holds their own line; a head above signs it", () => {
    expect(signOffRefusal(reviewed, unit("r"), head("rh"), heads)).toBe("pay.errors.ownLineSignOff");
    expect(headsWhoMaySign(unit("r"), heads).map((h) => h.userId)).toEqual(["ch", "bh"]);
    expect(headsWhoMaySign(unit("c"), heads)).toEqual([]);
  });

  it("lets HR sign only a unit no head may sign, and never the preparer or reviewer", () => {
    const hr = (userId: string): Signer => ({ kind: "hr", userId, employeeId: null });
    expect(signOffRefusal(reviewed, unit("r"), hr("hr3"), heads)).toBe("pay.errors.headMustSign");
    expect(signOffRefusal(reviewed, unit("c"), hr("hr3"), heads)).toBeNull();
    expect(signOffRefusal(reviewed, unit("c"), hr("hr1"), heads)).toBe("pay.errors.samePerson");
    expect(signOffRefusal(reviewed, unit("c"), hr("hr2"), heads)).toBe("pay.errors.samePerson");
  });

  it("signs only a reviewed run whose chain has the step", () => {
    expect(signOffRefusal({ ...reviewed, status: "draft" }, unit("r"), head("bh"), heads)).toBe("pay.errors.wrongState");
    expect(signOffRefusal({ ...reviewed, status: "approved" }, unit("r"), head("bh"), heads)).toBe("pay.errors.wrongState");
    expect(signOffRefusal({ ...reviewed, headSignOff: false }, unit("r"), head("bh"), heads)).toBe("pay.errors.wrongState");
  });

  it("refuses approval until every sign-off is in, and to anyone who signed", () => {
    expect(transition({ ...reviewed, pendingSignOffs: 1 }, "approve", "hr3")).toEqual({ ok: false, error: "pay.errors.signOffsPending" });
    expect(transition({ ...reviewed, pendingSignOffs: 0, signerIds: ["bh"] }, "approve", "hr3")).toEqual({ ok: true, next: "approved" });
    expect(transition({ ...reviewed, pendingSignOffs: 0, signerIds: ["hr3"] }, "approve", "hr3")).toEqual({
      ok: false,
      error: "pay.errors.signerCannotApprove",
    });
    // A chain without the step ignores what would be pending.
    expect(transition({ ...reviewed, headSignOff: false, pendingSignOffs: 3 }, "approve", "hr3")).toEqual({ ok: true, next: "approved" });
  });
});
