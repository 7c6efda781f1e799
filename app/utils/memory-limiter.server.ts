import { createHmac, randomBytes } from "node:crypto";

/**
 * A rate limit that leaves no trace: counters live only in this process's memory, keyed by an
 * HMAC under a key drawn at start-up and never written anywhere, and entries disappear when their
 * window passes. For anonymous paths, where a database bucket would keep a dated record of
 * "this person (or this address) did something anonymous at about this time".
 */
export class MemoryLimiter {
  readonly #key = randomBytes(32);
  readonly #hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
  ) {}

  #prune(now: number) {
    for (const [key, times] of this.#hits) {
      const fresh = times.filter((t) => now - t < this.windowMs);
      if (fresh.length === 0) this.#hits.delete(key);
      else if (fresh.length !== times.length) this.#hits.set(key, fresh);
    }
  }

  /** Records an attempt; true when over the limit (the attempt is refused and not counted). */
  hit(subject: string, now = Date.now()) {
    this.#prune(now);
    const key = createHmac("sha256", this.#key).update(subject).digest("base64url");
    const times = this.#hits.get(key) ?? [];
    if (times.length >= this.limit) return true;
    this.#hits.set(key, [...times, now]);
    return false;
  }

  /** For tests. */
  reset() {
    this.#hits.clear();
  }
}
