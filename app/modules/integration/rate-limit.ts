/** A fixed-window counter per key, kept in memory (limits need not survive a restart). */
export class RateLimiter {
  private windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly windowMs = 60_000) {}

  /** Counts one request; returns the seconds to wait when over the limit, else 0. */
  hit(key: string, limit: number, now = Date.now()): number {
    const current = this.windows.get(key);
    if (!current || now - current.start >= this.windowMs) {
      if (this.windows.size > 10_000) this.prune(now);
      this.windows.set(key, { start: now, count: 1 });
      return 0;
    }
    if (current.count >= limit) return Math.max(1, Math.ceil((current.start + this.windowMs - now) / 1000));
    current.count++;
    return 0;
  }

  private prune(now: number) {
    for (const [key, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(key);
  }
}
