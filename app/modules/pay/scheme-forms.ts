import { z } from "~/utils/validation";
import { yuanField } from "./forms";
import { DECIMAL_PATTERN } from "./money";

/** The scheme editors' fields as people type them (yuan, percent); `toParams` turns them into the stored parameters. */
const code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Z][A-Z0-9_-]*$/, "pay.errors.schemeCode");
const kpi = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Z][A-Z0-9_]*$/, "pay.errors.kpiCode");
const rate = z.string().trim().regex(DECIMAL_PATTERN, "pay.errors.decimal");
const checkbox = z
  .union([z.literal("on"), z.literal("true")])
  .optional()
  .transform((v) => v !== undefined);
const common = {
  intent: z.literal("save"),
  code,
  nameZh: z.string().trim().min(1).max(100),
  nameEn: z.string().trim().min(1).max(100),
  active: checkbox,
};

export const GrowthFormSchema = z
  .object({
    ...common,
    positionCodes: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .transform((v) => [...new Set(v.split(/[,，\s]+/).filter(Boolean))]),
    newSubscribersKpi: kpi,
    unitReward: yuanField(),
    revenue6mKpi: kpi,
    k1: rate,
    revenue2yKpi: kpi,
    subsidyKpi: kpi,
    k2: rate,
    arrearsKpi: kpi,
    arrearsRateFrom: z.enum(["kpi", "amounts"]),
    arrearsRateKpi: kpi.optional(),
    billedKpi: kpi.optional(),
    arrearsThreshold: z
      .string()
      .trim()
      .regex(/^\d{1,3}(\.\d{1,2})?$/, "pay.errors.percent"),
    arrearsPolicy: z.enum(["fine", "withhold"]),
    arrearsDeduction: z.enum(["arrears", "handsetCost"]),
    arrearsHandsetKpi: kpi.optional(),
    fineRate: rate,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.arrearsDeduction === "handsetCost" && !v.arrearsHandsetKpi)
      ctx.addIssue({ code: "custom", path: ["arrearsHandsetKpi"], message: "pay.errors.kpiCode" });
    if (v.arrearsRateFrom === "amounts" ? !v.billedKpi : !v.arrearsRateKpi)
      ctx.addIssue({
        code: "custom",
        path: [v.arrearsRateFrom === "amounts" ? "billedKpi" : "arrearsRateKpi"],
        message: "pay.errors.kpiCode",
      });
  });

export const PoolFormSchema = z
  .object({
    ...common,
    unitId: z.string().trim().min(1).max(64),
    revenueKpi: kpi,
    comparison: z.enum(["samePeriodLastYear", "fixed"]),
    lastYearRevenue: yuanField(),
    basePool: yuanField(),
    growthRate: rate,
    cap: yuanField(),
  })
  .strict();

const percentToBp = (v: string) => {
  const [whole, frac = ""] = v.split(".");
  return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
};

export function growthParams(v: z.infer<typeof GrowthFormSchema>) {
  return {
    positionCodes: v.positionCodes,
    newSubscribersKpi: v.newSubscribersKpi,
    unitRewardFen: v.unitReward,
    revenue6mKpi: v.revenue6mKpi,
    k1: v.k1,
    revenue2yKpi: v.revenue2yKpi,
    subsidyKpi: v.subsidyKpi,
    k2: v.k2,
    arrearsKpi: v.arrearsKpi,
    arrearsRateFrom: v.arrearsRateFrom,
    ...(v.arrearsRateFrom === "amounts" ? { billedKpi: v.billedKpi } : { arrearsRateKpi: v.arrearsRateKpi }),
    arrearsThresholdBp: percentToBp(v.arrearsThreshold),
    arrearsPolicy: v.arrearsPolicy,
    arrearsDeduction: v.arrearsDeduction,
    ...(v.arrearsDeduction === "handsetCost" ? { arrearsHandsetKpi: v.arrearsHandsetKpi } : {}),
    fineRate: v.fineRate,
  };
}

export function poolParams(v: z.infer<typeof PoolFormSchema>) {
  return {
    unitId: v.unitId,
    revenueKpi: v.revenueKpi,
    comparison: v.comparison,
    lastYearRevenueFen: v.lastYearRevenue,
    basePoolFen: v.basePool,
    growthRate: v.growthRate,
    capFen: v.cap,
  };
}

/** Stored parameters back into the editor's fields. */
export function formDefaults(kind: string, params: Record<string, unknown> | null) {
  if (!params) return {};
  const y = (fen: unknown) => (Number(fen) / 100).toFixed(2);
  if (kind === "subscriberGrowth") {
    return {
      ...params,
      arrearsDeduction: params.arrearsDeduction ?? "arrears",
      arrearsRateFrom: params.arrearsRateFrom ?? "kpi",
      positionCodes: (params.positionCodes as string[]).join(", "),
      unitReward: y(params.unitRewardFen),
      arrearsThreshold: (Number(params.arrearsThresholdBp) / 100).toString(),
    };
  }
  return {
    ...params,
    comparison: params.comparison ?? "fixed",
    lastYearRevenue: y(params.lastYearRevenueFen),
    basePool: y(params.basePoolFen),
    cap: y(params.capFen),
  };
}
