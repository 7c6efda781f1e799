import { describe, expect, it } from "vitest";
import {
  derivedArrearsRateBp,
  subscriberGrowthBonus,
  SubscriberGrowthParamsSchema,
  type SubscriberGrowthParams,
} from "./subscriber-growth";

const PARAMS: SubscriberGrowthParams = {
  positionCodes: ["AM"],
  newSubscribersKpi: "NEW_SUBS",
  unitRewardFen: 5000, // ¥50 per subscriber
  revenue6mKpi: "REV_6M",
  k1: "0.02",
  revenue2yKpi: "REV_2Y",
  subsidyKpi: "SUBSIDY",
  k2: "0.05",
  arrearsKpi: "ARREARS",
  arrearsRateKpi: "ARREARS_RATE",
  arrearsThresholdBp: 500, // 5.00 %
  arrearsPolicy: "fine",
  fineRate: "0.1",
};
// Money KPIs are in fen, the arrears rate in basis points (200 = 2.00 %).
const ACTUALS = { NEW_SUBS: 12, REV_6M: 8_000_000, REV_2Y: 15_000_000, SUBSIDY: 2_000_000, ARREARS: 300_000, ARREARS_RATE: 200 };

describe("subscriber-growth bonus", () => {
  it("worked example within the arrears tolerance: the arrears come off inside the profit bonus", () => {
    // quantity  = 12 × ¥50                            = ¥600.00
    // inNetwork = ¥80,000 × 0.02                      = ¥1,600.00
    // profit    = (¥150,000 − ¥20,000 − ¥3,000) × 0.05 = ¥6,350.00
    // reward    = ¥8,550.00, no fine (2 % ≤ 5 %)
    const r = subscriberGrowthBonus(PARAMS, ACTUALS);
    if (!r.ok) throw new Error("expected a result");
    expect(r.quantity).toBe("60000");
    expect(r.inNetwork).toBe("160000");
    expect(r.profit).toBe("635000");
    expect(r.overThreshold).toBe(false);
    expect(r.fine).toBe("0");
    expect(r.rewardFen).toBe(855000);
  });

  it("a scheme can subtract the handset cost of the subscribers in arrears instead of the arrears", () => {
    const handset = { ...PARAMS, arrearsDeduction: "handsetCost" as const, arrearsHandsetKpi: "ARREARS_HANDSET" };
    // profit = (¥150,000 − ¥20,000 − handset cost ¥1,200) × 0.05 = ¥6,440.00; reward = ¥600 + ¥1,600 + ¥6,440 = ¥8,640.00
    const r = subscriberGrowthBonus(handset, { ...ACTUALS, ARREARS_HANDSET: 120_000 });
    if (!r.ok) throw new Error("expected a result");
    expect(r.profit).toBe("644000");
    expect(r.deductedFen).toBe(120_000);
    expect(r.rewardFen).toBe(864_000);
    // Above the tolerance (6 % > 5 %) the fine is still on the arrears: ¥3,000 × 0.1 = ¥300 → ¥8,340.00.
    const fined = subscriberGrowthBonus(handset, { ...ACTUALS, ARREARS_HANDSET: 120_000, ARREARS_RATE: 600 });
    expect(fined.ok && fined.rewardFen).toBe(834_000);
    // The input is required, never a silent zero.
    expect(subscriberGrowthBonus(handset, ACTUALS)).toEqual({ ok: false, missing: ["ARREARS_HANDSET"] });
    expect(SubscriberGrowthParamsSchema.safeParse({ ...PARAMS, arrearsDeduction: "handsetCost" }).success).toBe(false);
  });

  it("can derive the arrears rate from the amounts: arrears ÷ billed", () => {
    const derived = { ...PARAMS, arrearsRateKpi: undefined, arrearsRateFrom: "amounts" as const, billedKpi: "BILLED" };
    // ¥3,000 arrears of ¥50,000 billed = 6.00 % > 5 %: fined ¥3,000 × 0.1 = ¥300 → ¥8,550 − ¥300 = ¥8,250.00.
    const over = subscriberGrowthBonus(derived, { ...ACTUALS, ARREARS_RATE: 0, BILLED: 5_000_000 });
    expect(over.ok && [over.arrearsRateBp, over.overThreshold, over.rewardFen]).toEqual([600, true, 825_000]);
    // ¥3,000 of ¥60,000 = 5.00 %, at the threshold: no fine, ¥8,550.00 (the rate KPI, if any, is not read).
    const at = subscriberGrowthBonus(derived, { ...ACTUALS, ARREARS_RATE: 9_999, BILLED: 6_000_000 });
    expect(at.ok && [at.arrearsRateBp, at.rewardFen]).toEqual([500, 855_000]);
    // Rounded once, half away from zero: ¥3,000 of ¥6,001,200 = 4.999 bp → 5; 1 fen of 20,000 = 0.5 bp → 1; 3 of 20,000 = 1.5 → 2.
    expect(derivedArrearsRateBp(300_000, 600_120_000)).toBe(5);
    expect(derivedArrearsRateBp(1, 20_000)).toBe(1);
    expect(derivedArrearsRateBp(3, 20_000)).toBe(2);
    expect(derivedArrearsRateBp(0, 0)).toBe(0);
    expect(derivedArrearsRateBp(5, 0)).toBe(10_000);
    expect(subscriberGrowthBonus(derived, ACTUALS)).toEqual({ ok: false, missing: ["BILLED"] });
    expect(SubscriberGrowthParamsSchema.safeParse({ ...derived, billedKpi: undefined }).success).toBe(false);
  });

  it("at exactly the threshold there is still no fine", () => {
    const r = subscriberGrowthBonus(PARAMS, { ...ACTUALS, ARREARS_RATE: 500 });
    expect(r.ok && r.rewardFen).toBe(855000);
  });

  it("above the threshold with the fine policy: a fine of arrears × fine rate is taken off", () => {
    // fine = ¥3,000 × 0.1 = ¥300 → ¥8,550 − ¥300 = ¥8,250.00
    const r = subscriberGrowthBonus(PARAMS, { ...ACTUALS, ARREARS_RATE: 600 });
    expect(r.ok && r.overThreshold).toBe(true);
    expect(r.ok && r.rewardFen).toBe(825000);
  });

  it("above the threshold with the withhold policy: no reward for the period", () => {
    const r = subscriberGrowthBonus({ ...PARAMS, arrearsPolicy: "withhold" }, { ...ACTUALS, ARREARS_RATE: 600 });
    expect(r.ok && r.withheld).toBe(true);
    expect(r.ok && r.rewardFen).toBe(0);
  });

  it("a loss-making old portfolio earns no profit bonus but keeps the others", () => {
    // profit base = ¥10,000 − ¥20,000 − ¥3,000 < 0 → profit 0; reward = ¥600 + ¥1,600
    const r = subscriberGrowthBonus(PARAMS, { ...ACTUALS, REV_2Y: 1_000_000 });
    expect(r.ok && r.profit).toBe("0");
    expect(r.ok && r.rewardFen).toBe(220000);
  });

  it("rounds the reward once, half up", () => {
    // 25 fen × 0.02 = 0.5 fen → 1 fen; 12,345 fen × 0.02 = 246.9 fen → 247 fen; 12,325 × 0.02 = 246.5 → 247
    const zero = { NEW_SUBS: 0, REV_2Y: 0, SUBSIDY: 0, ARREARS: 0, ARREARS_RATE: 0 };
    expect(subscriberGrowthBonus(PARAMS, { ...zero, REV_6M: 25 })).toMatchObject({ rewardFen: 1 });
    expect(subscriberGrowthBonus(PARAMS, { ...zero, REV_6M: 12345 })).toMatchObject({ rewardFen: 247 });
    expect(subscriberGrowthBonus(PARAMS, { ...zero, REV_6M: 12325 })).toMatchObject({ rewardFen: 247 });
    expect(subscriberGrowthBonus(PARAMS, { ...zero, REV_6M: 12320 })).toMatchObject({ rewardFen: 246 });
  });

  it("reports missing actuals instead of treating them as zero", () => {
    const { REV_6M: _omitted, ...rest } = ACTUALS;
    expect(subscriberGrowthBonus(PARAMS, rest)).toEqual({ ok: false, missing: ["REV_6M"] });
  });

  it("validates k2 > k1 and refuses unknown fields", () => {
    expect(SubscriberGrowthParamsSchema.safeParse(PARAMS).success).toBe(true);
    const equal = SubscriberGrowthParamsSchema.safeParse({ ...PARAMS, k2: "0.02" });
    expect(equal.success).toBe(false);
    expect(equal.error?.issues[0].message).toBe("pay.errors.k2AboveK1");
    expect(SubscriberGrowthParamsSchema.safeParse({ ...PARAMS, eval: "1" }).success).toBe(false);
  });
});
