import { useLocale } from "~/components/i18n";
import { yuan } from "~/modules/pay/money";

/** "¥3,000.00" from integer fen, the same in both languages. */
export function money(fen: number) {
  return fen < 0 ? `-¥${yuan(-fen)}` : `¥${yuan(fen)}`;
}

/** "87.50" from hundredths of a point. */
export function pts(hundredths: number | null) {
  return hundredths === null ? "—" : (hundredths / 100).toFixed(2);
}

/**
 * Contribution points (a score in hundredths × post value) in the units a payslip shows them:
 * 964,810 → "9,648.10", i.e. 87.71 points × post value 110. Integer arithmetic, no rounding.
 */
export function points(scaled: number) {
  const magnitude = Math.abs(scaled);
  const whole = Math.floor(magnitude / 100).toLocaleString("en-US");
  return `${scaled < 0 ? "-" : ""}${whole}.${String(magnitude % 100).padStart(2, "0")}`;
}

export function useDateTime() {
  const locale = useLocale();
  return (value: string | Date | null) => (value ? new Date(value).toLocaleString(locale, { timeZone: "Asia/Shanghai", dateStyle: "medium", timeStyle: "short" }) : "—");
}

export const STATUS_BADGE: Record<string, string> = { draft: "badge", reviewed: "badge warn", approved: "badge warn", locked: "badge ok" };
