import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { checkDatabaseSettings, db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { migratePostgres } from "~/utils/pg-migrate.server";
import { isPostgresUrl } from "~/utils/postgres.server";
import { loadTemplates } from "~/modules/surveys/campaigns/templates.server";
import { startScheduler } from "./jobs/scheduler.server";

/** Applies committed migrations: SQLite's with Prisma's CLI (Wasm engine, no download), PostgreSQL's with our migrator. */
export async function migrateDatabase() {
  const env = getEnv();
  if (isPostgresUrl(env.DATABASE_URL)) return void (await migratePostgres(env.DATABASE_URL));
  fs.mkdirSync(path.dirname(env.databasePath), { recursive: true });
  const require = createRequire(import.meta.url);
  const prismaCli = require.resolve("prisma/build/index.js");
  execFileSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    stdio: env.LOG_LEVEL === "silent" ? "ignore" : ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: env.DATABASE_URL },
  });
}

/** Everything that must hold before the server accepts a request; then the background jobs start. */
export async function prepare(options: { seed?: () => Promise<unknown> } = {}) {
  await migrateDatabase();
  const settings = await checkDatabaseSettings();
  loadTemplates();
  if (getEnv().SEED_DEMO === "true" && options.seed && (await db.unit.count()) === 0) await options.seed();
  // All background work (closing surveys, kept figures, purges, the outbox, KPI feeds) runs
  // under the scheduler's leases: app/server/jobs/.
  startScheduler();
  return settings;
}
