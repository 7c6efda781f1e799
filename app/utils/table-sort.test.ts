import { describe, expect, it } from "vitest";
import { nextSort, parseSort, sortFromUrl, sortRows } from "~/utils/table-sort";

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("table sort", () => {
  it("reads ?sort= against the allowed keys", () => {
    expect(parseSort("name", ["name"])).toEqual({ key: "name", direction: "ascending" });
    expect(parseSort("-name", ["name"])).toEqual({ key: "name", direction: "descending" });
    expect(parseSort("salary", ["name"])).toBeNull();
    expect(parseSort(null, ["name"])).toBeNull();
    expect(sortFromUrl("http://x/?sort=-no", ["no"])).toEqual({ key: "no", direction: "descending" });
  });
  it("toggles ascending then descending", () => {
    expect(nextSort(null, "a")).toBe("a");
    expect(nextSort({ key: "a", direction: "ascending" }, "a")).toBe("-a");
    expect(nextSort({ key: "a", direction: "descending" }, "a")).toBe("a");
    expect(nextSort({ key: "a", direction: "ascending" }, "b")).toBe("b");
  });
  it("sorts stably, empties last either way", () => {
    const rows = [
      { id: 1, v: 2 },
      { id: 2, v: null },
      { id: 3, v: 1 },
      { id: 4, v: 2 },
    ];
    expect(sortRows(rows, (r) => r.v, "ascending", cmp).map((r) => r.id)).toEqual([3, 1, 4, 2]);
    expect(sortRows(rows, (r) => r.v, "descending", cmp).map((r) => r.id)).toEqual([1, 4, 3, 2]);
    expect(sortRows([{ s: "b" }, { s: "a" }], (r) => r.s, "ascending", cmp).map((r) => r.s)).toEqual(["a", "b"]);
  });
});
