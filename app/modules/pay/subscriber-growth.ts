import { divideRounded } from "~/utils/exact-round";
import { z } from "~/utils/validation";
import { dec, DECIMAL_PATTERN, int, roundScaled, SCALE, scaledRate, scaledToString } from "./money";

/**
 * Subscriber-growth bonus (用户发展奖励) for account managers:
 *   reward   = quantity + inNetwork + profit
 *   quantity = new subscribers still in network after 3 months × unit reward
 *   inNetwork = revenue of subscribers in network > 6 months × k1
 *   profit   = max(0, revenue of subscribers > 2 years − handset subsidy − arrears*) × k2,  k2 > k1
 * Arrears tolerance: at an arrears rate ≤ the threshold there is no fine; instead the profit
 * bonus subtracts (*) what the scheme chooses (`arrearsDeduction`): the arrears amount
 * ("arrears", the choice of schemes saved before it existed) or, as the department's proposal
 * has it, the handset cost of the subscribers in arrears ("handsetCost", its own KPI input).
 * Above the threshold the policy applies:
 *   "fine":     the same deduction inside the profit bonus, and a fine of
 *               arrears × fine rate is taken off the reward (never below 0);
 *   "withhold": the whole reward is withheld (0) for the period.
 * KPI actuals are integers in the KPI's unit: money in fen, the arrears rate in basis points
 * (500 = 5.00 %), subscribers as a count.
 * The reward is one payable line: computed exactly, rounded once, half up, to the fen.
 */
const kpiCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, "errors.code");
const rate = z.string().trim().regex(DECIMAL_PATTERN, "pay.errors.decimal");

export const SubscriberGrowthParamsSchema = z
  .object({
    positionCodes: z.array(kpiCode).min(1).max(50),
    newSubscribersKpi: kpiCode,
    unitRewardFen: z.number().int().min(0).max(100_000_000),
    revenue6mKpi: kpiCode,
    k1: rate,
    revenue2yKpi: kpiCode,
    subsidyKpi: kpiCode,
    k2: rate,
    arrearsKpi: kpiCode,
    /** The arrears rate as its own KPI (basis points); not read when the rate is derived from the amounts. */
    arrearsRateKpi: kpiCode.optional(),
    /** Where the arrears rate comes from: its KPI (absent on schemes saved before the choice) or the amounts, arrears ÷ billed. */
    arrearsRateFrom: z.enum(["kpi", "amounts"]).optional(),
    /** The amount billed to the subscribers (fen), the denominator of a derived arrears rate. */
    billedKpi: kpiCode.optional(),
    /** Basis points, e.g. 500 for 5.00 %. */
    arrearsThresholdBp: z.number().int().min(0).max(10_000),
    arrearsPolicy: z.enum(["fine", "withhold"]),
    /** What the profit bonus subtracts; absent on schemes saved before the choice existed ("arrears"). */
    arrearsDeduction: z.enum(["arrears", "handsetCost"]).optional(),
    /** The handset cost of the subscribers in arrears (fen), read when `arrearsDeduction` is "handsetCost". */
    arrearsHandsetKpi: kpiCode.optional(),
    /** Fraction of the arrears taken off the reward above the threshold ("fine" policy). */
    fineRate: rate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!dec(v.k2).gt(dec(v.k1))) ctx.addIssue({ code: "custom", path: ["k2"], message: "pay.errors.k2AboveK1" });
    if (dec(v.k1).gt(1) || dec(v.k2).gt(1)) ctx.addIssue({ code: "custom", path: ["k2"], message: "pay.errors.rateAboveOne" });
    if (dec(v.fineRate).gt(1)) ctx.addIssue({ code: "custom", path: ["fineRate"], message: "pay.errors.rateAboveOne" });
    if (v.arrearsDeduction === "handsetCost" && !v.arrearsHandsetKpi)
      ctx.addIssue({ code: "custom", path: ["arrearsHandsetKpi"], message: "pay.errors.kpiCode" });
    if (v.arrearsRateFrom === "amounts" ? !v.billedKpi : !v.arrearsRateKpi)
      ctx.addIssue({
        code: "custom",
        path: [v.arrearsRateFrom === "amounts" ? "billedKpi" : "arrearsRateKpi"],
        message: "pay.errors.kpiCode",
      });
  });

export type SubscriberGrowthParams = z.infer<typeof SubscriberGrowthParamsSchema>;

const deductsHandsetCost = (p: SubscriberGrowthParams) => p.arrearsDeduction === "handsetCost" && Boolean(p.arrearsHandsetKpi);

const derivesRate = (p: SubscriberGrowthParams) => p.arrearsRateFrom === "amounts";

export function subscriberGrowthKpis(p: SubscriberGrowthParams) {
  const codes = [
    p.newSubscribersKpi,
    p.revenue6mKpi,
    p.revenue2yKpi,
    p.subsidyKpi,
    p.arrearsKpi,
    derivesRate(p) ? p.billedKpi! : p.arrearsRateKpi!,
  ];
  return deductsHandsetCost(p) ? [...codes, p.arrearsHandsetKpi!] : codes;
}

/**
 * The arrears rate in basis points derived from the amounts: arrears ÷ billed, exact and rounded
 * once, half away from zero. Arrears with nothing billed count as 100 %.
 */
export function derivedArrearsRateBp(arrearsFen: number, billedFen: number) {
  if (arrearsFen <= 0) return 0;
  return billedFen <= 0 ? 10_000 : divideRounded(arrearsFen * 10_000, billedFen);
}

/** Exact component values are decimal strings of fen; `rewardFen` is the one rounded payable amount. */
export type SubscriberGrowthResult =
  | { ok: false; missing: string[] }
  | {
      ok: true;
      quantity: string;
      inNetwork: string;
      profit: string;
      profitBase: string;
      arrearsFen: number;
      /** What the profit bonus subtracted: the arrears or the handset cost of the subscribers in arrears. */
      deductedFen: number;
      arrearsRateBp: number;
      overThreshold: boolean;
      fine: string;
      withheld: boolean;
      /** Exact reward in fen before the one rounding. */
      exact: string;
      rewardFen: number;
    };

function parts(p: SubscriberGrowthParams, actuals: Record<string, number>) {
  // Everything at scale 10^6 (see money.ts): exact, then rounded once.
  const subscribers = int(actuals[p.newSubscribersKpi]);
  const quantity = subscribers < 0n ? 0n : subscribers * int(p.unitRewardFen) * SCALE;
  const inNetwork = maxZero(int(actuals[p.revenue6mKpi]) * scaledRate(p.k1));
  const arrears = maxZero(int(actuals[p.arrearsKpi]));
  const arrearsRateBp = derivesRate(p) ? derivedArrearsRateBp(actuals[p.arrearsKpi], actuals[p.billedKpi!]) : actuals[p.arrearsRateKpi!];
  const overThreshold = arrearsRateBp > p.arrearsThresholdBp;
  const deduction = deductsHandsetCost(p) ? maxZero(int(actuals[p.arrearsHandsetKpi!])) : arrears;
  const profitBase = int(actuals[p.revenue2yKpi]) - int(actuals[p.subsidyKpi]) - deduction;
  const profit = maxZero(profitBase * scaledRate(p.k2));
  const withheld = overThreshold && p.arrearsPolicy === "withhold";
  const fine = overThreshold && p.arrearsPolicy === "fine" ? arrears * scaledRate(p.fineRate) : 0n;
  const exact = withheld ? 0n : maxZero(quantity + inNetwork + profit - fine);
  return { quantity, inNetwork, arrears, deduction, arrearsRateBp, overThreshold, profitBase, profit, withheld, fine, exact };
}

function missingInputs(p: SubscriberGrowthParams, actuals: Record<string, number>) {
  return subscriberGrowthKpis(p).filter((code) => actuals[code] === undefined || actuals[code] === null || !Number.isFinite(actuals[code]));
}

/** The payable reward only (the pay run's hot path), or the missing KPI codes. */
export function subscriberGrowthReward(
  p: SubscriberGrowthParams,
  actuals: Record<string, number>,
): { ok: true; rewardFen: number } | { ok: false; missing: string[] } {
  const missing = missingInputs(p, actuals);
  if (missing.length) return { ok: false, missing };
  return { ok: true, rewardFen: roundScaled(parts(p, actuals).exact) };
}

/** The reward for one employee from their actuals by KPI code, with every component; a missing actual is reported, never zero. */
export function subscriberGrowthBonus(p: SubscriberGrowthParams, actuals: Record<string, number>): SubscriberGrowthResult {
  const missing = missingInputs(p, actuals);
  if (missing.length) return { ok: false, missing };
  const r = parts(p, actuals);
  return {
    ok: true,
    quantity: scaledToString(r.quantity),
    inNetwork: scaledToString(r.inNetwork),
    profit: scaledToString(r.profit),
    profitBase: r.profitBase.toString(),
    arrearsFen: Number(r.arrears),
    deductedFen: Number(r.deduction),
    arrearsRateBp: r.arrearsRateBp,
    overThreshold: r.overThreshold,
    fine: scaledToString(r.fine),
    withheld: r.withheld,
    exact: scaledToString(r.exact),
    rewardFen: roundScaled(r.exact),
  };
}

function maxZero(v: bigint) {
  return v < 0n ? 0n : v;
}
