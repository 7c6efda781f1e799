// Restore a backup (stop the server first): npm run restore -- <file>
import { getEnv } from "~/utils/env.server";
import { PostgresBackupError, restoreDatabase } from "~/modules/ops/backup.server";

const source = process.argv[2];
if (!source) {
  console.error("Usage: npm run restore -- <backup file>   (stop the server first)");
  process.exit(2);
}
try {
  const result = await restoreDatabase(source, getEnv().DATABASE_URL);
  console.log(`Restored ${result.restored}${result.previous ? `; the previous database is kept as ${result.previous}` : ""}.`);
} catch (error) {
  if (!(error instanceof PostgresBackupError)) throw error;
  console.error(error.message);
  process.exit(2);
}
