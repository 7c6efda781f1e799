// The SQL that would bring the database built by the committed migrations to the models in
// prisma/schema/: the migrations are applied to a scratch database and read back (`prisma db pull`),
// so the migrations folder is the only record of the past schema. Empty when they agree.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export const SCHEMA_DIR = path.join("prisma", "schema");
export const MIGRATIONS_DIR = path.join("prisma", "migrations");

export function pendingSchemaSql(): string {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "schema-diff-"));
  try {
    const env = { ...process.env, DATABASE_URL: `file:${path.join(scratch, "past.db")}` };
    const prismaCli = path.resolve("node_modules", "prisma", "build", "index.js");
    const prisma = (args: string[]) =>
      execFileSync(process.execPath, [prismaCli, ...args], { encoding: "utf8", env, stdio: ["ignore", "pipe", "pipe"] });
    prisma(["migrate", "deploy"]);
    // Introspection needs a schema holding only the generator and the datasource.
    const pullDir = path.join(scratch, "pull");
    fs.mkdirSync(pullDir);
    fs.copyFileSync(path.join(SCHEMA_DIR, "main.prisma"), path.join(pullDir, "main.prisma"));
    const pulled = prisma(["db", "pull", "--print", "--schema", pullDir]);
    const past = path.join(scratch, "past.prisma");
    fs.writeFileSync(past, pulled.slice(pulled.indexOf("generator ")));
    const sql = prisma(["migrate", "diff", "--from-schema-datamodel", past, "--to-schema-datamodel", SCHEMA_DIR, "--script"]);
    return /This is an empty migration/.test(sql) ? "" : sql.trim();
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
