import { z } from "~/utils/validation";

/** Yuan as typed ("1,234.56", "-50"): at most two decimals, converted to fen exactly. */
export function yuanToFen(text: string): number | null {
  const m = /^(-?)(\d{1,12})(?:\.(\d{1,2}))?$/.exec(text.trim().replace(/[,，\s]/g, "").replace(/^¥/, ""));
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
    employeeNo: z.string().trim().min(1).max(20).regex(/^[A-Za-z0-9_-]+$/, "errors.code"),
    amount: yuanField({ allowNegative: true }).refine((v) => v !== 0, "pay.errors.amountZero"),
    reason: z.string().trim().min(5).max(500),
  })
  .strict();

export const ApproveSchema = z.object({ intent: z.literal("approve"), password: z.string().min(1).max(1024) }).strict();
export const StepSchema = z.object({ intent: z.enum(["recompute", "review", "lock", "sendBack"]) }).strict();

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
