import { sqliteDate, type BulkTransaction, type Db } from "~/utils/db.server";
import { insertAuditEntry } from "./queries.server";

type Tx = Pick<Db, "auditLog">;
type Entry = { actorId: string | null; action: string; entity: string; entityId: string; before?: unknown; after?: unknown };

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

/** Appends to the audit log (the table refuses UPDATE and DELETE). `before`/`after` are stored as JSON. */
export async function audit(db: Tx, entry: Entry) {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: json(entry.before),
      after: json(entry.after),
    },
  });
}

/** The same entry inside a bulk write (see `bulkWrite`). */
export async function auditBulk(tx: BulkTransaction, entry: Entry) {
  await insertAuditEntry(tx, {
    ...entry,
    before: json(entry.before),
    after: json(entry.after),
    at: sqliteDate(new Date()),
  });
}
