import { describe, expect, it } from "vitest";
import { checkDatabaseSettings, db } from "./db.server";

const pragma = async (name: string) => {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Number(Object.values(rows[0])[0]);
};

describe("SQLite settings", () => {
  it("runs in WAL mode with synchronous=FULL, a busy timeout and foreign keys", async () => {
    expect(await checkDatabaseSettings()).toEqual({ journal_mode: "wal", synchronous: 2, busy_timeout: 5000, foreign_keys: 1 });
  });

  it("keeps the busy timeout and durability after interactive transactions (new connections)", async () => {
    for (let i = 0; i < 3; i++) {
      await db.$transaction(async (tx) => {
        await tx.position.count();
        expect(Number(Object.values((await tx.$queryRawUnsafe<Record<string, unknown>[]>("PRAGMA busy_timeout"))[0])[0])).toBe(5000);
      });
      expect(await pragma("busy_timeout")).toBe(5000);
      expect(await pragma("synchronous")).toBe(2);
      expect(await pragma("foreign_keys")).toBe(1);
    }
  });

  it("refuses UPDATE and DELETE on the audit log, even through raw SQL", async () => {
    await db.auditLog.create({ data: { actorId: null, action: "test", entity: "Test", entityId: "1" } });
    await expect(db.$executeRawUnsafe(`UPDATE "AuditLog" SET "action" = 'tampered'`)).rejects.toThrow(/append-only/);
    await expect(db.$executeRawUnsafe(`DELETE FROM "AuditLog"`)).rejects.toThrow(/append-only/);
    expect(await db.auditLog.count({ where: { action: "test" } })).toBe(1);
  });
});
