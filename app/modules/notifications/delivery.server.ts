import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { MAX_ATTEMPTS, retryDelayMs } from "./backoff";
import { channelForDelivery } from "./channel.server";
import { buildWebhookRequest, isAccepted } from "./formats.server";

/** A claimed message is not picked again for this long, so a crash mid-send retries later, not twice now. */
const CLAIM_MS = 5 * 60 * 1000;

export type DeliveryOptions = { now?: Date; batchSize?: number; timeoutMs?: number; random?: () => number };
export type DeliveryReport = { delivered: number; retrying: number; failed: number };

/**
 * Sends the messages that are due to the configured webhook, oldest first. Each message carries
 * its id as idempotency key, so a receiver can drop a repeat after an unclear outcome. When the
 * receiver is unreachable the batch stops: the rest wait without spending their attempts.
 */
export async function deliverDueNotifications(db: Db, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const channel = await channelForDelivery(db);
  if (!channel) return report;
  const now = options.now ?? new Date();
  const due = await db.outboxMessage.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
    take: options.batchSize ?? 50,
  });
  const recipientIds = [...new Set(due.map((m) => m.recipientId).filter((id): id is string => Boolean(id)))];
  const people = await db.employee.findMany({ where: { id: { in: recipientIds } }, select: { id: true, employeeNo: true, name: true, email: true } });
  const recipients = new Map(people.map(({ id, ...p }) => [id, p]));

  for (const message of due) {
    const claimed = await db.outboxMessage.updateMany({
      where: { id: message.id, status: "pending", nextAttemptAt: message.nextAttemptAt },
      data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
    });
    if (claimed.count === 0) continue;
    const request = buildWebhookRequest(
      channel,
      { id: message.id, type: message.type, createdAt: message.createdAt, payload: JSON.parse(message.payloadJson), recipient: message.recipientId ? (recipients.get(message.recipientId) ?? null) : null },
      { now, origin: getEnv().APP_ORIGIN },
    );
    let outcome: { ok: true } | { ok: false; error: string; receiverDown: boolean };
    try {
      const response = await fetch(request.url, { ...request.init, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
      const accepted = await isAccepted(channel.format, response);
      outcome = accepted.ok ? accepted : { ok: false, error: accepted.error, receiverDown: response.status >= 500 };
    } catch (error) {
      const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
      outcome = { ok: false, error: timedOut ? "timeout" : "network error", receiverDown: true };
    }
    const attempts = message.attempts + 1;
    if (outcome.ok) {
      await db.outboxMessage.update({ where: { id: message.id }, data: { status: "delivered", attempts, deliveredAt: new Date(), lastError: null } });
      report.delivered++;
      continue;
    }
    const gaveUp = attempts >= MAX_ATTEMPTS;
    await db.outboxMessage.update({
      where: { id: message.id },
      data: { attempts, lastError: outcome.error, status: gaveUp ? "failed" : "pending", nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, options.random)) },
    });
    if (gaveUp) report.failed++;
    else report.retrying++;
    if (outcome.receiverDown) break;
  }
  return report;
}
