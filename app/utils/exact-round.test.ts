import { describe, expect, it } from "vitest";
import { divideRounded } from "./exact-round";

describe("divideRounded", () => {
  it("rounds the exact quotient once, half away from zero", () => {
    expect(divideRounded(883, 2)).toBe(442); // 441.5
    expect(divideRounded(-1321, 2)).toBe(-661); // −660.5
    expect(divideRounded(1321, -2)).toBe(-661);
    expect(divideRounded(7, 3)).toBe(2);
    expect(divideRounded(-7, 3)).toBe(-2);
    expect(divideRounded(0, 5)).toBe(0);
  });

  it("rounds to decimal places without binary error: 1.005 → 1.01, 2.675 → 2.68", () => {
    expect(divideRounded(1005, 1000, 2)).toBe(1.01);
    expect(divideRounded(2675, 1000, 2)).toBe(2.68);
    expect(divideRounded(-2675, 1000, 2)).toBe(-2.68);
    expect(divideRounded(145, 100, 1)).toBe(1.5);
    expect(divideRounded(10n ** 20n + 1n, 2n)).toBe(Number(5n * 10n ** 19n + 1n));
  });
});
