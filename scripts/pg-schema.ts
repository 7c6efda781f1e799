// The PostgreSQL schema is derived, never edited: one set of models lives in prisma/schema/
// (SQLite, the embedded default), and this script writes prisma/postgres/schema/ from it, the
// same models with the PostgreSQL datasource and their own generated client. Its migrations live
// in prisma/postgres/migrations/; `npm run db:migration` writes both folders' next migration.
//
//   tsx scripts/pg-schema.ts          writes the derived schema
//   tsx scripts/pg-schema.ts --check  fails when the derived schema is not what the models give
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const SQLITE_SCHEMA_DIR = path.join("prisma", "schema");
export const PG_SCHEMA_DIR = path.join("prisma", "postgres", "schema");
export const PG_MIGRATIONS_DIR = path.join("prisma", "postgres", "migrations");

const HEADER = "// Derived from prisma/schema/ by scripts/pg-schema.ts: edit the models there, then run `npm run db:pg-schema`.\n";

/** The derived files, by name: the models unchanged, the generator and datasource for PostgreSQL. */
export function derivedSchema(): Map<string, string> {
  const out = new Map<string, string>();
  for (const name of fs
    .readdirSync(SQLITE_SCHEMA_DIR)
    .filter((f) => f.endsWith(".prisma"))
    .sort()) {
    let text = fs.readFileSync(path.join(SQLITE_SCHEMA_DIR, name), "utf8");
    if (name === "main.prisma") {
      const replaced = text
        .replace(/output(\s*)= "\.\.\/\.\.\/app\/generated\/prisma"/, 'output$1= "../../../app/generated/prisma-pg"')
        .replace(/provider = "sqlite"/, 'provider = "postgresql"');
      if (replaced === text || !replaced.includes("prisma-pg") || !replaced.includes('"postgresql"'))
        throw new Error("prisma/schema/main.prisma: the generator output or the datasource provider is not where the derivation expects");
      text = replaced;
    }
    out.set(name, HEADER + text);
  }
  return out;
}

/** Names of derived files that differ from what is committed (missing, changed or left over). */
export function schemaDrift(): string[] {
  const want = derivedSchema();
  const have = fs.existsSync(PG_SCHEMA_DIR) ? fs.readdirSync(PG_SCHEMA_DIR).filter((f) => f.endsWith(".prisma")) : [];
  const drift = [...want].filter(
    ([name, text]) => !have.includes(name) || fs.readFileSync(path.join(PG_SCHEMA_DIR, name), "utf8") !== text,
  );
  return [...drift.map(([name]) => name), ...have.filter((name) => !want.has(name))].sort();
}

export function writeDerivedSchema() {
  fs.mkdirSync(PG_SCHEMA_DIR, { recursive: true });
  const want = derivedSchema();
  for (const name of fs.readdirSync(PG_SCHEMA_DIR)) if (!want.has(name)) fs.rmSync(path.join(PG_SCHEMA_DIR, name));
  for (const [name, text] of want) fs.writeFileSync(path.join(PG_SCHEMA_DIR, name), text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--check")) {
    const drift = schemaDrift();
    if (drift.length) {
      console.error(`prisma/postgres/schema/ is not what prisma/schema/ gives (${drift.join(", ")}): run npm run db:pg-schema`);
      process.exit(1);
    }
  } else {
    writeDerivedSchema();
    console.log(`Wrote ${PG_SCHEMA_DIR}.`);
  }
}
