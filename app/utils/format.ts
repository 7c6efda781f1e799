/**
 * Display formatting, one place for the whole app: money, points and scores, percentages, dates
 * and date-times. Pure functions, the same on the server and in the browser: dates are always
 * formatted in the organisation's time zone (never the machine's), so a server render and the
 * browser's hydration produce the same text.
 *
 * - Money is integer fen everywhere; it is shown in yuan with two decimals, "¥1,234.56", the
 *   grouping of the locale, computed with integers (no rounding: fen are whole).
 * - Points and scores are integer hundredths: 8750 → "87.50".
 * - Percentages are basis points (hundredths of a percent): 925 → "9.25%"; a ratio (0..1) with
 *   `formatRatio`.
 * - Dates are "2026-03-05" and date-times "2026-03-05 14:30" in both languages.
 */

/** The organisation's time zone: every date and time is shown in it, whatever the machine's. */
export const ORG_TIME_ZONE = "Asia/Shanghai";

export const EMPTY = "—";

type DateInput = string | number | Date | null | undefined;

const groupers = new Map<string, Intl.NumberFormat>();
function grouper(locale: string) {
  let f = groupers.get(locale);
  if (!f) {
    f = new Intl.NumberFormat(locale, { maximumFractionDigits: 0, useGrouping: true });
    groupers.set(locale, f);
  }
  return f;
}

/** A whole number with the locale's grouping: 1234567 → "1,234,567". */
export function formatInteger(value: number | null | undefined, locale = "zh-CN"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return grouper(locale).format(value);
}

/** A fixed-point integer (value × 10^digits) shown with `digits` decimals, exactly. */
function fixed(scaled: number, digits: number, locale: string): string {
  if (!Number.isSafeInteger(scaled)) throw new RangeError(`not an integer: ${scaled}`);
  const unit = 10 ** digits;
  const abs = Math.abs(scaled);
  const whole = grouper(locale).format(Math.floor(abs / unit));
  const frac = digits > 0 ? `.${String(abs % unit).padStart(digits, "0")}` : "";
  return `${scaled < 0 ? "-" : ""}${whole}${frac}`;
}

/** Integer fen as yuan without the sign: 300000 → "3,000.00". */
export function formatYuan(fen: number, locale = "zh-CN"): string {
  return fixed(fen, 2, locale);
}

/** Integer fen as money: 123456 → "¥1,234.56", −50000 → "-¥500.00"; null → "—". */
export function formatMoney(fen: number | null | undefined, locale = "zh-CN"): string {
  if (fen === null || fen === undefined) return EMPTY;
  return fen < 0 ? `-¥${formatYuan(-fen, locale)}` : `¥${formatYuan(fen, locale)}`;
}

/** Fen as typed into a form field: 300000 → "3000.00" (no grouping, no sign of currency). */
export function fenToInput(fen: number): string {
  return fixed(fen, 2, "en").replace(/,/g, "");
}

/** Integer hundredths of a point: 8750 → "87.50"; `signed` writes "+" before a positive value. */
export function formatPoints(hundredths: number | null | undefined, options: { signed?: boolean; locale?: string } = {}): string {
  if (hundredths === null || hundredths === undefined) return EMPTY;
  const text = fixed(hundredths, 2, options.locale ?? "zh-CN");
  return options.signed && hundredths >= 0 ? `+${text}` : text;
}

/** Basis points (hundredths of a percent): 925 → "9.25%". */
export function formatPercentBp(bp: number | null | undefined, locale = "zh-CN"): string {
  if (bp === null || bp === undefined) return EMPTY;
  return `${fixed(bp, 2, locale)}%`;
}

/** A ratio from 0 to 1 as a percentage rounded half up to `digits` decimals: 0.4567 → "45.7%". */
export function formatRatio(ratio: number | null | undefined, digits = 0, locale = "zh-CN"): string {
  if (ratio === null || ratio === undefined || !Number.isFinite(ratio)) return EMPTY;
  const scaled = Math.round(Number((ratio * 100 * 10 ** digits).toPrecision(12)));
  return `${fixed(scaled, digits, locale)}%`;
}

/** A decimal (a mean, a correlation) with a fixed number of decimals: 3.456 → "3.46". */
export function formatDecimal(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return EMPTY;
  return value.toFixed(digits);
}

const dayParts = new Intl.DateTimeFormat("en-US", {
  timeZone: ORG_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

function parts(value: Exclude<DateInput, null | undefined>) {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return null;
  const out: Record<string, string> = {};
  for (const p of dayParts.formatToParts(date)) out[p.type] = p.value;
  return out;
}

/** The calendar day in the organisation's time zone: "2026-03-05"; null → "—". */
export function formatDate(value: DateInput): string {
  if (value === null || value === undefined || value === "") return EMPTY;
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day}` : EMPTY;
}

/** The month in the organisation's time zone: "2026-03". */
export function formatMonth(value: DateInput): string {
  if (value === null || value === undefined || value === "") return EMPTY;
  const p = parts(value);
  return p ? `${p.year}-${p.month}` : EMPTY;
}

/** The time of day in the organisation's time zone, 24-hour: "14:30". */
export function formatTime(value: DateInput): string {
  if (value === null || value === undefined || value === "") return EMPTY;
  const p = parts(value);
  return p ? `${p.hour}:${p.minute}` : EMPTY;
}

/** Date and time in the organisation's time zone: "2026-03-05 14:30". */
export function formatDateTime(value: DateInput): string {
  if (value === null || value === undefined || value === "") return EMPTY;
  const p = parts(value);
  return p ? `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}` : EMPTY;
}

/** A span of time: "2026-03-05 09:00 – 17:00" on one day, else both dates. */
export function formatDateTimeRange(from: Exclude<DateInput, null | undefined>, to: Exclude<DateInput, null | undefined>): string {
  const sameDay = formatDate(from) === formatDate(to);
  return `${formatDateTime(from)} – ${sameDay ? formatTime(to) : formatDateTime(to)}`;
}

/** A span of days: "2026-03-01 – 2026-05-31". */
export function formatDateRange(from: DateInput, to: DateInput): string {
  return `${formatDate(from)} – ${formatDate(to)}`;
}
