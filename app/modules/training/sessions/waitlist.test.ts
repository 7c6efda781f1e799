import { describe, expect, it } from "vitest";
import { placement, promotions } from "./waitlist";

describe("waiting list", () => {
  it("gives a place while there is one, then the waiting list", () => {
    expect(placement(2, 1)).toBe("enrolled");
    expect(placement(2, 2)).toBe("waitlisted");
  });

  it("promotes the earliest on the list into the freed places only", () => {
    const at = (m: number) => new Date(Date.UTC(2026, 0, 1, 0, m));
    const list = [
      { id: "c", queuedAt: at(3) },
      { id: "a", queuedAt: at(1) },
      { id: "b", queuedAt: at(2) },
    ];
    expect(promotions(10, 9, list)).toEqual(["a"]);
    expect(promotions(10, 8, list)).toEqual(["a", "b"]);
    expect(promotions(10, 10, list)).toEqual([]);
    expect(promotions(10, 12, list)).toEqual([]);
  });
});
