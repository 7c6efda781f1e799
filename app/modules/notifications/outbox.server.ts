import type { Db } from "~/utils/db.server";

type Tx = Pick<Db, "outboxMessage">;

export type OutboundMessage = {
  type: string;
  /** One message per recipient employee; omit for a broadcast to the configured channel. */
  recipientIds?: string[];
  payload: Record<string, unknown>;
};

/** Queues messages inside the caller's transaction; a worker delivers them with retries. */
export async function enqueueNotification(db: Tx, message: OutboundMessage) {
  const payloadJson = JSON.stringify(message.payload);
  const recipients = message.recipientIds?.length ? message.recipientIds : [null];
  await db.outboxMessage.createMany({
    data: recipients.map((recipientId) => ({ type: message.type, recipientId, payloadJson })),
  });
  return recipients.length;
}
