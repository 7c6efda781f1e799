import nodemailer, { type Transporter } from "nodemailer";
import type { ProviderConfigs } from "~/modules/identity/provider-settings";

export type SmtpSettings = { config: ProviderConfigs["smtp"]; secret: string };

/** A transport for the stored SMTP settings; the caller closes it. */
export function smtpTransport({ config, secret }: SmtpSettings, timeoutMs = 10_000): Transporter {
  return nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === "tls",
    requireTLS: config.security === "starttls",
    ignoreTLS: config.security === "none",
    ...(config.user ? { auth: { user: config.user, pass: secret } } : {}),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
}

export type Mail = { to: string; subject: string; text: string; messageId: string };

/** Sends one mail. The outbox id goes into Message-ID, so a receiver can see a repeat for what it is. */
export async function sendMail(transport: Transporter, from: string, mail: Mail) {
  await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text, messageId: `<${mail.messageId}@gehr.outbox>` });
}

/** Whether a failure says the server is unreachable (stop the batch) or this one mail was refused. */
export function smtpFailure(error: unknown): { error: string; receiverDown: boolean } {
  const e = error as { code?: string; responseCode?: number; message?: string };
  if (typeof e.responseCode === "number") return { error: `SMTP ${e.responseCode}`, receiverDown: e.responseCode < 500 };
  return { error: `SMTP ${e.code ?? "error"}`, receiverDown: true };
}

/** Opens a connection and authenticates, for the settings page's test button. */
export async function smtpTestConnection(settings: SmtpSettings) {
  const transport = smtpTransport(settings, 8000);
  try {
    await transport.verify();
  } finally {
    transport.close();
  }
}
