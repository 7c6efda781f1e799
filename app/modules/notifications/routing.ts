/** Where a person wants their own messages. */
export const MESSAGE_CHANNELS = ["email", "wecom", "dingtalk"] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

export type Delivery =
  { via: "email"; to: string } | { via: "wecom"; userId: string } | { via: "dingtalk"; userId: string } | { via: "webhook" };

export type RecipientAddresses = {
  email: string;
  wecomUserId: string | null;
  dingtalkUserId: string | null;
  messageChannel: string | null;
};

/** Messages that carry a secret (a password-reset link) go to the person only, never to a group channel. */
export function isPersonalOnly(type: string) {
  return type === "account.passwordReset";
}

/**
 * How one message travels: to the person by their preference (e-mail when they have none),
 * else by another personal channel that reaches them, else to the group webhook. null: nothing
 * can carry it now, and it waits in the outbox.
 */
export function chooseDelivery(
  type: string,
  recipient: RecipientAddresses | null,
  available: { email: boolean; wecom: boolean; dingtalk: boolean; webhook: boolean },
): Delivery | null {
  if (recipient) {
    const reach: Record<MessageChannel, Delivery | null> = {
      email: available.email ? { via: "email", to: recipient.email } : null,
      wecom: available.wecom && recipient.wecomUserId ? { via: "wecom", userId: recipient.wecomUserId } : null,
      dingtalk: available.dingtalk && recipient.dingtalkUserId ? { via: "dingtalk", userId: recipient.dingtalkUserId } : null,
    };
    const preferred = (MESSAGE_CHANNELS as readonly string[]).includes(recipient.messageChannel ?? "")
      ? (recipient.messageChannel as MessageChannel)
      : "email";
    const personal = reach[preferred] ?? reach.email ?? reach.wecom ?? reach.dingtalk;
    if (personal) return personal;
    if (isPersonalOnly(type)) return null;
  }
  return available.webhook ? { via: "webhook" } : null;
}
