import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, db, dialectOf } from "~/utils/db.server";
import { ApiRateLimiter } from "./rate-limit.server";

const now = Date.UTC(2026, 11, 7, 9, 0, 0);

describe("API rate limits", () => {
  it("allows the limit within a minute, then says how long to wait, and starts again after the window", async () => {
    const limiter = new ApiRateLimiter(60_000);
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push(await limiter.hit(db, "token-a", 3, now + i * 1000));
    expect(waits).toEqual([0, 0, 0, 57]);
    expect(await limiter.hit(db, "token-b", 3, now + 4000)).toBe(0);
    expect(await limiter.hit(db, "token-a", 3, now + 60_000)).toBe(0);
  });

  // Two app processes are two limiters over two connections to one database.
  const other = createPrismaClient(process.env.DATABASE_URL!);
  afterAll(() => other.$disconnect());

  it.runIf(dialectOf(db) === "postgres")("on PostgreSQL holds across processes: the limit is the token's, not each process's", async () => {
    const [first, second] = [new ApiRateLimiter(60_000), new ApiRateLimiter(60_000)];
    const waits = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? first.hit(db, "token-c", 6, now) : second.hit(other, "token-c", 6, now))),
    );
    expect(waits.filter((w) => w === 0)).toHaveLength(6);
    expect(waits.filter((w) => w === 60)).toHaveLength(4);
  });
});
