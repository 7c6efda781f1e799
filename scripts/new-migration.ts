// Creates prisma/migrations/<timestamp>_<name>/migration.sql from the difference between the
// database the committed migrations build and the models in prisma/schema/ (see schema-diff.ts).
// `prisma migrate dev` cannot run here without a downloaded engine.
// Usage: npm run db:migration -- <name>
import fs from "node:fs";
import path from "node:path";
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
console.log(`Wrote ${path.join(dir, "migration.sql")}. Review it (hand-written SQL such as triggers goes at its end), then commit.`);
