import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { openSecret } from "~/modules/integration/secrets.server";
import { MAX_ATTEMPTS, retryDelayMs } from "./backoff";
import { channelForDelivery } from "./channel.server";
import { buildWebhookRequest, isAccepted } from "./formats.server";
import { messageText } from "./message-text";
import { personalChannels, sendPersonal, type Outcome } from "./personal.server";
import { chooseDelivery, type Delivery } from "./routing";

/** A claimed message is not picked again for this long, so a crash mid-send retries later, not twice now. */
const CLAIM_MS = 5 * 60 * 1000;

export type DeliveryOptions = { now?: Date; batchSize?: number; timeoutMs?: number; random?: () => number };
export type DeliveryReport = { delivered: number; retrying: number; failed: number };

/**
 * A payload may carry a link sealed under the server secret (a password-reset link): it is
 * opened only to send, and the payload is emptied once the message is delivered or given up.
 */
function openPayload(payloadJson: string): { payload: Record<string, unknown>; sealed: boolean } {
  const payload = JSON.parse(payloadJson) as Record<string, unknown>;
  if (typeof payload.linkSealed !== "string") return { payload, sealed: false };
  const { linkSealed, ...rest } = payload;
  return { payload: { ...rest, link: openSecret(linkSealed as string) }, sealed: true };
}

/**
 * Sends the messages that are due, oldest first: each person's own messages by their
 * preference (e-mail, WeCom application message or DingTalk work notification), the rest to the
 * configured webhook. Each message carries its id as idempotency key, so a receiver can drop a
 * repeat after an unclear outcome. When a receiver is unreachable the messages for it wait
 * without spending their attempts; the others go on.
 */
export async function deliverDueNotifications(db: Db, options: DeliveryOptions = {}): Promise<DeliveryReport> {
  const report: DeliveryReport = { delivered: 0, retrying: 0, failed: 0 };
  const [channel, personal] = await Promise.all([channelForDelivery(db), personalChannels(db)]);
  try {
    const available = {
      email: Boolean(personal.mail),
      wecom: Boolean(personal.wecom),
      dingtalk: Boolean(personal.dingtalk),
      webhook: Boolean(channel),
    };
    if (!available.email && !available.wecom && !available.dingtalk && !available.webhook) return report;
    const now = options.now ?? new Date();
    const origin = getEnv().APP_ORIGIN;
    const due = await db.outboxMessage.findMany({
      where: { status: "pending", nextAttemptAt: { lte: now } },
      orderBy: [{ nextAttemptAt: "asc" }, { createdAt: "asc" }],
      take: options.batchSize ?? 50,
    });
    const recipientIds = [...new Set(due.map((m) => m.recipientId).filter((id): id is string => Boolean(id)))];
    const people = await db.employee.findMany({
      where: { id: { in: recipientIds } },
      select: { id: true, employeeNo: true, name: true, email: true, wecomUserId: true, dingtalkUserId: true, messageChannel: true },
    });
    const recipients = new Map(people.map((p) => [p.id, p]));
    const down = new Set<Delivery["via"]>();

    for (const message of due) {
      const person = message.recipientId ? (recipients.get(message.recipientId) ?? null) : null;
      const delivery = chooseDelivery(message.type, person, available);
      if (!delivery || down.has(delivery.via)) continue;
      const claimed = await db.outboxMessage.updateMany({
        where: { id: message.id, status: "pending", nextAttemptAt: message.nextAttemptAt },
        data: { nextAttemptAt: new Date(now.getTime() + CLAIM_MS) },
      });
      if (claimed.count === 0) continue;
      const { payload, sealed } = openPayload(message.payloadJson);
      let outcome: Outcome;
      if (delivery.via === "webhook") {
        const request = buildWebhookRequest(
          channel!,
          {
            id: message.id,
            type: message.type,
            createdAt: message.createdAt,
            payload,
            recipient: person ? { employeeNo: person.employeeNo, name: person.name, email: person.email } : null,
          },
          { now, origin },
        );
        try {
          const response = await fetch(request.url, { ...request.init, signal: AbortSignal.timeout(options.timeoutMs ?? 10_000) });
          const accepted = await isAccepted(channel!.format, response);
          outcome = accepted.ok ? accepted : { ok: false, error: accepted.error, receiverDown: response.status >= 500 };
        } catch (error) {
          const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
          outcome = { ok: false, error: timedOut ? "timeout" : "network error", receiverDown: true };
        }
      } else {
        const text = messageText(message.type, payload);
        const link = text.link && origin ? new URL(text.link, origin).toString() : (text.link ?? origin);
        outcome = await sendPersonal(personal, delivery, { id: message.id, text, link });
      }
      const attempts = message.attempts + 1;
      const scrub = sealed ? { payloadJson: "{}" } : {};
      if (outcome.ok) {
        await db.outboxMessage.update({
          where: { id: message.id },
          data: { status: "delivered", attempts, deliveredAt: new Date(), lastError: null, ...scrub },
        });
        report.delivered++;
        continue;
      }
      const gaveUp = attempts >= MAX_ATTEMPTS;
      await db.outboxMessage.update({
        where: { id: message.id },
        data: {
          attempts,
          lastError: outcome.error,
          status: gaveUp ? "failed" : "pending",
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, options.random)),
          ...(gaveUp ? scrub : {}),
        },
      });
      if (gaveUp) report.failed++;
      else report.retrying++;
      if (outcome.receiverDown) down.add(delivery.via);
    }
    return report;
  } finally {
    personal.close();
  }
}
