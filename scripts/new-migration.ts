// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// schema as of the last migration (kept in prisma/migrations/schema.snapshot.prisma) and
// prisma/schema.prisma. `prisma migrate dev` cannot run here without a downloaded engine.
// Usage: npm run db:migration -- <name>
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}
const migrations = path.join("prisma", "migrations");
const snapshot = path.join(migrations, "schema.snapshot.prisma");
const from = fs.existsSync(snapshot) ? ["--from-schema-datamodel", snapshot] : ["--from-empty"];
const sql = execFileSync("npx", ["prisma", "migrate", "diff", ...from, "--to-schema-datamodel", path.join("prisma", "schema.prisma"), "--script"], {
  encoding: "utf8",
  env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL ?? "file:./data/app.db" },
});
if (/This is an empty migration/.test(sql) || !sql.trim()) {
  console.log("The schema has not changed since the last migration; nothing written.");
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrations, `${stamp}_${name}`);
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), sql);
fs.copyFileSync(path.join("prisma", "schema.prisma"), snapshot);
console.log(`Wrote ${path.join(dir, "migration.sql")}. Review it (hand-written SQL such as triggers goes at its end), then commit.`);
