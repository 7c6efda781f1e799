import { describe, expect, it } from "vitest";
import { AdjustmentSchema, percentToBp, pointsToHundredths, yuanToFen } from "./forms";

describe("amounts as typed", () => {
  it("converts yuan to fen exactly", () => {
    expect(yuanToFen("1,234.56")).toBe(123456);
    expect(yuanToFen("0.1")).toBe(10);
    expect(yuanToFen("-50")).toBe(-5000);
    expect(yuanToFen("¥3000")).toBe(300000);
  });

  it("refuses fractional fen, exponents and junk", () => {
    for (const bad of ["1.234", "1e3", "NaN", "", "abc", "1e309", "--1"]) expect(yuanToFen(bad)).toBeNull();
  });

  it("converts points to hundredths", () => {
    expect(pointsToHundredths("87.5")).toBe(8750);
    expect(pointsToHundredths("95")).toBe(9500);
    expect(pointsToHundredths("-1")).toBeNull();
  });

  it("refuses an adjustment without a reason, of zero, or with unknown fields", () => {
    expect(AdjustmentSchema.safeParse({ intent: "adjust", employeeNo: "E1", amount: "10", reason: "restated revenue" }).success).toBe(true);
    expect(AdjustmentSchema.safeParse({ intent: "adjust", employeeNo: "E1", amount: "0", reason: "restated revenue" }).success).toBe(false);
    expect(AdjustmentSchema.safeParse({ intent: "adjust", employeeNo: "E1", amount: "10", reason: "" }).success).toBe(false);
    expect(
      AdjustmentSchema.safeParse({ intent: "adjust", employeeNo: "E1", amount: "10", reason: "restated revenue", amountFen: "1" }).success,
    ).toBe(false);
  });
});

describe("advance rate as typed", () => {
  it("turns a percentage into basis points exactly, and refuses what is not 0–100 with two decimals", () => {
    expect(percentToBp("80")).toBe(8000);
    expect(percentToBp("75.5")).toBe(7550);
    expect(percentToBp("0.01")).toBe(1);
    expect(percentToBp("100%")).toBe(10_000);
    expect(percentToBp("100.01")).toBeNull();
    expect(percentToBp("80.125")).toBeNull();
    expect(percentToBp("-5")).toBeNull();
    expect(percentToBp("")).toBeNull();
  });
});
