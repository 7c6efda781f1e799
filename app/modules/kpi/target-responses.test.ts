import { describe, expect, it } from "vitest";
import { countByUnit, mayRespond, targetState, TargetResponseSchema } from "./target-responses";
import { targetsHash } from "./target-responses.server";

const line = { kpiId: "k1", weight: 60, threshold: 10, target: 20, stretch: 30, cap: 150 };

describe("target responses", () => {
  it("fingerprints the targets: any change of weight or curve gives another hash", () => {
    const h = targetsHash([line]);
    expect(targetsHash([{ ...line }])).toBe(h);
    expect(targetsHash([{ ...line, target: 21 }])).not.toBe(h);
    expect(targetsHash([{ ...line, weight: 50 }])).not.toBe(h);
    expect(targetsHash([line, { ...line, kpiId: "k2" }])).not.toBe(h);
  });

  it("an answer given to other targets counts as none", () => {
    const h = targetsHash([line]);
    expect(targetState(null, h)).toBe("pending");
    expect(targetState({ kind: "confirmed", targetsHash: h, answeredAt: null }, h)).toBe("confirmed");
    expect(targetState({ kind: "confirmed", targetsHash: "other", answeredAt: null }, h)).toBe("pending");
    expect(targetState({ kind: "objected", targetsHash: h, answeredAt: null }, h)).toBe("objected");
    expect(targetState({ kind: "objected", targetsHash: h, answeredAt: new Date() }, h)).toBe("answered");
  });

  it("confirms once per set of targets; after an answered objection the employee may confirm", () => {
    expect(mayRespond("pending", "confirm")).toBe(true);
    expect(mayRespond("pending", "object")).toBe(true);
    expect(mayRespond("confirmed", "confirm")).toBe(false);
    expect(mayRespond("confirmed", "object")).toBe(false);
    expect(mayRespond("objected", "confirm")).toBe(false);
    expect(mayRespond("answered", "confirm")).toBe(true);
    expect(mayRespond("answered", "object")).toBe(false);
  });

  it("counts per unit", () => {
    const counts = countByUnit([
      { unitId: "a", state: "confirmed" },
      { unitId: "a", state: "pending" },
      { unitId: "a", state: "answered" },
      { unitId: "b", state: "objected" },
    ]);
    expect(counts.get("a")).toEqual({ confirmed: 1, objected: 1, pending: 1 });
    expect(counts.get("b")).toEqual({ confirmed: 0, objected: 1, pending: 0 });
  });

  it("an objection needs a reason; unknown fields are refused", () => {
    expect(TargetResponseSchema.safeParse({ intent: "objectTargets", reason: " " }).success).toBe(false);
    expect(TargetResponseSchema.safeParse({ intent: "confirmTargets", employeeId: "x" }).success).toBe(false);
    expect(TargetResponseSchema.safeParse({ intent: "objectTargets", reason: "Target too high for a new area" }).success).toBe(true);
  });
});
