import { createHmac } from "node:crypto";
import { isDiscreet, messageText } from "./message-text";

import type { ChannelFormat } from "./channel-formats";

export type Recipient = { employeeNo: string; name: string; email: string };
export type OutgoingMessage = { id: string; type: string; payload: Record<string, unknown>; createdAt: Date; recipient: Recipient | null };

/** DingTalk's signature: base64(HMAC-SHA256(secret, `${timestamp}\n${secret}`)), passed URL-encoded. */
export function dingTalkSign(secret: string, timestamp: number) {
  return createHmac("sha256", secret).update(`${timestamp}\n${secret}`).digest("base64");
}

function absolute(link: string | undefined, origin: string | undefined) {
  return link && origin ? new URL(link, origin).toString() : link;
}

/**
 * The HTTP request for one message in the channel's format. Generic JSON carries the recipient
 * (a gateway routes it to the person); group robots never name the recipient of a discreet type.
 */
export function buildWebhookRequest(
  channel: { url: string; format: ChannelFormat; secret?: string | null },
  message: OutgoingMessage,
  options: { now?: Date; origin?: string } = {},
): { url: string; init: RequestInit } {
  const text = messageText(message.type, message.payload);
  const link = absolute(text.link, options.origin);
  const headers: Record<string, string> = { "Content-Type": "application/json", "Idempotency-Key": message.id };
  let url = channel.url;
  let body: unknown;
  if (channel.format === "generic") {
    body = {
      id: message.id,
      idempotencyKey: message.id,
      type: message.type,
      createdAt: message.createdAt.toISOString(),
      recipient: message.recipient,
      title: { "zh-CN": text.titleZh, en: text.titleEn },
      text: { "zh-CN": text.bodyZh, en: text.bodyEn },
      ...(link ? { link } : {}),
      payload: message.payload,
    };
  } else {
    const named = message.recipient && !isDiscreet(message.type) ? `${message.recipient.name}：` : "";
    const lines = [`### ${text.titleZh} · ${text.titleEn}`, `${named}${text.bodyZh}`, text.bodyEn];
    if (link) lines.push(`[查看 · Open](${link})`);
    const markdown = lines.join("\n\n");
    if (channel.format === "wecom") {
      body = { msgtype: "markdown", markdown: { content: markdown } };
    } else {
      body = { msgtype: "markdown", markdown: { title: text.titleZh, text: markdown } };
      if (channel.secret) {
        const timestamp = (options.now ?? new Date()).getTime();
        const target = new URL(url);
        target.searchParams.set("timestamp", String(timestamp));
        target.searchParams.set("sign", dingTalkSign(channel.secret, timestamp));
        url = target.toString();
      }
    }
  }
  return { url, init: { method: "POST", headers, body: JSON.stringify(body), redirect: "manual" } };
}

/** Robots answer HTTP 200 with an error code in the body; only errcode 0 is a delivery. */
export async function isAccepted(format: ChannelFormat, response: Response) {
  if (!response.ok) return { ok: false as const, error: `HTTP ${response.status}` };
  if (format === "generic") return { ok: true as const };
  try {
    const body = (await response.json()) as { errcode?: number; errmsg?: string };
    return body.errcode === 0
      ? { ok: true as const }
      : { ok: false as const, error: `errcode ${body.errcode ?? "?"}: ${String(body.errmsg ?? "").slice(0, 200)}` };
  } catch {
    return { ok: false as const, error: "unreadable robot answer" };
  }
}
