// Generates both Prisma clients: SQLite's from prisma/schema/ and PostgreSQL's from the derived
// prisma/postgres/schema/ (prisma.config.ts picks the schema by DATABASE_URL).
import { execFileSync } from "node:child_process";
import path from "node:path";

const prisma = path.resolve("node_modules", "prisma", "build", "index.js");
for (const url of ["file:./data/app.db", "postgresql://localhost/generate"]) {
  execFileSync(process.execPath, [prisma, "generate"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, DATABASE_URL: url },
  });
}
