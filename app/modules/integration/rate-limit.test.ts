import { describe, expect, it } from "vitest";
import { RateLimiter } from "./rate-limit";

describe("RateLimiter", () => {
  it("allows the limit within a window, then says how long to wait", () => {
    const limiter = new RateLimiter(60_000);
    const t0 = 1_000_000;
    expect(limiter.hit("a", 2, t0)).toBe(0);
    expect(limiter.hit("a", 2, t0 + 10)).toBe(0);
    expect(limiter.hit("a", 2, t0 + 20_000)).toBe(40);
    expect(limiter.hit("b", 2, t0 + 20_000)).toBe(0);
    expect(limiter.hit("a", 2, t0 + 60_000)).toBe(0);
  });
});
