import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaPg } from "@prisma/adapter-pg";

// The schema reads DATABASE_URL; without it `prisma generate` would try to download an engine.
process.env.DATABASE_URL ??= "file:./data/app.db";
const url = process.env.DATABASE_URL;
// postgres://… selects PostgreSQL: its schema and migrations are derived from prisma/schema/ (scripts/pg-schema.ts).
const postgres = /^postgres(ql)?:\/\//.test(url);
const root = postgres ? path.join("prisma", "postgres") : "prisma";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(root, "schema"),
  migrations: { path: path.join(root, "migrations"), seed: "tsx prisma/seed.ts" },
  async adapter() {
    return postgres ? new PrismaPg({ connectionString: url }) : new PrismaLibSQL({ url });
  },
});
