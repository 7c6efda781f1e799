import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, db, dialectOf } from "~/utils/db.server";
import { countInWindow, hitLimit } from "./throttle.server";

// On PostgreSQL a second client over the same database, as a second app process would be; SQLite
// is one process (two clients in one process would wait for each other inside its synchronous driver).
const other = dialectOf(db) === "postgres" ? createPrismaClient(process.env.DATABASE_URL!) : db;
afterAll(() => (other === db ? undefined : other.$disconnect()));

describe("throttle counters", () => {
  it("count every event of concurrent requests from two processes, and start again after the window", async () => {
    const now = new Date("2026-12-07T09:00:00Z");
    await Promise.all(Array.from({ length: 40 }, (_, i) => countInWindow(i % 2 ? db : other, "t:concurrent", 60_000, now)));
    const row = await db.throttleBucket.findUniqueOrThrow({ where: { key: "t:concurrent" } });
    expect(row.count).toBe(40);
    expect(row.windowStart).toEqual(now);
    const later = new Date(now.getTime() + 60_000);
    expect(await countInWindow(db, "t:concurrent", 60_000, later)).toEqual({ count: 1, windowStart: later });
  });

  it("a limit lets exactly its number through within the window", async () => {
    const now = new Date("2026-12-07T10:00:00Z");
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => hitLimit(i % 2 ? db : other, "t:limit", 5, 60_000, now)));
    expect(results.filter((limited) => !limited)).toHaveLength(5);
  });
});
