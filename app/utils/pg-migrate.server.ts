// Applies prisma/postgres/migrations/ to a PostgreSQL database, each folder once, in name order,
// each in its own transaction, recorded in Prisma's own `_prisma_migrations` table (same columns,
// same checksum), so that `prisma migrate status` reads the same history. Prisma Migrate itself
// cannot run through the PostgreSQL driver adapter today (it fails reading the catalog's `name`
// columns), and without the adapter it would download an engine.
// Run at start-up (app/server/startup.server.ts) and by `npm run db:migrate`.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

export const PG_MIGRATIONS = path.join("prisma", "postgres", "migrations");

const HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/** Applies what is pending; returns the names applied. A migration whose file changed after it was applied stops everything. */
export async function migratePostgres(url: string, dir = PG_MIGRATIONS): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // One migrator at a time, across processes (two app servers starting together).
    await client.query("SELECT pg_advisory_lock(7243001)");
    await client.query(HISTORY);
    const done = new Map(
      (
        await client.query<{ migration_name: string; checksum: string }>(
          `SELECT "migration_name", "checksum" FROM "_prisma_migrations" WHERE "finished_at" IS NOT NULL AND "rolled_back_at" IS NULL`,
        )
      ).rows.map((r) => [r.migration_name, r.checksum]),
    );
    const applied: string[] = [];
    const names = fs
      .readdirSync(dir)
      .filter((n) => fs.existsSync(path.join(dir, n, "migration.sql")))
      .sort();
    for (const name of names) {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      const checksum = crypto.createHash("sha256").update(sql).digest("hex");
      if (done.has(name)) {
        if (done.get(name) !== checksum) throw new Error(`migration ${name} was changed after it was applied`);
        continue;
      }
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "applied_steps_count") VALUES ($1, $2, now(), $3, 1)`,
          [crypto.randomUUID(), checksum, name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${(error as Error).message}`);
      }
      applied.push(name);
    }
    return applied;
  } finally {
    await client.end();
  }
}
