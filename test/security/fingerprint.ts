import crypto from "node:crypto";
import { db, dialectOf, sqlRead } from "~/utils/db.server";

const TABLES = {
  sqlite: `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('_prisma_migrations', 'Session', 'ThrottleBucket') ORDER BY name`,
  postgres: `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'Session', 'ThrottleBucket') ORDER BY 1`,
};

/** A fingerprint of everything in the database except sessions and throttle counters: one hash per table. */
export async function fingerprint() {
  const tables = await sqlRead<{ name: string }>(db, TABLES[dialectOf(db)]);
  const hashes: Record<string, string> = {};
  for (const { name } of tables) {
    // Every column in a fixed order (PostgreSQL's physical order of rows changes with any update).
    const rows = await sqlRead(db, `SELECT * FROM "${name}" ORDER BY 1`);
    const sorted = dialectOf(db) === "postgres" ? rows.map((r) => JSON.stringify(r, replacer)).sort() : rows;
    hashes[name] = crypto.createHash("sha256").update(JSON.stringify(sorted, replacer)).digest("hex");
  }
  return hashes;
}

const replacer = (_k: string, v: unknown) => (typeof v === "bigint" ? String(v) : v);
