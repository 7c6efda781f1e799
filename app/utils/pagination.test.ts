import { describe, expect, it } from "vitest";
import { pageFromUrl, pageOf, paginate, pageWindow } from "./pagination";

describe("paginate", () => {
  it("gives skip/take and the page count", () => {
    expect(paginate({ page: 2, pageSize: 25, total: 60 })).toEqual({ page: 2, pageSize: 25, pageCount: 3, skip: 25, take: 25 });
  });
  it("has one page when there are no rows", () => {
    expect(paginate({ page: 1, pageSize: 20, total: 0 })).toMatchObject({ page: 1, pageCount: 1, skip: 0 });
  });
  it("clamps a page beyond the last and below the first", () => {
    expect(paginate({ page: 9, pageSize: 20, total: 41 })).toMatchObject({ page: 3, pageCount: 3, skip: 40 });
    expect(paginate({ page: 0, pageSize: 20, total: 41 })).toMatchObject({ page: 1, skip: 0 });
    expect(paginate({ page: undefined, pageSize: 20, total: 41 })).toMatchObject({ page: 1 });
  });
  it("refuses a bad page size", () => {
    expect(() => paginate({ page: 1, pageSize: 0, total: 1 })).toThrow(RangeError);
  });
  it("slices a list in memory", () => {
    const list = pageOf([1, 2, 3, 4, 5], 3, 2);
    expect(list).toMatchObject({ page: 3, pageCount: 3, total: 5, rows: [5] });
    expect(pageWindow(3, 10)).toEqual({ skip: 20, take: 10 });
  });
});

describe("?page=", () => {
  it("reads a page number, else 1", () => {
    expect(pageFromUrl("http://x/a?page=4")).toBe(4);
    expect(pageFromUrl("http://x/a")).toBe(1);
    expect(pageFromUrl("http://x/a?page=-2")).toBe(1);
    expect(pageFromUrl("http://x/a?page=abc")).toBe(1);
    expect(pageFromUrl("http://x/a?page=2.5")).toBe(1);
  });
});
