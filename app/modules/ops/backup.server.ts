import fs from "node:fs";
import path from "node:path";
import { createPrismaClient, type Db } from "~/utils/db.server";
import { databasePathFromUrl } from "~/utils/env.server";
import { isPostgresUrl } from "~/utils/postgres.server";
import { onPostgres, rows } from "~/utils/sql.server";
import { integrityCheck, vacuumInto } from "./queries.server";

/**
 * Backup and restore copy SQLite's file. A PostgreSQL database is no file of ours to copy: its
 * own tools take a consistent copy of a live server and put it back.
 */
export class PostgresBackupError extends Error {
  constructor() {
    super("The database is PostgreSQL: back it up with pg_dump and restore it with pg_restore (see the README, Quick start).");
    this.name = "PostgresBackupError";
  }
}

async function integrityOf(client: Db) {
  return (await rows(client, integrityCheck)).map((r) => r.integrity_check).join("; ");
}

/**
 * Online backup with `VACUUM INTO` (consistent while the app keeps writing; never a plain
 * file copy of a live database), then `PRAGMA integrity_check` on the copy.
 */
export async function backupDatabase(db: Db, target: string) {
  if (onPostgres(db)) throw new PostgresBackupError();
  const file = path.resolve(target);
  if (fs.existsSync(file)) throw new Error(`Backup target already exists: ${file}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  await vacuumInto(db, file);
  const copy = createPrismaClient(`file:${file}`);
  try {
    const integrity = await integrityOf(copy);
    if (integrity !== "ok") throw new Error(`Backup failed its integrity check: ${integrity}`);
  } finally {
    await copy.$disconnect();
  }
  return { file, bytes: fs.statSync(file).size };
}

/**
 * Restores a backup over the database file (`databaseUrl`: the app's `DATABASE_URL`, or the
 * file's path). The server must be stopped: the backup is checked first, the current database
 * is kept aside as `<name>.before-restore`.
 */
export async function restoreDatabase(backup: string, databaseUrl: string) {
  if (isPostgresUrl(databaseUrl)) throw new PostgresBackupError();
  const databasePath = databasePathFromUrl(databaseUrl);
  const source = path.resolve(backup);
  const check = createPrismaClient(`file:${source}`);
  try {
    const integrity = await integrityOf(check);
    if (integrity !== "ok") throw new Error(`Backup failed its integrity check: ${integrity}`);
  } finally {
    await check.$disconnect();
  }
  const keep = `${databasePath}.before-restore`;
  if (fs.existsSync(databasePath)) {
    fs.rmSync(keep, { force: true });
    fs.renameSync(databasePath, keep);
  }
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(databasePath + suffix, { force: true });
  fs.copyFileSync(source, databasePath);
  return { restored: databasePath, previous: fs.existsSync(keep) ? keep : null };
}
