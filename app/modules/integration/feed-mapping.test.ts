import { describe, expect, it } from "vitest";
import { FeedMappingSchema, mapFeedRows } from "./feed-mapping";

const mapping = FeedMappingSchema.parse({ rowsPath: "data.items", employeeField: "staff.no", kpiField: "metric", valueField: "amountFen" });

describe("mapFeedRows", () => {
  it("reads rows at a nested path and fields at nested paths, accepting integer strings", () => {
    const doc = {
      data: {
        items: [
          { staff: { no: " E000004 " }, metric: "NEW_CONTRACT_REV", amountFen: 120 },
          { staff: { no: "E000005" }, metric: "X", amountFen: "300" },
        ],
      },
    };
    expect(mapFeedRows(doc, mapping)).toEqual([
      { employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 120 },
      { employeeNo: "E000005", kpiCode: "X", value: 300 },
    ]);
  });

  it("keeps a bad value as it is, for the import to refuse by row", () => {
    const rows = mapFeedRows({ data: { items: [{ staff: { no: "E1" }, metric: "K", amountFen: "12.5" }, { metric: "K" }] } }, mapping)!;
    expect(rows[0].value).toBe("12.5");
    expect(rows[1]).toEqual({ employeeNo: "", kpiCode: "K", value: undefined });
  });

  it("answers null when the path holds no array, and does not walk the prototype", () => {
    expect(mapFeedRows({ data: {} }, mapping)).toBeNull();
    expect(mapFeedRows([], FeedMappingSchema.parse({ employeeField: "a", kpiField: "b", valueField: "c" }))).toEqual([]);
    expect(mapFeedRows({}, { ...mapping, rowsPath: "constructor" })).toBeNull();
  });

  it("refuses a mapping with odd paths or unknown keys", () => {
    expect(FeedMappingSchema.safeParse({ employeeField: "a[0]", kpiField: "b", valueField: "c" }).success).toBe(false);
    expect(FeedMappingSchema.safeParse({ employeeField: "a", kpiField: "b", valueField: "c", eval: "x" }).success).toBe(false);
  });
});
