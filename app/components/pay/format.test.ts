import { describe, expect, it } from "vitest";
import { points } from "./format";

describe("contribution points as shown", () => {
  it("reads in points with separators: 87.71 × 110 = 9,648.10; a run's 64,440,195 hundredths = 644,401.95", () => {
    expect(points(8771 * 110)).toBe("9,648.10");
    expect(points(64_440_195)).toBe("644,401.95");
    expect(points(5)).toBe("0.05");
    expect(points(0)).toBe("0.00");
    expect(points(1_234_567_800)).toBe("12,345,678.00");
  });
});
