import { describe, expect, it } from "vitest";
import {
  fenToInput,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatDateTimeRange,
  formatDecimal,
  formatInteger,
  formatMoney,
  formatMonth,
  formatPercentBp,
  formatPoints,
  formatRatio,
  formatTime,
  formatYuan,
} from "./format";

describe("money", () => {
  it("shows integer fen as yuan with grouping and two decimals", () => {
    expect(formatMoney(123456)).toBe("¥1,234.56");
    expect(formatMoney(85_000_000)).toBe("¥850,000.00");
    expect(formatMoney(0)).toBe("¥0.00");
    expect(formatMoney(5)).toBe("¥0.05");
    expect(formatMoney(-50_000)).toBe("-¥500.00");
    expect(formatMoney(null)).toBe("—");
  });
  it("is the same in both languages", () => {
    expect(formatMoney(123456789, "en")).toBe(formatMoney(123456789, "zh-CN"));
    expect(formatYuan(300000)).toBe("3,000.00");
  });
  it("never goes through floating point", () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER)).toBe("¥90,071,992,547,409.91");
    expect(() => formatMoney(1.5)).toThrow(RangeError);
  });
  it("writes fen back as a form value", () => {
    expect(fenToInput(300000)).toBe("3000.00");
    expect(fenToInput(-1234567)).toBe("-12345.67");
  });
});

describe("points, percentages, numbers", () => {
  it("shows hundredths as points", () => {
    expect(formatPoints(8750)).toBe("87.50");
    expect(formatPoints(-5)).toBe("-0.05");
    expect(formatPoints(964810)).toBe("9,648.10");
    expect(formatPoints(120, { signed: true })).toBe("+1.20");
    expect(formatPoints(-120, { signed: true })).toBe("-1.20");
    expect(formatPoints(null)).toBe("—");
  });
  it("shows basis points and ratios as percentages", () => {
    expect(formatPercentBp(650)).toBe("6.50%");
    expect(formatRatio(0.4567)).toBe("46%");
    expect(formatRatio(0.4565, 1)).toBe("45.7%");
    expect(formatRatio(0.005)).toBe("1%");
    expect(formatRatio(null)).toBe("—");
  });
  it("groups integers and fixes decimals", () => {
    expect(formatInteger(1234567)).toBe("1,234,567");
    expect(formatDecimal(3.456)).toBe("3.46");
    expect(formatDecimal(Number.NaN)).toBe("—");
  });
});

describe("dates in the organisation's time zone", () => {
  it("shows a stored calendar day (UTC midnight) as that day", () => {
    expect(formatDate(new Date("2026-12-01T00:00:00Z"))).toBe("2026-12-01");
    expect(formatDate("2026-12-01T00:00:00.000Z")).toBe("2026-12-01");
    expect(formatMonth("2026-12-01T00:00:00.000Z")).toBe("2026-12");
  });
  it("uses Shanghai time, not the machine's nor UTC", () => {
    // 17:30 UTC on 31 Dec is 01:30 on 1 Jan in Shanghai.
    expect(formatDate("2026-12-31T17:30:00Z")).toBe("2027-01-01");
    expect(formatDateTime("2026-12-31T17:30:00Z")).toBe("2027-01-01 01:30");
    expect(formatTime("2026-06-01T04:05:00Z")).toBe("12:05");
    expect(formatDateTime("2026-06-01T16:00:00Z")).toBe("2026-06-02 00:00");
  });
  it("shows spans and empties", () => {
    expect(formatDateTimeRange("2026-06-01T01:00:00Z", "2026-06-01T09:00:00Z")).toBe("2026-06-01 09:00 – 17:00");
    expect(formatDateTimeRange("2026-06-01T01:00:00Z", "2026-06-02T09:00:00Z")).toBe("2026-06-01 09:00 – 2026-06-02 17:00");
    expect(formatDateRange("2027-03-01T00:00:00Z", "2027-05-31T00:00:00Z")).toBe("2027-03-01 – 2027-05-31");
    expect(formatDate(null)).toBe("—");
    expect(formatDate("not a date")).toBe("—");
  });
});
