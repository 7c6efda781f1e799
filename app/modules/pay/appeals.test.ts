import { describe, expect, it } from "vitest";
import { appealDeadline, appealRefusal, DecideAppealSchema, decisionRefusal, DEFAULT_APPEAL_WINDOW_DAYS, withoutHeld } from "./appeals";

const computedAt = new Date("2026-10-12T02:00:00Z");

describe("appeal window", () => {
  it("closes the given number of whole days after the run is computed", () => {
    expect(appealDeadline(computedAt, 7).toISOString()).toBe("2026-10-19T02:00:00.000Z");
    expect(DEFAULT_APPEAL_WINDOW_DAYS).toBe(7);
  });

  it("is open until the deadline, for a run not locked, once per person", () => {
    const run = { status: "draft", computedAt };
    expect(appealRefusal(run, 7, null, new Date("2026-10-19T02:00:00Z"))).toBeNull();
    expect(appealRefusal(run, 7, null, new Date("2026-10-19T02:00:01Z"))).toBe("pay.appeals.errors.pastDeadline");
    expect(appealRefusal({ ...run, status: "approved" }, 7, null, computedAt)).toBeNull();
    expect(appealRefusal({ ...run, status: "locked" }, 7, null, computedAt)).toBe("pay.appeals.errors.locked");
    expect(appealRefusal(run, 7, { status: "dismissed" }, computedAt)).toBe("pay.appeals.errors.already");
  });
});

describe("who decides", () => {
  const appeal = { employeeId: "e1", status: "open" };
  it("never the appellant", () => {
    expect(decisionRefusal(appeal, "draft", { employeeId: "e1" }, "dismissed")).toBe("pay.appeals.errors.ownAppeal");
    expect(decisionRefusal(appeal, "draft", { employeeId: "e2" }, "dismissed")).toBeNull();
    expect(decisionRefusal(appeal, "draft", { employeeId: null }, "upheld")).toBeNull();
  });

  it("once; an upheld appeal changes a draft or a locked run, not one being signed off", () => {
    expect(decisionRefusal({ ...appeal, status: "upheld" }, "locked", { employeeId: "e2" }, "dismissed")).toBe(
      "pay.appeals.errors.decided",
    );
    expect(decisionRefusal(appeal, "locked", { employeeId: "e2" }, "upheld")).toBeNull();
    expect(decisionRefusal(appeal, "reviewed", { employeeId: "e2" }, "upheld")).toBe("pay.appeals.errors.upholdWhileSigning");
    expect(decisionRefusal(appeal, "approved", { employeeId: "e2" }, "dismissed")).toBeNull();
  });

  it("an upheld decision needs the corrected rating and a reason", () => {
    const base = { intent: "decideAppeal", appealId: "a1", reason: "复核后确认客户数据有误" };
    expect(DecideAppealSchema.safeParse({ ...base, outcome: "upheld" }).success).toBe(false);
    expect(DecideAppealSchema.safeParse({ ...base, outcome: "upheld", rating: "A" }).success).toBe(true);
    expect(DecideAppealSchema.safeParse({ ...base, outcome: "dismissed", reason: "" }).success).toBe(false);
    expect(DecideAppealSchema.safeParse({ ...base, outcome: "dismissed", amountFen: "1" }).success).toBe(false);
  });
});

it("a held line is left out", () => {
  const lines = [{ employeeId: "a" }, { employeeId: "b" }];
  expect(withoutHeld(lines, new Set(["b"]))).toEqual([{ employeeId: "a" }]);
  expect(withoutHeld(lines, new Set())).toBe(lines);
});
