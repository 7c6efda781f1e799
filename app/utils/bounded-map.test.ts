import { describe, expect, it } from "vitest";
import { BoundedMap } from "./bounded-map";

describe("BoundedMap", () => {
  it("forgets the oldest entry past its limit, and keeps all when a key is only replaced", () => {
    const m = new BoundedMap<string, number>(2);
    m.set("a", 1).set("b", 2);
    m.set("b", 3);
    expect([...m]).toEqual([
      ["a", 1],
      ["b", 3],
    ]);
    m.set("c", 4);
    expect([...m]).toEqual([
      ["b", 3],
      ["c", 4],
    ]);
  });
});
