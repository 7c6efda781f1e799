// Online backup of the running database: npm run backup -- [file]
import path from "node:path";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { backupDatabase, PostgresBackupError } from "~/modules/ops/backup.server";

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? path.join(path.dirname(getEnv().databasePath), "backups", `app-${stamp}.db`);
try {
  const result = await backupDatabase(db, target);
  console.log(`Backup written and checked (integrity ok): ${result.file} (${result.bytes} bytes)`);
} catch (error) {
  if (!(error instanceof PostgresBackupError)) throw error;
  console.error(error.message);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
}
