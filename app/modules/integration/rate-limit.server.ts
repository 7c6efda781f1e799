import { dialectOf, sqliteDate, type Db } from "~/utils/db.server";
import { firstRow } from "~/utils/sql.server";
import { countSharedHit } from "./queries.server";
import { RateLimiter } from "./rate-limit";

/**
 * API rate limits per token and minute. One process on SQLite counts in memory; several
 * processes on PostgreSQL share the count in the database (`ThrottleBucket`, one statement per
 * request), so a token's limit holds whichever process answers, not once per process.
 */
export class ApiRateLimiter {
  readonly #memory: RateLimiter;

  constructor(private readonly windowMs = 60_000) {
    this.#memory = new RateLimiter(windowMs);
  }

  /** Counts one request; returns the seconds to wait when over the limit, else 0. */
  async hit(db: Db, key: string, limit: number, now = Date.now()): Promise<number> {
    if (dialectOf(db) !== "postgres") return this.#memory.hit(key, limit, now);
    const expired = sqliteDate(new Date(now - this.windowMs));
    const row = await firstRow(db, countSharedHit, [`api:${key}`, sqliteDate(new Date(now)), expired, expired]);
    if (!row || row.count <= limit) return 0;
    return Math.max(1, Math.ceil((row.windowStart.getTime() + this.windowMs - now) / 1000));
  }
}
