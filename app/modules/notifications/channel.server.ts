import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { openSecret, sealSecret } from "~/modules/integration/secrets.server";
import type { ChannelFormat } from "./channel-formats";

const CHANNEL_ID = "default";

export async function getChannel(db: Db) {
  const row = await db.notificationChannel.findUnique({ where: { id: CHANNEL_ID } });
  if (!row) return null;
  return {
    url: row.url,
    format: row.format as ChannelFormat,
    enabled: row.enabled,
    hasSecret: Boolean(row.secretSealed),
    secretSealed: row.secretSealed,
  };
}

/** The channel as the worker needs it, with the signing secret opened. */
export async function channelForDelivery(db: Db) {
  const channel = await getChannel(db);
  if (!channel || !channel.enabled) return null;
  return { url: channel.url, format: channel.format, secret: channel.secretSealed ? openSecret(channel.secretSealed) : null };
}

/** `secret`: undefined keeps the stored one, null removes it. */
export async function saveChannel(
  db: Db,
  actorId: string,
  input: { url: string; format: ChannelFormat; enabled: boolean; secret?: string | null },
) {
  const secretSealed = input.secret === undefined ? undefined : input.secret === null ? null : sealSecret(input.secret);
  await db.$transaction(async (tx) => {
    const data = {
      url: input.url,
      format: input.format,
      enabled: input.enabled,
      updatedById: actorId,
      ...(secretSealed !== undefined ? { secretSealed } : {}),
    };
    await tx.notificationChannel.upsert({ where: { id: CHANNEL_ID }, create: { id: CHANNEL_ID, ...data }, update: data });
    await audit(tx, {
      actorId,
      action: "notificationChannel.save",
      entity: "NotificationChannel",
      entityId: CHANNEL_ID,
      after: { url: input.url, format: input.format, enabled: input.enabled, secretChanged: input.secret !== undefined },
    });
  });
}

export async function outboxCounts(db: Db) {
  const rows = await db.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  const count = (status: string) => rows.find((r) => r.status === status)?._count._all ?? 0;
  return { pending: count("pending"), delivered: count("delivered"), failed: count("failed") };
}

export function failedMessages(db: Db, take = 50) {
  return db.outboxMessage.findMany({
    where: { status: "failed" },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, type: true, attempts: true, lastError: true, createdAt: true },
  });
}

/** Puts failed messages back in the queue (one, or all when no id is given). */
export async function retryFailed(db: Db, actorId: string, id?: string, now = new Date()) {
  return db.$transaction(async (tx) => {
    // A reset link's payload is emptied when it is given up: ask for a new link instead of resending it.
    const { count } = await tx.outboxMessage.updateMany({
      where: { status: "failed", type: { not: "account.passwordReset" }, ...(id ? { id } : {}) },
      data: { status: "pending", attempts: 0, nextAttemptAt: now },
    });
    await audit(tx, { actorId, action: "outbox.retry", entity: "OutboxMessage", entityId: id ?? "*", after: { count } });
    return count;
  });
}
