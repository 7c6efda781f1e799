import { describe, expect, it } from "vitest";
import { performancePay } from "./coefficients";
import { dec, roundFen, yuan, yuanExact } from "./money";

describe("the rounding rule: once, half up, to the fen", () => {
  it("rounds halves away from zero and everything else to the nearest fen", () => {
    expect(roundFen(dec("0.5"))).toBe(1);
    expect(roundFen(dec("1.4999"))).toBe(1);
    expect(roundFen(dec("2.5"))).toBe(3);
    expect(roundFen(dec("-0.5"))).toBe(-1);
    expect(roundFen(dec("12962.25"))).toBe(12962);
  });

  it("is exact where binary floating point is not", () => {
    // 1.005 yuan = 100.5 fen: in floating point 1.005 * 100 = 100.49999999999999.
    expect(roundFen(dec("1.005").times(100))).toBe(101);
    expect(Math.round(1.005 * 100)).toBe(100);
  });

  it("rounds performance pay once from the exact product", () => {
    expect(performancePay(300000, "1.10")).toBe(330000); // ¥3,000.00 × 1.10 = ¥3,300.00
    expect(performancePay(12345, "1.05")).toBe(12962); // 12962.25 fen
    expect(performancePay(10, "1.05")).toBe(11); // 10.5 fen → 11
    expect(performancePay(1, "0.5")).toBe(1); // 0.5 fen → 1
  });

  it("formats fen as yuan", () => {
    expect(yuan(300000)).toBe("3,000.00");
    expect(yuan(5)).toBe("0.05");
    expect(yuan(-123456)).toBe("-1,234.56");
    expect(yuanExact(dec("246.9"))).toBe("2.469");
    expect(yuanExact(dec("1234567"))).toBe("12,345.67");
  });
});

describe("scaled integers (the pay run's hot path)", () => {
  it("keeps six decimals exactly and rounds once, half up", async () => {
    const { roundScaled, scaledRate, scaledToString } = await import("./money");
    expect(scaledRate("0.05")).toBe(50000n);
    expect(scaledRate("1.1")).toBe(1100000n);
    expect(() => scaledRate("1e-3")).toThrow();
    expect(scaledToString(246_900_000n)).toBe("246.9");
    expect(scaledToString(-500_000n)).toBe("-0.5");
    expect(scaledToString(60_000_000_000n)).toBe("60000");
    expect(roundScaled(500_000n)).toBe(1);
    expect(roundScaled(499_999n)).toBe(0);
    expect(roundScaled(-500_000n)).toBe(-1);
    expect(roundScaled(12_962_250_000n)).toBe(12962);
  });
});
