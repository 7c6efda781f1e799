// npm run db:migrate: applies the committed migrations to DATABASE_URL, SQLite's with Prisma's
// CLI, PostgreSQL's with app/utils/pg-migrate.server.ts.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { migratePostgres } from "../app/utils/pg-migrate.server";
import { isPostgresUrl } from "../app/utils/postgres.server";

const url = process.env.DATABASE_URL ?? "file:./data/app.db";
if (isPostgresUrl(url)) {
  const applied = await migratePostgres(url);
  console.log(applied.length ? `Applied ${applied.join(", ")}.` : "No pending migrations.");
} else {
  execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], { stdio: "inherit" });
}
