import { z } from "zod";
import { msg } from "./i18n";

/**
 * Zod's messages become translation keys (see `msg`), so a rejected form shows the
 * reason in the user's language. Schemas may still give their own key.
 */
export const errorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === "undefined" || issue.received === "null") return { message: msg("errors.required") };
      return { message: msg("errors.invalidType") };
    case z.ZodIssueCode.too_small:
      if (issue.type === "string")
        return { message: issue.minimum === 1 ? msg("errors.required") : msg("errors.tooShort", { min: Number(issue.minimum) }) };
      if (issue.type === "number") return { message: msg("errors.tooSmall", { min: Number(issue.minimum) }) };
      if (issue.type === "array") return { message: msg("errors.chooseAtLeast", { min: Number(issue.minimum) }) };
      break;
    case z.ZodIssueCode.too_big:
      if (issue.type === "string") return { message: msg("errors.tooLong", { max: Number(issue.maximum) }) };
      if (issue.type === "number") return { message: msg("errors.tooBig", { max: Number(issue.maximum) }) };
      if (issue.type === "array") return { message: msg("errors.chooseAtMost", { max: Number(issue.maximum) }) };
      break;
    case z.ZodIssueCode.invalid_string:
      if (issue.validation === "email") return { message: msg("errors.email") };
      return { message: msg("errors.invalidFormat") };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: msg("errors.invalidChoice") };
    case z.ZodIssueCode.not_finite:
      return { message: msg("errors.notFinite") };
    case z.ZodIssueCode.invalid_date:
      return { message: msg("errors.invalidDate") };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: msg("errors.unknownFields", { fields: issue.keys.join(", ") }) };
    case z.ZodIssueCode.not_multiple_of:
      return { message: msg("errors.wholeNumber") };
  }
  return { message: ctx.defaultError };
};

z.setErrorMap(errorMap);

/** Integer fen: whole, non-negative, safe. */
export const fen = z.coerce.number().finite().int().min(0).max(Number.MAX_SAFE_INTEGER);

export const trimmed = (max: number) => z.string().trim().min(1).max(max);
export const optionalTrimmed = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((v) => (v ? v : undefined));

/** A calendar day as `YYYY-MM-DD` that exists (no 2026-02-30). */
export const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.invalidDate")
  .refine(
    (v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v),
    "errors.invalidDate",
  );

export { z };
