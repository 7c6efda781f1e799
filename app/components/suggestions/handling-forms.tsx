import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { ErrorList, Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import {
  HandlerReplySchema,
  HideReplySchema,
  HideSchema,
  MergeSchema,
  NoteSchema,
  OwnerSchema,
  RewardSchema,
  StatusSchema,
} from "~/modules/suggestions/schemas";
import { pick } from "~/utils/i18n";

type Result = SubmissionResult<string[]> | undefined;
type Schema = Parameters<typeof parseWithZod>[1]["schema"];

function useIntentForm(intent: string, schema: Schema, lastResult: Result) {
  return useForm({ id: intent, lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema }), shouldRevalidate: "onInput" });
}

function IntentForm({
  form,
  intent,
  children,
  submit,
  confirm,
  danger,
}: {
  form: ReturnType<typeof useIntentForm>[0];
  intent: string;
  children: ReactNode;
  submit: string;
  confirm?: string;
  danger?: boolean;
}) {
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value={intent} />
      {children}
      <FormErrors errors={form.errors} />
      <button
        type="submit"
        className={danger ? "danger" : "primary"}
        onClick={
          confirm
            ? (event) => {
                if (!window.confirm(confirm)) event.preventDefault();
              }
            : undefined
        }
      >
        {submit}
      </button>
    </Form>
  );
}

export function StatusForm({ next, lastResult }: { next: readonly string[]; lastResult: Result }) {
  const t = useT();
  const [form, fields] = useIntentForm("status", StatusSchema, lastResult);
  return (
    <IntentForm form={form} intent="status" submit={t("suggestions.changeStatus")}>
      <SelectField
        meta={fields.status}
        label={t("suggestions.newStatus")}
        options={next.map((s) => ({ value: s, label: t(`suggestions.status.${s}`) }))}
        placeholder={t("suggestions.choose")}
      />
      <TextAreaField meta={fields.reason} label={t("suggestions.declineReason")} hint={t("suggestions.declineReasonHint")} rows={3} />
    </IntentForm>
  );
}

export function OwnerForm({
  owners,
  current,
  lastResult,
}: {
  owners: { id: string; role: string; name: string; scopeUnit: { nameZh: string; nameEn: string } | null }[];
  current: string | null;
  lastResult: Result;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "owner",
    lastResult,
    defaultValue: { ownerUserId: current ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OwnerSchema }),
  });
  return (
    <IntentForm form={form} intent="owner" submit={t("common.save")}>
      <SelectField
        meta={fields.ownerUserId}
        label={t("suggestions.owner")}
        options={owners.map((o) => ({
          value: o.id,
          label: `${o.name} · ${t(`role.${o.role}`)}${o.scopeUnit ? ` · ${pick(locale, o.scopeUnit)}` : ""}`,
        }))}
        placeholder={t("suggestions.noOwner")}
      />
    </IntentForm>
  );
}

export function HandlerReplyForm({ signature, lastResult }: { signature: ReactNode; lastResult: Result }) {
  const t = useT();
  const [form, fields] = useIntentForm("reply", HandlerReplySchema, lastResult);
  return (
    <IntentForm form={form} intent="reply" submit={t("suggestions.sendReply")}>
      <TextAreaField meta={fields.body} label={t("suggestions.replyToSubmitter")} rows={5} />
      <p className="hint">
        {t("suggestions.signedAs")} {signature}
      </p>
      <div className="field">
        <label>
          <input {...getInputProps(fields.signWithName, { type: "checkbox", value: "on" })} /> {t("suggestions.signWithName")}
        </label>
        <ErrorList errors={fields.signWithName.errors} />
      </div>
    </IntentForm>
  );
}

export function NoteForm({ lastResult }: { lastResult: Result }) {
  const t = useT();
  const [form, fields] = useIntentForm("note", NoteSchema, lastResult);
  return (
    <IntentForm form={form} intent="note" submit={t("suggestions.addNote")}>
      <TextAreaField meta={fields.body} label={t("suggestions.note")} rows={3} />
    </IntentForm>
  );
}

export function MergeForm({ candidates, lastResult }: { candidates: { id: string; title: string; period: string }[]; lastResult: Result }) {
  const t = useT();
  const [form, fields] = useIntentForm("merge", MergeSchema, lastResult);
  return (
    <IntentForm form={form} intent="merge" submit={t("suggestions.merge")} confirm={t("suggestions.confirmMerge")} danger>
      <SelectField
        meta={fields.targetId}
        label={t("suggestions.mergeInto")}
        options={candidates.map((c) => ({ value: c.id, label: `${c.title} (${c.period})` }))}
        placeholder={t("suggestions.choose")}
      />
    </IntentForm>
  );
}

export function HideForm({ lastResult }: { lastResult: Result }) {
  const t = useT();
  const [form, fields] = useIntentForm("hide", HideSchema, lastResult);
  return (
    <IntentForm form={form} intent="hide" submit={t("suggestions.hide")} confirm={t("suggestions.confirmHide")} danger>
      <Field meta={fields.reason} label={t("suggestions.hideReason")} hint={t("suggestions.hideReasonHint")} />
    </IntentForm>
  );
}

export function HideReplyForm({ replyId, lastResult }: { replyId: string; lastResult: Result }) {
  const t = useT();
  const [form, fields] = useIntentForm(`hideReply-${replyId}`, HideReplySchema, lastResult);
  return (
    <details>
      <summary>{t("suggestions.hideMessage")}</summary>
      <IntentForm form={form} intent="hideReply" submit={t("suggestions.hide")} confirm={t("suggestions.confirmHide")} danger>
        <input type="hidden" name="replyId" value={replyId} />
        <Field meta={fields.reason} label={t("suggestions.hideReason")} />
      </IntentForm>
    </details>
  );
}

export function RewardForm({ lastResult }: { lastResult: Result }) {
  const t = useT();
  const [form, fields] = useIntentForm("reward", RewardSchema, lastResult);
  return (
    <IntentForm form={form} intent="reward" submit={t("suggestions.giveReward")}>
      <Field meta={fields.amountYuan} label={t("suggestions.rewardAmount")} hint={t("suggestions.rewardAmountHint")} />
      <Field meta={fields.points} label={t("suggestions.rewardPoints")} type="number" min={0} step="1" />
      <Field meta={fields.note} label={t("suggestions.rewardNote")} />
    </IntentForm>
  );
}
