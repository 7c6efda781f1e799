import { describe, expect, it } from "vitest";
import { quotaExceeded, quotasFor, type Quota } from "./quota";

const dept = "/p/c/ge/";
const fin = "/p/c/ge/fin/";
const gov = "/p/c/ge/gov/";
const quotas: Quota[] = [
  { unitId: "ge", unitPath: dept, posts: 3 },
  { unitId: "fin", unitPath: fin, posts: 1 },
];

describe("promotion quotas", () => {
  it("no quota applies: always room", () => {
    expect(quotaExceeded(quotas, [], "/p/c/qs/")).toBeNull();
  });

  it("counts approvals in the quota unit's subtree only", () => {
    const uses = quotasFor(quotas, [gov, "/p/c/qs/"], fin);
    expect(uses.map((u) => [u.unitId, u.used, u.remaining])).toEqual([
      ["ge", 1, 2],
      ["fin", 0, 1],
    ]);
  });

  it("refuses the approval that would exceed a room quota", () => {
    expect(quotaExceeded(quotas, [], fin)).toBeNull();
    expect(quotaExceeded(quotas, [fin], fin)).toMatchObject({ unitId: "fin", used: 1, posts: 1 });
    // Another room still has room under the department quota.
    expect(quotaExceeded(quotas, [fin], gov)).toBeNull();
  });

  it("nested quotas all hold: the department's runs out before the room's", () => {
    expect(quotaExceeded(quotas, [gov, gov, gov], fin)).toMatchObject({ unitId: "ge", used: 3 });
  });

  it("a zero quota refuses every approval", () => {
    expect(quotaExceeded([{ unitId: "x", unitPath: gov, posts: 0 }], [], gov)).toMatchObject({ unitId: "x" });
  });
});
