import { LEVELS, TRACKS } from "~/modules/org/org";
import { CoefficientTableSchema, type CoefficientBand } from "./coefficients";
import { pointsToHundredths, yuanToFen } from "./forms";
import type { BandRow } from "./config.server";

export const MAX_COEFFICIENT_ROWS = 12;

type Errors = Record<string, string>;

/** Reads the bands form: `base:<track>:<level>` and `perf:<track>:<level>` in yuan. Blank rows are skipped. */
export function parseBandsForm(form: Record<string, string>): { rows: BandRow[]; errors: Errors } {
  const rows: BandRow[] = [];
  const errors: Errors = {};
  const allowed = new Set(["intent", ...TRACKS.flatMap((t) => LEVELS[t].flatMap((l) => [`base:${t}:${l}`, `perf:${t}:${l}`]))]);
  for (const key of Object.keys(form)) if (!allowed.has(key)) errors._form = "pay.errors.unknownField";
  for (const track of TRACKS) {
    for (const level of LEVELS[track]) {
      const base = (form[`base:${track}:${level}`] ?? "").trim();
      const perf = (form[`perf:${track}:${level}`] ?? "").trim();
      if (!base && !perf) continue;
      const basePayFen = yuanToFen(base);
      const performanceBaseFen = yuanToFen(perf);
      if (basePayFen === null || basePayFen < 0 || basePayFen > 100_000_000) errors[`base:${track}:${level}`] = "pay.errors.amount";
      if (performanceBaseFen === null || performanceBaseFen < 0 || performanceBaseFen > 100_000_000)
        errors[`perf:${track}:${level}`] = "pay.errors.amount";
      if (basePayFen !== null && performanceBaseFen !== null) rows.push({ track, level, basePayFen, performanceBaseFen });
    }
  }
  return { rows, errors };
}

/** Reads the coefficient table form: rows `min:i`, `max:i`, `coef:i` in points; blank rows skipped. */
export function parseCoefficientForm(form: Record<string, string>): { bands: CoefficientBand[] | null; errors: Errors } {
  const errors: Errors = {};
  const bands: CoefficientBand[] = [];
  for (let i = 0; i < MAX_COEFFICIENT_ROWS; i++) {
    const min = (form[`min:${i}`] ?? "").trim();
    const max = (form[`max:${i}`] ?? "").trim();
    const coef = (form[`coef:${i}`] ?? "").trim();
    if (!min && !max && !coef) continue;
    const lo = pointsToHundredths(min);
    const hi = pointsToHundredths(max);
    if (lo === null) errors[`min:${i}`] = "pay.errors.points";
    if (hi === null) errors[`max:${i}`] = "pay.errors.points";
    if (lo !== null && hi !== null) bands.push({ min: lo, max: hi, coefficient: coef });
  }
  if (Object.keys(errors).length) return { bands: null, errors };
  const parsed = CoefficientTableSchema.safeParse({ bands });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { bands: null, errors: { _form: issue.message } };
  }
  return { bands: parsed.data.bands, errors };
}
