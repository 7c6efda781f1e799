import { describe, expect, it } from "vitest";
import { daysInclusive, employedDays, proratedPerformancePay, prorateFen, splitByDays, unitDays } from "./prorate";

const Q3 = { startsOn: "2026-07-01", endsOn: "2026-09-30" }; // 31 + 31 + 30 = 92 days

describe("days", () => {
  it("counts both ends", () => {
    expect(daysInclusive("2026-07-01", "2026-09-30")).toBe(92);
    expect(daysInclusive("2026-07-01T23:59:00Z", "2026-07-01T00:00:00Z")).toBe(1);
    expect(daysInclusive("2026-07-02", "2026-07-01")).toBe(0);
  });

  it("a joiner counts from the hire date, a leaver to the last day worked", () => {
    expect(employedDays(Q3, {})).toBe(92);
    expect(employedDays(Q3, { hiredOn: "2018-03-01" })).toBe(92);
    // Hired 16 August: 16 days of August + 30 of September.
    expect(employedDays(Q3, { hiredOn: "2026-08-16" })).toBe(46);
    // Left 10 July: 10 days.
    expect(employedDays(Q3, { leftOn: "2026-07-10" })).toBe(10);
    // Joined 1 September, left 15 September: 15 days.
    expect(employedDays(Q3, { hiredOn: "2026-09-01", leftOn: "2026-09-15" })).toBe(15);
    expect(employedDays(Q3, { hiredOn: "2026-10-01" })).toBe(0);
  });
});

describe("leavers", () => {
  // Q3 base pay: 3 months × ¥7,500.00 = 2,250,000 fen over 92 days.
  it("a leaver mid-quarter is paid to the last day worked, rounded once", () => {
    // Left 15 August: 31 days of July + 15 of August = 46 → exactly half, 1,125,000 fen.
    expect(employedDays(Q3, { hiredOn: "2019-04-01", leftOn: "2026-08-15" })).toBe(46);
    expect(prorateFen(2_250_000, 46, 92)).toBe(1_125_000);
    // Left 20 August: 51 days; 2,250,000 × 51 / 92 = 1,247,282.608… → 1,247,283.
    expect(employedDays(Q3, { leftOn: "2026-08-20" })).toBe(51);
    expect(prorateFen(2_250_000, 51, 92)).toBe(1_247_283);
  });

  it("a joiner who left in the same quarter gets both ends", () => {
    // Hired 10 July, left 9 September: 22 + 31 + 9 = 62 days; 2,250,000 × 62 / 92 = 1,516,304.347… → 1,516,304.
    expect(employedDays(Q3, { hiredOn: "2026-07-10", leftOn: "2026-09-09" })).toBe(62);
    expect(prorateFen(2_250_000, 62, 92)).toBe(1_516_304);
  });

  it("left before the period: no days; on its first day: one; on its last: the whole period", () => {
    expect(employedDays(Q3, { hiredOn: "2019-04-01", leftOn: "2026-06-30" })).toBe(0);
    expect(employedDays(Q3, { leftOn: "2026-07-01" })).toBe(1);
    // One day: 2,250,000 / 92 = 24,456.52… → 24,457.
    expect(prorateFen(2_250_000, 1, 92)).toBe(24_457);
    expect(employedDays(Q3, { leftOn: "2026-09-30" })).toBe(92);
    expect(prorateFen(2_250_000, 92, 92)).toBe(2_250_000);
  });
});

describe("prorateFen", () => {
  it("pays the whole amount for the whole period", () => {
    expect(prorateFen(2_100_000, 92, 92)).toBe(2_100_000);
  });

  it("rounds once, half up", () => {
    // ¥21,000.00 × 46 / 92 = ¥10,500.00 exactly.
    expect(prorateFen(2_100_000, 46, 92)).toBe(1_050_000);
    // ¥21,000.00 × 10 / 92 = 228,260.869… fen → 228,261.
    expect(prorateFen(2_100_000, 10, 92)).toBe(228_261);
    // 1,260,000 × 15 / 92 = 205,434.782… → 205,435.
    expect(prorateFen(1_260_000, 15, 92)).toBe(205_435);
    // 1 fen × 46 / 92 = 0.5 → 1 (half up); 3 × 1/6 = 0.5 → 1; 5 × 1/92 = 0.054 → 0.
    expect(prorateFen(1, 46, 92)).toBe(1);
    expect(prorateFen(3, 1, 6)).toBe(1);
    expect(prorateFen(5, 1, 92)).toBe(0);
    // Negative half goes away from zero: −1 × 1/2 = −0.5 → −1.
    expect(prorateFen(-1, 1, 2)).toBe(-1);
  });

  it("refuses impossible days", () => {
    expect(() => prorateFen(100, 93, 92)).toThrow();
    expect(() => prorateFen(100, -1, 92)).toThrow();
    expect(() => prorateFen(100, 1.5, 92)).toThrow();
    expect(() => prorateFen(100, 0, 0)).toThrow();
  });
});

describe("splitByDays (transfers and rotations)", () => {
  it("splits by largest remainder so the parts add up", () => {
    // 1,000,000 fen over 92 days, 31 in the room and 61 on rotation:
    // 336,956.52… and 663,043.47… → floors 336,956 + 663,043 = 999,999; the 1 fen left goes to the larger remainder (.52).
    expect(
      splitByDays(1_000_000, [
        { unitId: "room", days: 31 },
        { unitId: "host", days: 61 },
      ]),
    ).toEqual([
      { unitId: "room", fen: 336_957 },
      { unitId: "host", fen: 663_043 },
    ]);
    // 100 fen in three equal parts: 33 each, 1 left goes to the first.
    expect(
      splitByDays(100, [
        { unitId: "a", days: 10 },
        { unitId: "b", days: 10 },
        { unitId: "c", days: 10 },
      ]).map((p) => p.fen),
    ).toEqual([34, 33, 33]);
    expect(
      splitByDays(-100, [
        { unitId: "a", days: 1 },
        { unitId: "b", days: 2 },
      ]).map((p) => p.fen),
    ).toEqual([-33, -67]);
  });

  it("finds the days in each unit from rotations, clipped to the period and the employment", () => {
    expect(unitDays(Q3, "room", [])).toEqual([{ unitId: "room", days: 92 }]);
    // Rotation 15 June – 31 July: 31 days of July in the host, 61 at home.
    expect(unitDays(Q3, "room", [{ hostUnitId: "host", startsOn: "2026-06-15", endsOn: "2026-07-31" }])).toEqual([
      { unitId: "room", days: 61 },
      { unitId: "host", days: 31 },
    ]);
    // Joined 16 August, rotated 1–10 September: 46 days, 10 in the host.
    expect(unitDays(Q3, "room", [{ hostUnitId: "host", startsOn: "2026-09-01", endsOn: "2026-09-10" }], { hiredOn: "2026-08-16" })).toEqual(
      [
        { unitId: "room", days: 36 },
        { unitId: "host", days: 10 },
      ],
    );
  });
});

describe("proratedPerformancePay", () => {
  it("multiplies base, coefficient and days exactly and rounds once", () => {
    // ¥6,300.00 × 1.1 × 46 / 92 = 346,500 fen exactly.
    expect(proratedPerformancePay(630_000, "1.1", 46, 92)).toBe(346_500);
    // 630,000 × 1.1 × 10 / 92 = 75,326.086… → 75,326. Rounding the pro-rated base first
    // (68,478.26… → 68,478, × 1.1 = 75,325.8 → 75,326) happens to agree here but not in general:
    expect(proratedPerformancePay(630_000, "1.1", 10, 92)).toBe(75_326);
    // 1,001 × 0.5 × 1 / 2 = 250.25 → 250; twice rounded it would be round(500.5) = 501 × 0.5 = 250.5 → 251.
    expect(proratedPerformancePay(1_001, "0.5", 1, 2)).toBe(250);
  });
});
