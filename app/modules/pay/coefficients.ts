import { z } from "~/utils/validation";
import { dec, DECIMAL_PATTERN, int, roundScaled, scaledRate } from "./money";

/**
 * Performance-pay coefficient table (绩效系数表). Scores are integers in hundredths of a
 * point (8750 = 87.50). A band covers [min, max); the last band also takes every score at
 * or above its min, so a score above the table's top still finds a band.
 */
export type CoefficientBand = { min: number; max: number; coefficient: string };

export const CoefficientBandSchema = z
  .object({
    min: z.number().int().min(0).max(100_000),
    max: z.number().int().min(1).max(100_000),
    coefficient: z
      .string()
      .trim()
      .regex(DECIMAL_PATTERN, "pay.errors.decimal")
      .refine((v) => dec(v).lte(10), "pay.errors.coefficientTooBig"),
  })
  .strict();

export const CoefficientTableSchema = z
  .object({ bands: z.array(CoefficientBandSchema).min(1).max(50) })
  .strict()
  .superRefine((value, ctx) => {
    const problem = coefficientTableProblem(value.bands);
    if (problem) ctx.addIssue({ code: "custom", path: ["bands", problem.index], message: problem.message });
  });

export type CoefficientTable = z.infer<typeof CoefficientTableSchema>;

/** The first problem in a table: bands must start at 0, be contiguous, not overlap and not be empty. */
export function coefficientTableProblem(bands: CoefficientBand[]): { index: number; message: string } | null {
  if (bands.length === 0) return { index: 0, message: "pay.errors.bandsEmpty" };
  if (bands[0].min !== 0) return { index: 0, message: "pay.errors.bandsStartAtZero" };
  for (let i = 0; i < bands.length; i++) {
    if (bands[i].max <= bands[i].min) return { index: i, message: "pay.errors.bandEmpty" };
    if (i > 0 && bands[i].min < bands[i - 1].max) return { index: i, message: "pay.errors.bandsOverlap" };
    if (i > 0 && bands[i].min > bands[i - 1].max) return { index: i, message: "pay.errors.bandsGap" };
  }
  return null;
}

/** The band a score falls in (table assumed valid). */
export function coefficientFor(bands: CoefficientBand[], score: number): CoefficientBand {
  if (!Number.isInteger(score) || score < 0) throw new RangeError("score must be a non-negative integer");
  for (let i = 0; i < bands.length - 1; i++) {
    if (score >= bands[i].min && score < bands[i].max) return bands[i];
  }
  return bands[bands.length - 1];
}

/** 绩效工资 = 绩效工资基数 × 系数, rounded once to the fen. */
export function performancePay(baseFen: number, coefficient: string) {
  return roundScaled(int(baseFen) * scaledRate(coefficient));
}

/** Hundredths of a point as "87.50". */
export function points(hundredths: number) {
  return (hundredths / 100).toFixed(2);
}
