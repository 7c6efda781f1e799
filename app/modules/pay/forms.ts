import { z } from "~/utils/validation";

/** Yuan as typed ("1,234.56", "-50"): at most two decimals, converted to fen exactly. */
export function yuanToFen(text: string): number | null {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(
    text
      .trim()
      .replace(/[,，\s]/g, "")
      .replace(/^¥/, ""),
  );
  if (!m) return null;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? "").padEnd(2, "0"));
  if (!Number.isSafeInteger(fen)) return null;
  return m[1] === "-" ? -fen : fen;
}

/** Points as typed ("87.5") to hundredths, exactly. */
export function pointsToHundredths(text: string): number | null {
  const m = /^(\d{1,4})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

export const yuanField = (options: { allowNegative?: boolean } = {}) =>
  z
    .string()
    .trim()
    .min(1)
    .max(20)
    .transform((v, ctx) => {
      const fen = yuanToFen(v);
      if (fen === null || (!options.allowNegative && fen < 0)) {
        ctx.addIssue({ code: "custom", message: "pay.errors.amount" });
        return z.NEVER;
      }
      return fen;
    });

export const AdjustmentSchema = z
  .object({
    intent: z.literal("adjust"),
    employeeNo: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .regex(/^[A-Za-z0-9_-]+$/, "errors.code"),
    amount: yuanField({ allowNegative: true }).refine((v) => v !== 0, "pay.errors.amountZero"),
    reason: z.string().trim().min(5).max(500),
  })
  .strict();

export const ApproveSchema = z
  .object({
    intent: z.literal("approve"),
    password: z.string().min(1).max(1024),
    /** Needed only when the run exceeds a wage-bill budget: the approver's reason for overriding it. */
    overrideReason: z
      .string()
      .trim()
      .max(500)
      .optional()
      .transform((v) => (v ? v : undefined))
      .refine((v) => v === undefined || v.length >= 5, "pay.errors.overrideReasonShort"),
  })
  .strict();

export const CalibrateSchema = z
  .object({
    intent: z.literal("calibrate"),
    employeeNo: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .regex(/^[A-Za-z0-9_-]+$/, "errors.code"),
    rating: z.string().trim().min(1).max(8),
    reason: z.string().trim().min(5).max(500),
  })
  .strict();

const percentField = z
  .string()
  .trim()
  .max(3)
  .optional()
  .transform((v, ctx) => {
    if (v === undefined || v === "") return undefined;
    if (!/^\d{1,3}$/.test(v) || Number(v) > 100) {
      ctx.addIssue({ code: "custom", message: "pay.errors.percent" });
      return z.NEVER;
    }
    return Number(v);
  });

/** The guideline form: a min and a max percent per rating (blank: no bound). Fields `min.A`, `max.A`… */
export function guidelineSchema(ratings: string[]) {
  return z
    .object({
      intent: z.literal("guideline"),
      ...Object.fromEntries(
        ratings.flatMap((r) => [
          [`min_${r}`, percentField],
          [`max_${r}`, percentField],
        ]),
      ),
    })
    .strict()
    .transform((v) => {
      const values = v as unknown as Record<string, number | undefined>;
      return ratings
        .map((rating) => ({ rating, minPercent: values[`min_${rating}`], maxPercent: values[`max_${rating}`] }))
        .filter((r) => r.minPercent !== undefined || r.maxPercent !== undefined)
        .map((r) => ({
          rating: r.rating,
          ...(r.minPercent !== undefined ? { minPercent: r.minPercent } : {}),
          ...(r.maxPercent !== undefined ? { maxPercent: r.maxPercent } : {}),
        }));
    });
}

const rateField = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,6})?$/, "pay.errors.decimal");

/** A unit's wage bill for a year: the province's allocation, or the growth-linked formula's inputs. */
export const BudgetSchema = z.discriminatedUnion("basis", [
  z
    .object({
      intent: z.literal("budget"),
      unitCode: z
        .string()
        .trim()
        .min(1)
        .max(40)
        .regex(/^[A-Za-z0-9_-]+$/, "errors.code"),
      year: z.coerce.number().int().min(2000).max(2100),
      basis: z.literal("allocation"),
      amount: yuanField(),
    })
    .strict(),
  z
    .object({
      intent: z.literal("budget"),
      unitCode: z
        .string()
        .trim()
        .min(1)
        .max(40)
        .regex(/^[A-Za-z0-9_-]+$/, "errors.code"),
      year: z.coerce.number().int().min(2000).max(2100),
      basis: z.literal("growthLinked"),
      base: yuanField(),
      revenueGrowth: yuanField({ allowNegative: true }),
      revenueRate: rateField,
      solutionGrowth: yuanField({ allowNegative: true }),
      solutionRate: rateField,
    })
    .strict(),
]);
export const StepSchema = z.object({ intent: z.enum(["recompute", "review", "lock", "sendBack"]) }).strict();

/** A head signs off one unit of a reviewed run, or sends the run back to draft with a reason. */
export const SignOffSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("signOff"), unitId: z.string().min(1).max(64) }).strict(),
  z
    .object({
      intent: z.literal("returnRun"),
      unitId: z.string().min(1).max(64),
      reason: z.string().trim().min(5, "pay.errors.sendBackReason").max(500, "pay.errors.sendBackReason"),
    })
    .strict(),
]);

/** The approval chain's settings: the head sign-off checkbox (absent when unticked). */
export const ChainSettingSchema = z.object({ intent: z.literal("chain"), headSignOff: z.literal("on").optional() }).strict();

/** A percentage as typed ("80", "75.5") → basis points, exactly; null unless 0–100 with at most two decimals. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/[%％]$/, ""));
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
  return bp <= 10_000 ? bp : null;
}

/** The pay cadence form: the cadence and the performance advance rate in percent (kept in basis points). */
export const CadenceSettingSchema = z
  .object({
    intent: z.literal("cadence"),
    cadence: z.enum(["period", "monthly"]),
    advanceRate: z
      .string()
      .max(10)
      .transform((text, ctx) => {
        const bp = percentToBp(text);
        if (bp === null) ctx.addIssue({ code: "custom", message: "pay.errors.advanceRate" });
        return bp ?? 0;
      }),
  })
  .strict();

/** A monthly run's month as the month input sends it (YYYY-MM). */
export const MonthlyRunSchema = z
  .object({
    intent: z.literal("createMonthly"),
    month: z
      .string()
      .trim()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "pay.errors.month"),
  })
  .strict();

/** The what-if's percent of target as typed: a whole number 0–300, never blank (blank is not 0 %) and never clamped. */
export const WHAT_IF_MAX_PERCENT = 300;
export const WhatIfPercentSchema = z
  .string({ required_error: "pay.errors.whatIfPercentRequired" })
  .trim()
  .min(1, "pay.errors.whatIfPercentRequired")
  .max(12, "pay.errors.whatIfPercentRange")
  .regex(/^\d+$/, "pay.errors.whatIfPercentRange")
  .transform(Number)
  .refine((n) => n <= WHAT_IF_MAX_PERCENT, "pay.errors.whatIfPercentRange");
