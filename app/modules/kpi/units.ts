import { formatInteger, formatMoney, formatPercentBp, formatPoints } from "~/utils/format";

/**
 * KPI units. Values are stored as integers: fen, a count, basis points (hundredths of a
 * percent), hundredths of a point, or a 1–5 rating. People type and read them as yuan,
 * percent, points: with at most two decimals, converted exactly (no floating point).
 */
export const KPI_UNITS = ["fen", "count", "bp", "points", "rating"] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

/** Decimal places between what people type and what is stored. */
const SCALE: Record<KpiUnit, 0 | 2> = { fen: 2, count: 0, bp: 2, points: 2, rating: 0 };

/** 1e15: far beyond any KPI, and safe after scaling. */
const MAX_ABS = 1_000_000_000_000_000;

/** Parses what a person typed ("1,234.5", "95.25") into the stored integer, or null when it is not a valid value. */
export function parseValue(unit: string, text: string): number | null {
  const scale = SCALE[unit as KpiUnit] ?? 0;
  const clean = text
    .trim()
    .replace(/[,，\s]/g, "")
    .replace(/^¥/, "")
    .replace(/%$/, "");
  const pattern = scale === 2 ? /^(-?)(\d+)(?:\.(\d{1,2}))?$/ : /^(-?)(\d+)$/;
  const m = pattern.exec(clean);
  if (!m) return null;
  const whole = m[2].replace(/^0+(?=\d)/, "");
  if (whole.length > 16) return null;
  const fraction = scale === 2 ? (m[3] ?? "").padEnd(2, "0") : "";
  const value = Number(whole + fraction) * (m[1] === "-" ? -1 : 1);
  if (!Number.isSafeInteger(value) || Math.abs(value) > MAX_ABS) return null;
  if (unit === "rating" && (value < 1 || value > 5)) return null;
  return value === 0 ? 0 : value;
}

/** The stored integer written back the way people type it ("1234.50", "95.25", "12"). */
export function toInput(unit: string, value: number): string {
  if ((SCALE[unit as KpiUnit] ?? 0) === 0) return String(value);
  const sign = value < 0 ? "-" : "";
  const abs = Math.abs(value);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, "0")}`;
}

/** For display, e.g. fen → "¥1,234.50", bp → "95.25%". */
export function formatValue(unit: string, value: number | null, locale: string): string {
  if (value === null) return "—";
  switch (unit) {
    case "fen":
      return formatMoney(value, locale);
    case "bp":
      return formatPercentBp(value, locale);
    case "points":
      return formatPoints(value, { locale });
    default:
      return formatInteger(value, locale);
  }
}

/** A score in hundredths shown as points, e.g. 8750 → "87.50". */
export function formatScore(score: number | null): string {
  return formatPoints(score);
}
