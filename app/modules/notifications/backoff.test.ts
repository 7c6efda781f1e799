import { describe, expect, it } from "vitest";
import { BASE_DELAY_MS, MAX_DELAY_MS, retryDelayMs } from "./backoff";

describe("retryDelayMs", () => {
  it("doubles per attempt, between half and the whole of the step", () => {
    expect(retryDelayMs(1, () => 0)).toBe(BASE_DELAY_MS / 2);
    expect(retryDelayMs(1, () => 1)).toBe(BASE_DELAY_MS);
    expect(retryDelayMs(3, () => 0)).toBe(2 * BASE_DELAY_MS);
    expect(retryDelayMs(3, () => 1)).toBe(4 * BASE_DELAY_MS);
  });

  it("never exceeds the cap", () => {
    expect(retryDelayMs(40, () => 1)).toBe(MAX_DELAY_MS);
    expect(retryDelayMs(40, () => 0)).toBe(MAX_DELAY_MS / 2);
  });

  it("spreads messages that failed together", () => {
    const delays = new Set(Array.from({ length: 20 }, () => retryDelayMs(4)));
    expect(delays.size).toBeGreaterThan(10);
  });
});
