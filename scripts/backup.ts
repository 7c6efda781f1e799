// Online backup of the running database: npm run backup -- [file]
import path from "node:path";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { backupDatabase } from "~/modules/ops/backup.server";

const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const target = process.argv[2] ?? path.join(path.dirname(getEnv().databasePath), "backups", `app-${stamp}.db`);
const result = await backupDatabase(db, target);
console.log(`Backup written and checked (integrity ok): ${result.file} (${result.bytes} bytes)`);
await db.$disconnect();
