import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv";

describe("csv", () => {
  it("quotes separators and quotes, and defuses formulas", () => {
    expect(csvCell('a,"b"')).toBe('"a,""b"""');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
  });

  it("starts with a byte-order mark and ends lines with CRLF", () => {
    expect(toCsv(["课程", "n"], [["招投标实战", 5]])).toBe("\uFEFF课程,n\r\n招投标实战,5\r\n");
  });
});
