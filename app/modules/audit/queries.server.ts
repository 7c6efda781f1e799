// The statements this capability runs beside Prisma; each runs as written on SQLite and PostgreSQL.
import type { BulkTransaction } from "~/utils/db.server";
import { exec } from "~/utils/sql.server";

/** One audit entry written inside a bulk write; `before`/`after` already JSON text (or null), `at` by `sqliteDate`. */
export async function insertAuditEntry(
  tx: BulkTransaction,
  entry: {
    actorId: string | null;
    action: string;
    entity: string;
    entityId: string;
    before: string | null;
    after: string | null;
    at: string;
  },
) {
  await exec(tx, `INSERT INTO "AuditLog" ("actorId","action","entity","entityId","before","after","at") VALUES (?,?,?,?,?,?,?)`, [
    entry.actorId,
    entry.action,
    entry.entity,
    entry.entityId,
    entry.before,
    entry.after,
    entry.at,
  ]);
}
