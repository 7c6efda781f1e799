import { describe, expect, it } from "vitest";
import { auditBulk } from "~/modules/audit/audit.server";
import { bulkWrite, checkDatabaseSettings, db, dialectOf, withWriteTurn } from "./db.server";
import { WriteTurnError } from "./sqlite-adapter.server";
import { packedRows, unpack } from "./packed-rows.server";

// SQLite's own settings and the in-process write turn exist on SQLite only; PostgreSQL's server
// orders its writers itself (several processes share it), so those tests run on SQLite alone.
const sqlite = dialectOf(db) === "sqlite";

const pragma = async (name: string) => {
  const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
  return Number(Object.values(rows[0])[0]);
};

describe("SQLite settings", () => {
  it.runIf(sqlite)("runs in WAL mode with synchronous=FULL, a busy timeout and foreign keys", async () => {
    expect(await checkDatabaseSettings()).toEqual({ journal_mode: "wal", synchronous: 2, busy_timeout: 5000, foreign_keys: 1 });
  });

  it.runIf(sqlite)("keeps the busy timeout and durability after interactive transactions (new connections)", async () => {
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

describe("bulk writes past Prisma", () => {
  it.runIf(sqlite)("refuses a Prisma call or a nested bulk write inside a bulk write instead of waiting for ever", async () => {
    await expect(bulkWrite(db, async () => db.position.count())).rejects.toThrow(WriteTurnError);
    await expect(bulkWrite(db, async () => bulkWrite(db, async () => 1))).rejects.toThrow(WriteTurnError);
    await expect(withWriteTurn(db, async () => db.unit.findFirst())).rejects.toThrow(WriteTurnError);
    await expect(db.$transaction(async (tx) => (await tx.position.count()) + (await bulkWrite(db, async () => 1)))).rejects.toThrow(
      WriteTurnError,
    );
    // The turn is given back: Prisma and further bulk writes go on.
    expect(await db.position.count()).toBeGreaterThanOrEqual(0);
    expect(await bulkWrite(db, async (tx) => Number((await tx.execute("SELECT 1")).rows[0][0]))).toBe(1);
  });

  it.runIf(sqlite)("lets Prisma's reads through while a bulk write holds the turn, and makes its writes wait", async () => {
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let inside!: () => void;
    const started = new Promise<void>((r) => (inside = r));
    const writing = bulkWrite(db, async (tx) => {
      await tx.execute(`UPDATE "Position" SET "code" = "code"`);
      inside();
      await holding;
    });
    await started;
    // A read finishes while the transaction is open (and does not see it uncommitted)...
    expect(await db.position.count()).toBeGreaterThanOrEqual(0);
    // ...a write does not.
    let written = false;
    const write = db.auditLog
      .create({ data: { actorId: null, action: "test.turn", entity: "Test", entityId: "1" } })
      .then(() => (written = true));
    await new Promise((r) => setTimeout(r, 50));
    expect(written).toBe(false);
    release();
    await writing;
    await write;
    expect(written).toBe(true);
  });

  it("commits with the same settings and dates Prisma reads back", async () => {
    await bulkWrite(db, async (tx) => {
      if (sqlite) {
        expect(Number(Object.values((await tx.execute("PRAGMA foreign_keys")).rows[0])[0])).toBe(1);
        expect(Number(Object.values((await tx.execute("PRAGMA busy_timeout")).rows[0])[0])).toBe(5000);
      }
      await auditBulk(tx, { actorId: null, action: "bulk.test", entity: "Test", entityId: "2", after: { n: 1 } });
    });
    const row = await db.auditLog.findFirstOrThrow({ where: { action: "bulk.test" } });
    expect(row.at).toBeInstanceOf(Date);
    expect(Math.abs(row.at.getTime() - Date.now())).toBeLessThan(60_000);
    expect(JSON.parse(row.after!)).toEqual({ n: 1 });
  });

  it("writes nothing when the work throws", async () => {
    await expect(
      bulkWrite(db, async (tx) => {
        await auditBulk(tx, { actorId: null, action: "bulk.rolledBack", entity: "Test", entityId: "3" });
        throw new Error("stop");
      }),
    ).rejects.toThrow("stop");
    expect(await db.auditLog.count({ where: { action: "bulk.rolledBack" } })).toBe(0);
  });

  it("reads many rows as one packed text, NULL as empty", async () => {
    await db.unit.create({ data: { code: "ROOT-P", nameZh: "根", nameEn: "Root", kind: "company", path: "/p/" } });
    const rows = await packedRows(db, { select: [`"code"`, `"parentId"`], orderBy: `"code"` }, `FROM "Unit"`);
    const expected = await db.unit.findMany({ orderBy: { code: "asc" }, select: { code: true, parentId: true } });
    expect(expected.length).toBeGreaterThan(0);
    expect(rows).toEqual(expected.map((u) => [u.code, u.parentId ?? ""]));
    expect(await packedRows(db, [`"code"`], `FROM "Unit" WHERE FALSE`)).toEqual([]);
  });

  it("unpacks rows of any width, empty fields included, and refuses a row short of fields", () => {
    const rows = (packed: string, width: number) => {
      const out: string[][] = [];
      unpack(packed, width, (row) => out.push([...row]));
      return out;
    };
    expect(rows("a", 1)).toEqual([["a"]]);
    expect(rows("a\x1e\x1eb", 1)).toEqual([["a"], [""], ["b"]]);
    expect(rows("a\x1f\x1fc\x1e\x1f\x1f", 3)).toEqual([
      ["a", "", "c"],
      ["", "", ""],
    ]);
    expect(() => rows("a\x1fb\x1ec", 2)).toThrow(/fewer fields/);
  });
});
