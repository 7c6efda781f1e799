import { formatYuan } from "~/utils/format";
export const SUGGESTION_CATEGORIES = [
  "pay_performance",
  "process",
  "customer_service",
  "training",
  "career",
  "workplace",
  "other",
] as const;
export type SuggestionCategory = (typeof SUGGESTION_CATEGORIES)[number];

export const SUGGESTION_STATUSES = ["new", "under_review", "accepted", "implemented", "declined"] as const;
export type SuggestionStatus = (typeof SUGGESTION_STATUSES)[number];

export const OPEN_STATUSES: readonly SuggestionStatus[] = ["new", "under_review", "accepted"];
export const ADOPTED_STATUSES: readonly SuggestionStatus[] = ["accepted", "implemented"];

const NEXT: Record<SuggestionStatus, readonly SuggestionStatus[]> = {
  new: ["under_review", "declined"],
  under_review: ["accepted", "declined"],
  accepted: ["implemented", "declined"],
  implemented: [],
  declined: [],
};

export function isSuggestionStatus(value: unknown): value is SuggestionStatus {
  return typeof value === "string" && (SUGGESTION_STATUSES as readonly string[]).includes(value);
}

/** The statuses a handler may move a suggestion to; a merged duplicate follows its target and has none. */
export function nextStatuses(current: SuggestionStatus, options: { merged?: boolean } = {}): readonly SuggestionStatus[] {
  if (options.merged) return [];
  return NEXT[current];
}

export type TransitionCheck =
  { ok: true } | { ok: false; error: "suggestions.errors.transition" | "suggestions.errors.reasonRequired" | "suggestions.errors.merged" };

/** new → under review → accepted → implemented, or declined (with a reason) from any open status. */
export function checkTransition(
  from: SuggestionStatus,
  to: SuggestionStatus,
  input: { reason?: string; merged?: boolean } = {},
): TransitionCheck {
  if (input.merged) return { ok: false, error: "suggestions.errors.merged" };
  if (!NEXT[from].includes(to)) return { ok: false, error: "suggestions.errors.transition" };
  if (to === "declined" && !input.reason?.trim()) return { ok: false, error: "suggestions.errors.reasonRequired" };
  return { ok: true };
}

/** The coarse period an anonymous suggestion keeps instead of a time: the UTC month, "YYYY-MM". */
export function coarsePeriod(date: Date) {
  return date.toISOString().slice(0, 7);
}

/** First and last instant of a "YYYY-MM" period (UTC). */
export function periodBounds(period: string) {
  const [y, m] = period.split("-").map(Number);
  return { start: new Date(Date.UTC(y, m - 1, 1)), end: new Date(Date.UTC(y, m, 1) - 1) };
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * Whether an open item is older than `days`. Named items know their submission time; an
 * anonymous one only its month, so it counts once even the last day of that month is
 * older than `days` (never overstated, may be understated by up to a month).
 */
export function isOlderThan(input: { submittedAt: Date | null; period: string }, days: number, now: Date) {
  const latest = input.submittedAt ?? periodBounds(input.period).end;
  return now.getTime() - latest.getTime() > days * DAY;
}

/** Whole days from submission to first reply (named suggestions: exact times are known). */
export function daysBetween(from: Date, to: Date) {
  return Math.max(0, Math.floor((to.getTime() - from.getTime()) / DAY));
}

/** Calendar months between a "YYYY-MM" period and a later date (anonymous suggestions: month precision only). */
export function monthsBetween(period: string, to: Date) {
  const [y, m] = period.split("-").map(Number);
  return Math.max(0, (to.getUTCFullYear() - y) * 12 + (to.getUTCMonth() + 1 - m));
}

export function median(values: number[]) {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Minimum group: counts of anonymous suggestions per unit below this are not shown. */
export const MIN_ANONYMOUS_GROUP = 5;

/** A count safe to show, or null (suppressed) when it is between 1 and min − 1. */
export function suppressSmall(count: number, min = MIN_ANONYMOUS_GROUP) {
  return count > 0 && count < min ? null : count;
}

/**
 * Yuan as typed ("1200", "1,200.5", "88.00") to integer fen, exactly; more than two decimals,
 * negatives and other text are refused (null) rather than rounded.
 */
export function yuanToFen(input: string): number | null {
  const text = input.trim().replace(/,/g, "");
  const match = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

/** Integer fen as yuan text with two decimals, e.g. 120050 → "1,200.50". */
export function formatFen(fen: number) {
  return formatYuan(fen);
}

/**
 * Small-group suppression for a row of counts that add up to a shown total: each count from 1 to
 * min − 1 becomes null, and when exactly one is suppressed the smallest other non-zero count is
 * suppressed too, so that it cannot be recovered by subtraction.
 */
export function suppressWithComplement(counts: number[], min = MIN_ANONYMOUS_GROUP): (number | null)[] {
  const out: (number | null)[] = counts.map((c) => suppressSmall(c, min));
  const hidden = out.filter((c) => c === null).length;
  if (hidden === 1) {
    let smallest = -1;
    out.forEach((c, i) => {
      if (c !== null && c > 0 && (smallest < 0 || c < (out[smallest] as number))) smallest = i;
    });
    if (smallest >= 0) out[smallest] = null;
  }
  return out;
}
