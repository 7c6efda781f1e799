import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, Field, FormErrors, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { httpUrl } from "~/modules/integration/http-url";
import { failedMessages, getChannel, outboxCounts, retryFailed, saveChannel } from "~/modules/notifications/channel.server";
import { CHANNEL_FORMATS } from "~/modules/notifications/channel-formats";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { optionalTrimmed, z } from "~/utils/validation";
import { formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

const ChannelSchema = z
  .object({
    intent: z.literal("save"),
    url: httpUrl,
    format: z.enum(CHANNEL_FORMATS),
    secret: optionalTrimmed(200),
    clearSecret: z.literal("on").optional(),
    enabled: z.literal("on").optional(),
  })
  .strict();
const RetrySchema = z.object({ intent: z.literal("retry"), id: z.string().min(1).max(64).optional() }).strict();

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "system.admin");
  const [channel, counts, failed] = await Promise.all([getChannel(db), outboxCounts(db), failedMessages(db)]);
  return {
    channel: channel ? { url: channel.url, format: channel.format, enabled: channel.enabled, hasSecret: channel.hasSecret } : null,
    counts,
    failed: failed.map((m) => ({ ...m, createdAt: m.createdAt.toISOString() })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "system.admin");
  const formData = await args.request.formData();
  if (formData.get("intent") === "retry") {
    const parsed = RetrySchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, 400);
    await retryFailed(db, user.userId, parsed.data.id);
    return redirectWithFlash("/admin/notifications", { kind: "success", message: "channel.retried" });
  }
  const submission = parseWithZod(formData, { schema: ChannelSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { url, format, secret, clearSecret, enabled } = submission.value;
  await saveChannel(db, user.userId, { url, format, enabled: enabled === "on", secret: clearSecret ? null : secret });
  return redirectWithFlash("/admin/notifications", { kind: "success", message: "channel.saved" });
}

export default function NotificationChannel() {
  const t = useT();
  const { channel, counts, failed } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: {
      url: channel?.url ?? "",
      format: channel?.format ?? "generic",
      enabled: channel ? (channel.enabled ? "on" : undefined) : "on",
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChannelSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader title={t("channel.title")}>
        <p className="hint">{t("channel.intro")}</p>
      </PageHeader>
      {channel ? null : <p className="notice warn">{t("channel.notConfigured")}</p>}

      <div className="panel">
        <Form method="post" {...getFormProps(form)} className="grid-form">
          <input type="hidden" name="intent" value="save" />
          <Field meta={fields.url} label={t("channel.url")} type="url" />
          <SelectField
            meta={fields.format}
            label={t("channel.format")}
            options={CHANNEL_FORMATS.map((f) => ({ value: f, label: t(`channel.format.${f}`) }))}
          />
          <Field meta={fields.secret} label={t("channel.secret")} type="password" autoComplete="off" hint={t("channel.secretHint")} />
          {channel?.hasSecret ? (
            <label>
              <input type="checkbox" name="clearSecret" value="on" /> {t("channel.clearSecret")} ({t("channel.secretSet")})
            </label>
          ) : null}
          <label>
            <input {...getInputProps(fields.enabled, { type: "checkbox", value: "on" })} /> {t("channel.enabled")}
          </label>
          <FormErrors errors={form.errors} />
          <SubmitButton>{t("common.save")}</SubmitButton>
        </Form>
      </div>

      <h2>{t("channel.outbox")}</h2>
      <div className="stats">
        {(["pending", "delivered", "failed"] as const).map((status) => (
          <div key={status} className="card">
            <div className="hint">{t(`channel.status.${status}`)}</div>
            <div className="stat">{counts[status]}</div>
          </div>
        ))}
      </div>

      <h2>{t("channel.failedList")}</h2>
      {failed.length === 0 ? (
        <EmptyState>{t("channel.noFailed")}</EmptyState>
      ) : (
        <>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="retry" />
            <button type="submit">{t("channel.retryAll")}</button>
          </Form>
          <DataTable
            rows={failed}
            rowKey={(m) => m.id}
            columns={[
              { key: "type", header: "channel.type", cell: (m) => <code>{m.type}</code> },
              { key: "createdAt", header: "tokens.createdAt", cell: (m) => formatDateTime(m.createdAt) },
              { key: "attempts", header: "channel.attempts", numeric: true, cell: (m) => m.attempts },
              { key: "lastError", header: "channel.lastError", cell: (m) => m.lastError },
              {
                key: "actions",
                header: "common.actions",
                cell: (m) => (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="retry" />
                    <input type="hidden" name="id" value={m.id} />
                    <button type="submit">{t("channel.retry")}</button>
                  </Form>
                ),
              },
            ]}
          />
        </>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
