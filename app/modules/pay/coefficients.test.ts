import { describe, expect, it } from "vitest";
import { coefficientFor, CoefficientTableSchema, coefficientTableProblem } from "./coefficients";

const TABLE = [
  { min: 0, max: 6000, coefficient: "0.5" },
  { min: 6000, max: 8500, coefficient: "0.9" },
  { min: 8500, max: 9500, coefficient: "1.1" },
  { min: 9500, max: 12000, coefficient: "1.3" },
];

describe("coefficient lookup", () => {
  it("finds the band a score falls in, lower bound inclusive", () => {
    expect(coefficientFor(TABLE, 8750).coefficient).toBe("1.1");
    expect(coefficientFor(TABLE, 8500).coefficient).toBe("1.1");
    expect(coefficientFor(TABLE, 8499).coefficient).toBe("0.9");
    expect(coefficientFor(TABLE, 0).coefficient).toBe("0.5");
  });

  it("puts scores at or above the top into the last band", () => {
    expect(coefficientFor(TABLE, 12000).coefficient).toBe("1.3");
    expect(coefficientFor(TABLE, 15000).coefficient).toBe("1.3");
  });

  it("refuses fractional or negative scores", () => {
    expect(() => coefficientFor(TABLE, 87.5)).toThrow();
    expect(() => coefficientFor(TABLE, -1)).toThrow();
  });
});

describe("coefficient table validation", () => {
  it("accepts a contiguous table from 0", () => {
    expect(coefficientTableProblem(TABLE)).toBeNull();
    expect(CoefficientTableSchema.safeParse({ bands: TABLE }).success).toBe(true);
  });

  it("refuses gaps, overlaps, empty bands and a start above 0", () => {
    expect(coefficientTableProblem([TABLE[0], { ...TABLE[1], min: 6100 }])).toEqual({ index: 1, message: "pay.errors.bandsGap" });
    expect(coefficientTableProblem([TABLE[0], { ...TABLE[1], min: 5900 }])).toEqual({ index: 1, message: "pay.errors.bandsOverlap" });
    expect(coefficientTableProblem([{ ...TABLE[0], max: 0 }])).toEqual({ index: 0, message: "pay.errors.bandEmpty" });
    expect(coefficientTableProblem([{ ...TABLE[0], min: 100 }])).toEqual({ index: 0, message: "pay.errors.bandsStartAtZero" });
  });

  it("refuses bad coefficients and unknown fields", () => {
    expect(CoefficientTableSchema.safeParse({ bands: [{ min: 0, max: 100, coefficient: "1e3" }] }).success).toBe(false);
    expect(CoefficientTableSchema.safeParse({ bands: [{ min: 0, max: 100, coefficient: "11" }] }).success).toBe(false);
    expect(CoefficientTableSchema.safeParse({ bands: [{ min: 0, max: 100, coefficient: "1", amountFen: 5 }] }).success).toBe(false);
  });
});
