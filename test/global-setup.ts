import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { migratePostgres } from "../app/utils/pg-migrate.server";
import { adminQuery, createDatabase, startPostgres } from "../scripts/postgres.mjs";

/**
 * Migrates one template database; each test file then works on its own copy. TEST_DATABASE=postgres
 * runs the suite on PostgreSQL (scripts/postgres.mjs starts a local server): the template is a
 * database of that server, and each file gets a database created from it.
 */
export default async function setup() {
  if (process.env.TEST_DATABASE === "postgres") return setupPostgres();
  const dir = path.resolve(".cache", `test-${process.pid}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const template = path.join(dir, "template.db");
  execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: ["ignore", "ignore", "inherit"],
  });
  process.env.TEST_TEMPLATE_DB = template;
  process.env.TEST_DB_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}

async function setupPostgres() {
  startPostgres();
  const prefix = `t${process.pid}`;
  const template = `${prefix}_template`;
  const dropAll = async () => {
    const [{ rows }] = await adminQuery(`SELECT datname FROM pg_database WHERE datname LIKE '${prefix}\\_%'`);
    await adminQuery(...rows.map(({ datname }) => `DROP DATABASE IF EXISTS "${String(datname)}" WITH (FORCE)`));
  };
  await dropAll();
  await migratePostgres(await createDatabase(template));
  process.env.TEST_TEMPLATE_PG = template;
  process.env.TEST_PG_PREFIX = prefix;
  return dropAll;
}
