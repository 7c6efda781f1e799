import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { createPrismaClient, db } from "~/utils/db.server";
import { rows } from "~/utils/sql.server";
import { backupDatabase, PostgresBackupError, restoreDatabase } from "./backup.server";
import { integrityCheck } from "./queries.server";

const onPostgres = process.env.TEST_DATABASE === "postgres";

describe("backup and restore", () => {
  // Copies SQLite's file (VACUUM INTO); PostgreSQL refuses, below.
  it.skipIf(onPostgres)("backs up a live database with VACUUM INTO, checks it, and restores it", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-"));
    await db.position.create({ data: { code: "BK-1", nameZh: "备份岗", nameEn: "Backup post" } });
    const backup = await backupDatabase(db, path.join(dir, "b.db"));
    expect(backup.bytes).toBeGreaterThan(0);
    await expect(backupDatabase(db, backup.file)).rejects.toThrow(/already exists/);

    // A database that lost the row after the backup gets it back from the restore.
    const live = path.join(dir, "live.db");
    fs.copyFileSync(backup.file, live);
    const liveClient = createPrismaClient(`file:${live}`);
    await liveClient.position.delete({ where: { code: "BK-1" } });
    await liveClient.$disconnect();

    const result = await restoreDatabase(backup.file, live);
    expect(result.previous).toBe(`${live}.before-restore`);
    const restored = createPrismaClient(`file:${live}`);
    expect(await restored.position.findUnique({ where: { code: "BK-1" } })).not.toBeNull();
    await restored.$disconnect();
  });

  it("refuses to restore a damaged backup and leaves the database alone", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-"));
    const bad = path.join(dir, "bad.db");
    fs.writeFileSync(bad, "this is not a database");
    const live = path.join(dir, "live.db");
    fs.writeFileSync(live, "keep me");
    await expect(restoreDatabase(bad, live)).rejects.toThrow();
    expect(fs.readFileSync(live, "utf8")).toBe("keep me");
  });

  it("refuses a restore over a PostgreSQL database, naming its own tools, and touches no file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-"));
    const backup = path.join(dir, "b.db");
    fs.writeFileSync(backup, "a backup");
    const restore = restoreDatabase(backup, "postgres://app@db.example/hr");
    await expect(restore).rejects.toBeInstanceOf(PostgresBackupError);
    await expect(restore).rejects.toThrow(/pg_dump.*README/);
    expect(fs.readdirSync(dir)).toEqual(["b.db"]);
  });

  it.runIf(onPostgres)("refuses a backup of PostgreSQL rather than copying anything, and its integrity check answers ok", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "backup-"));
    await expect(backupDatabase(db, path.join(dir, "b.db"))).rejects.toBeInstanceOf(PostgresBackupError);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(await rows(db, integrityCheck)).toEqual([{ integrity_check: "ok" }]);
  });
});
