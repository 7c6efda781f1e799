import { execFileSync } from "node:child_process";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { PG_SCHEMA_DIR, schemaDrift } from "../../scripts/pg-schema";
import { adminQuery, createDatabase, postgresUrl } from "../../scripts/postgres.mjs";

describe("the PostgreSQL schema", () => {
  it("is derived from the models in prisma/schema/ (npm run db:pg-schema)", () => {
    expect(schemaDrift()).toEqual([]);
  });

  // The catalog of a database: every column with its type, nullability and default, every index and constraint.
  const CATALOG = `
    SELECT 'column ' || table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') AS line
      FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
    UNION ALL SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
    UNION ALL SELECT 'constraint ' || conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid)
      FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations'
    ORDER BY 1`;

  it.runIf(process.env.TEST_TEMPLATE_PG)(
    "its migrations build exactly what the derived models give",
    async () => {
      const script = execFileSync(
        process.execPath,
        [
          path.resolve("node_modules/prisma/build/index.js"),
          "migrate",
          "diff",
          "--from-empty",
          "--to-schema-datamodel",
          PG_SCHEMA_DIR,
          "--script",
        ],
        { encoding: "utf8", env: { ...process.env, DATABASE_URL: postgresUrl() }, stdio: ["ignore", "pipe", "ignore"] },
      );
      const scratch = `${process.env.TEST_PG_PREFIX}_models`;
      await createDatabase(scratch);
      try {
        const catalog = async (database: string, sql?: string) => {
          const client = new pg.Client({ connectionString: postgresUrl(database) });
          await client.connect();
          try {
            if (sql) await client.query(sql);
            return (await client.query<{ line: string }>(CATALOG)).rows.map((r) => r.line);
          } finally {
            await client.end();
          }
        };
        const fromModels = await catalog(scratch, script);
        const fromMigrations = await catalog(process.env.TEST_TEMPLATE_PG!);
        // A model changed without its PostgreSQL migration shows here as what differs.
        expect(fromMigrations.filter((l) => !fromModels.includes(l))).toEqual([]);
        expect(fromModels.filter((l) => !fromMigrations.includes(l))).toEqual([]);
      } finally {
        await adminQuery(`DROP DATABASE IF EXISTS "${scratch}"`);
      }
    },
    120_000,
  );
});
