/** Whole calendar months from `from` to `to` (a month counts once its day-of-month is reached). */
export function monthsBetween(from: Date, to: Date): number {
  let months = (to.getUTCFullYear() - from.getUTCFullYear()) * 12 + (to.getUTCMonth() - from.getUTCMonth());
  if (to.getUTCDate() < from.getUTCDate()) months--;
  return Math.max(0, months);
}

/** The same day `n` months later, clamped to the month's last day (31 Jan + 1 = 28/29 Feb). */
export function addMonths(date: Date, n: number): Date {
  const y = date.getUTCFullYear();
  const m = date.getUTCMonth() + n;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay)));
}

export function isoDay(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 10);
}

export function dayStart(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}
