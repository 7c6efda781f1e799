// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// database the committed migrations build and the models in prisma/schema/ (see schema-diff.ts),
// and its PostgreSQL twin in prisma/postgres/migrations/: the derived schema is written again and
// the difference between the one committed before and the new one is its migration.
// `prisma migrate dev` cannot run here without a downloaded engine.
// Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { PG_MIGRATIONS_DIR, PG_SCHEMA_DIR, writeDerivedSchema } from "./pg-schema";
import { startPostgres } from "./postgres.mjs";
import { MIGRATIONS_DIR, pendingSchemaSql } from "./schema-diff";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}
const sql = pendingSchemaSql();
if (!sql) {
  console.log("The models have not changed since the last migration; nothing written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);

const before = fs.mkdtempSync(path.join(os.tmpdir(), "pg-schema-"));
fs.cpSync(PG_SCHEMA_DIR, before, { recursive: true });
writeDerivedSchema();
const pgSql = execFileSync(
  process.execPath,
  [
    path.resolve("node_modules/prisma/build/index.js"),
    "migrate",
    "diff",
    "--from-schema-datamodel",
    before,
    "--to-schema-datamodel",
    PG_SCHEMA_DIR,
    "--script",
  ],
  // Prisma's schema engine reaches PostgreSQL through the driver adapter even to compare two schemas: the local test server.
  { encoding: "utf8", env: { ...process.env, DATABASE_URL: startPostgres() }, stdio: ["ignore", "pipe", "inherit"] },
);
fs.rmSync(before, { recursive: true, force: true });
const pgDir = path.join(PG_MIGRATIONS_DIR, `${stamp}_${name}`);
fs.mkdirSync(pgDir, { recursive: true });
fs.writeFileSync(path.join(pgDir, "migration.sql"), `${pgSql.trim()}\n`);
console.log(
  `Wrote ${path.join(dir, "migration.sql")} and ${path.join(pgDir, "migration.sql")}. Review them (hand-written SQL such as triggers goes at their end, in each dialect), then commit.`,
);
