import type { Transporter } from "nodemailer";
import type { Db } from "~/utils/db.server";
import { activeProvider } from "~/modules/identity/provider-settings.server";
import {
  dingtalkSendWorkNotice,
  PlatformError,
  wecomSendMessage,
  type DingTalkApp,
  type WeComApp,
} from "~/modules/identity/platforms.server";
import { sendMail, smtpFailure, smtpTransport } from "./mail.server";
import type { MessageText } from "./message-text";
import type { Delivery } from "./routing";

export type PersonalChannels = {
  mail: { transport: Transporter; from: string } | null;
  wecom: WeComApp | null;
  dingtalk: DingTalkApp | null;
  close(): void;
};

/** The personal channels that are switched on, for one delivery run. */
export async function personalChannels(db: Db): Promise<PersonalChannels> {
  const [smtp, wecom, dingtalk] = await Promise.all([
    activeProvider(db, "smtp"),
    activeProvider(db, "wecom"),
    activeProvider(db, "dingtalk"),
  ]);
  const transport = smtp ? smtpTransport(smtp) : null;
  return {
    mail: transport && smtp ? { transport, from: smtp.config.from } : null,
    wecom: wecom?.config.messages ? { corpId: wecom.config.corpId, agentId: wecom.config.agentId, secret: wecom.secret } : null,
    dingtalk: dingtalk?.config.messages
      ? { appKey: dingtalk.config.appKey, agentId: dingtalk.config.agentId, secret: dingtalk.secret }
      : null,
    close: () => transport?.close(),
  };
}

export type Outcome = { ok: true } | { ok: false; error: string; receiverDown: boolean };

/** Platform errcodes that say the platform itself is struggling: system busy, rate limits. */
const PLATFORM_DOWN = new Set(["-1", "45009", "45033", "90018", "timeout", "network"]);

function both(text: MessageText, link: string | undefined) {
  return [text.bodyZh, text.bodyEn, ...(link ? [link] : [])];
}

/** Sends one personal message; never throws. */
export async function sendPersonal(
  channels: PersonalChannels,
  delivery: Exclude<Delivery, { via: "webhook" }>,
  message: { id: string; text: MessageText; link?: string },
): Promise<Outcome> {
  const { text, link } = message;
  const title = `${text.titleZh} · ${text.titleEn}`;
  try {
    if (delivery.via === "email") {
      await sendMail(channels.mail!.transport, channels.mail!.from, {
        to: delivery.to,
        subject: title,
        text: both(text, link).join("\n\n") + "\n",
        messageId: message.id,
      });
    } else if (delivery.via === "wecom") {
      await wecomSendMessage(channels.wecom!, delivery.userId, { title, description: `${text.bodyZh}\n${text.bodyEn}`, url: link ?? "" });
    } else {
      const lines = [`### ${title}`, text.bodyZh, text.bodyEn, ...(link ? [`[查看 · Open](${link})`] : [])];
      await dingtalkSendWorkNotice(channels.dingtalk!, delivery.userId, { title: text.titleZh, text: lines.join("\n\n") });
    }
    return { ok: true };
  } catch (error) {
    if (error instanceof PlatformError) {
      const status = /^HTTP (\d+)$/.exec(error.code);
      return {
        ok: false,
        error: error.message,
        receiverDown: PLATFORM_DOWN.has(error.code) || (status !== null && Number(status[1]) >= 500),
      };
    }
    if (delivery.via === "email") return { ok: false, ...smtpFailure(error) };
    return { ok: false, error: "unexpected error", receiverDown: true };
  }
}
