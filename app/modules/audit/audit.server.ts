import type { Db } from "~/utils/db.server";

type Tx = Pick<Db, "auditLog">;

/** Appends to the audit log (the table refuses UPDATE and DELETE). `before`/`after` are stored as JSON. */
export async function audit(
  db: Tx,
  entry: { actorId: string | null; action: string; entity: string; entityId: string; before?: unknown; after?: unknown },
) {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    },
  });
}
