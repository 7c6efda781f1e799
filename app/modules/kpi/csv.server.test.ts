import { describe, expect, it } from "vitest";
import { parseActualsCsv } from "./csv.server";
import { formatValue, parseValue, toInput } from "./units";

const units = new Map([
  ["NEW_CONTRACT_REV", "fen"],
  ["ARREARS_RATE", "bp"],
  ["SUB_NEW_5G", "count"],
]);

describe("typed values", () => {
  it("convert yuan, percent and counts exactly to stored integers", () => {
    expect(parseValue("fen", "1,234.5")).toBe(123_450);
    expect(parseValue("fen", "¥0.07")).toBe(7);
    expect(parseValue("bp", "4.25%")).toBe(425);
    expect(parseValue("count", "12")).toBe(12);
    expect(parseValue("count", "12.5")).toBeNull();
    expect(parseValue("fen", "1.234")).toBeNull();
    expect(parseValue("fen", "abc")).toBeNull();
    expect(parseValue("fen", "1e309")).toBeNull();
    expect(parseValue("rating", "6")).toBeNull();
    expect(parseValue("fen", "-3.10")).toBe(-310);
    expect(toInput("fen", 123_450)).toBe("1234.50");
    expect(toInput("fen", -310)).toBe("-3.10");
    expect(formatValue("bp", 425, "en")).toBe("4.25%");
  });
});

describe("actuals CSV", () => {
  it("reads rows, converting each value with its KPI's unit", () => {
    const { rows, errors } = parseActualsCsv(
      "employeeNo,kpiCode,value\nE000004,NEW_CONTRACT_REV,850000\nE000004,ARREARS_RATE,4.5\n",
      units,
    );
    expect(errors).toEqual([]);
    expect(rows).toEqual([
      { employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 85_000_000 },
      { employeeNo: "E000004", kpiCode: "ARREARS_RATE", value: 450 },
    ]);
  });

  it("keeps a bad value as NaN for the import to report with its row", () => {
    const { rows } = parseActualsCsv("employeeNo,kpiCode,value\nE000004,SUB_NEW_5G,twelve\n", units);
    expect(rows[0].value).toBeNaN();
  });

  it("refuses missing or unknown columns and short rows", () => {
    expect(parseActualsCsv("employeeNo,value\n", units).errors[0].row).toBe(1);
    expect(parseActualsCsv("employeeNo,kpiCode,value,amountFen\n", units).errors).toHaveLength(1);
    expect(parseActualsCsv("employeeNo,kpiCode,value\nE000004,SUB_NEW_5G\n", units).errors[0].row).toBe(2);
  });
});
