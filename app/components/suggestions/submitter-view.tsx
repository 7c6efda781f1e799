import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { FormErrors, TextAreaField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { SubmitterReplySchema } from "~/modules/suggestions/schemas";
import type { SubmitterView } from "~/modules/suggestions/suggestions.server";
import { pick } from "~/utils/i18n";
import { StatusBadge, Thread } from "./thread";
import { formatDate, formatYuan } from "~/utils/format";

/** A suggestion as its submitter sees it: status, decision, reward, the thread. */
export function SubmitterSuggestion({ view }: { view: SubmitterView }) {
  const t = useT();
  const locale = useLocale();
  return (
    <>
      <div className="panel">
        <p>
          <StatusBadge status={view.status} merged={view.merged} /> · {t(`suggestions.category.${view.category}`)} ·{" "}
          {pick(locale, view.unit)} · {view.submittedAt ? formatDate(view.submittedAt) : view.period}
          {view.anonymous ? ` · ${t("suggestions.identity.anonymous")}` : ""}
        </p>
        {view.hiddenReason ? <p className="notice warn">{t("suggestions.hiddenForSubmitter", { reason: view.hiddenReason })}</p> : null}
        {view.merged ? <p className="notice">{t("suggestions.mergedForSubmitter")}</p> : null}
        {view.status === "declined" && view.declineReason ? (
          <p className="notice warn">{t("suggestions.declinedBecause", { reason: view.declineReason })}</p>
        ) : null}
        {view.reward ? (
          <p className="notice success">
            {t("suggestions.rewardForSubmitter", { amount: formatYuan(view.reward.amountFen), points: view.reward.points })}{" "}
            {view.reward.note}
          </p>
        ) : null}
        <p style={{ whiteSpace: "pre-wrap" }}>{view.body}</p>
      </div>
      <h2>{t("suggestions.thread")}</h2>
      <Thread messages={view.thread} />
    </>
  );
}

/** The submitter's reply form; `hidden` carries what the action needs besides the text (the code, on follow-up). */
export function SubmitterReplyForm({
  lastResult,
  hidden = {},
  schema = SubmitterReplySchema,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  hidden?: Record<string, string>;
  schema?: Parameters<typeof parseWithZod>[1]["schema"];
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "reply",
    lastResult: lastResult ?? undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="panel stack">
      <input type="hidden" name="intent" value="reply" />
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <TextAreaField meta={fields.body} label={t("suggestions.yourReply")} rows={4} />
      <FormErrors errors={form.errors} />
      <SubmitButton>{t("suggestions.sendReply")}</SubmitButton>
    </Form>
  );
}
