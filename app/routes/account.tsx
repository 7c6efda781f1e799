import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { changePassword } from "~/modules/auth/auth.server";
import { clearSessionCookie, localeCookie } from "~/modules/auth/cookie.server";
import { requireUser } from "~/modules/auth/guards.server";
import { MESSAGE_CHANNELS } from "~/modules/notifications/routing";
import { accountChanges } from "~/modules/org/accounts.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { LOCALES } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { formatDateTime } from "~/utils/format";

const PasswordSchema = z
  .object({
    intent: z.literal("password"),
    current: z.string().min(1).max(1024),
    next: z.string().min(1).max(1024),
    confirm: z.string().min(1).max(1024),
  })
  .refine((v) => v.next === v.confirm, { path: ["confirm"], message: "errors.passwordMismatch" });
const LocaleSchema = z.object({ intent: z.literal("locale"), locale: z.enum(LOCALES) });
const ChannelSchema = z.object({ intent: z.literal("channel"), channel: z.enum(MESSAGE_CHANNELS) }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const employee = user.employeeId
    ? await db.employee.findUnique({
        where: { id: user.employeeId },
        select: { messageChannel: true, wecomUserId: true, dingtalkUserId: true },
      })
    : null;
  return {
    email: user.email,
    locale: user.locale,
    changes: await accountChanges(db, user.userId),
    messages: employee
      ? { channel: employee.messageChannel ?? "email", wecom: Boolean(employee.wecomUserId), dingtalk: Boolean(employee.dingtalkUserId) }
      : null,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const formData = await args.request.formData();
  if (formData.get("intent") === "locale") {
    const parsed = LocaleSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) throw new Response("Bad request", { status: 400 });
    await db.user.update({ where: { id: user.userId }, data: { locale: parsed.data.locale } });
    return redirectWithFlash(
      "/account",
      { kind: "success", message: "account.localeSaved" },
      { headers: { "Set-Cookie": localeCookie(parsed.data.locale) } },
    );
  }
  if (formData.get("intent") === "channel") {
    const parsed = ChannelSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success || !user.employeeId) throw new Response("Bad request", { status: 400 });
    await db.employee.update({ where: { id: user.employeeId }, data: { messageChannel: parsed.data.channel } });
    return redirectWithFlash("/account", { kind: "success", message: "identity.channelSaved" });
  }
  const submission = parseWithZod(formData, { schema: PasswordSchema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: ["current", "next", "confirm"] }), { status: 400 });
  const result = await changePassword(db, user.userId, submission.value.current, submission.value.next);
  if (!result.ok)
    return data(submission.reply({ fieldErrors: { [result.field]: [result.error] }, hideFields: ["current", "next", "confirm"] }), {
      status: 400,
    });
  // Every session of this user ended, this one included: sign in again with the new password.
  return redirectWithFlash(
    "/login",
    { kind: "success", message: "account.passwordChanged" },
    { headers: { "Set-Cookie": clearSessionCookie() } },
  );
}

export default function Account() {
  const t = useT();
  const { email, locale, changes, messages } = useLoaderData<typeof loader>();
  const when = formatDateTime;
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader title={t("account.title")}>
        <p>{email}</p>
      </PageHeader>
      <div className="panel">
        <h2>{t("account.language")}</h2>
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="locale" />
          <label htmlFor="locale">{t("account.language")}</label>
          <select id="locale" name="locale" defaultValue={locale}>
            <option value="zh-CN">简体中文</option>
            <option value="en">English</option>
          </select>
          <button type="submit">{t("common.save")}</button>
        </Form>
      </div>
      {messages ? (
        <div className="panel">
          <h2>{t("identity.channelTitle")}</h2>
          <p className="hint">{t("identity.channelHint")}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="channel" />
            <label htmlFor="channel">{t("identity.channelLabel")}</label>
            <select id="channel" name="channel" defaultValue={messages.channel}>
              {MESSAGE_CHANNELS.map((c) => (
                <option key={c} value={c} disabled={c !== "email" && !messages[c]}>
                  {t(`identity.channel.${c}`)}
                  {c !== "email" && !messages[c] ? ` (${t("identity.channelNotLinked")})` : ""}
                </option>
              ))}
            </select>
            <button type="submit">{t("common.save")}</button>
          </Form>
        </div>
      ) : null}
      <div className="panel" id="changes" data-testid="account-changes">
        <h2>{t("accounts.changesTitle")}</h2>
        {changes.length === 0 ? (
          <p className="hint">{t("accounts.changesNone")}</p>
        ) : (
          <ul>
            {changes.map((c, i) => (
              <li key={i}>
                {when(c.at)} ·{" "}
                {t(`accounts.change.${c.action}` as "accounts.change.user.role", { role: c.role ? t(`role.${c.role}`) : "" })}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="panel">
        <h2>{t("account.changePassword")}</h2>
        <p className="hint">{t("account.passwordRules")}</p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="password" />
          <Field meta={fields.current} label={t("account.currentPassword")} type="password" autoComplete="current-password" />
          <Field meta={fields.next} label={t("account.newPassword")} type="password" autoComplete="new-password" />
          <Field meta={fields.confirm} label={t("account.confirmPassword")} type="password" autoComplete="new-password" />
          <FormErrors errors={form.errors} />
          <SubmitButton>{t("account.changePassword")}</SubmitButton>
        </Form>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
