import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { Field, FormErrors, SelectField, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { FeedFormSchema } from "~/modules/integration/feed-form";

export type FeedDefaults = Partial<
  Record<
    | "name"
    | "url"
    | "authHeaderName"
    | "authSecret"
    | "periodId"
    | "intervalMinutes"
    | "enabled"
    | "rowsPath"
    | "employeeField"
    | "kpiField"
    | "valueField",
    string
  >
>;

/** Create and edit form of a KPI feed. */
export function FeedForm({
  lastResult,
  defaults,
  periods,
  hasSecret,
}: {
  lastResult?: SubmissionResult<string[]>;
  defaults: FeedDefaults;
  periods: { id: string; code: string }[];
  hasSecret: boolean;
}) {
  const t = useT();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FeedFormSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid-form">
      <input type="hidden" name="intent" value="save" />
      <Field meta={fields.name} label={t("feeds.name")} />
      <Field meta={fields.url} label={t("feeds.url")} type="url" />
      <Field meta={fields.authHeaderName} label={t("feeds.authHeaderName")} hint={t("feeds.authHeaderHint")} />
      <Field
        meta={fields.authSecret}
        label={t("feeds.authSecret")}
        type="password"
        autoComplete="off"
        hint={hasSecret ? t("feeds.authSecretHint") : undefined}
      />
      <SelectField
        meta={fields.periodId}
        label={t("feeds.period")}
        options={periods.map((p) => ({ value: p.id, label: p.code }))}
        placeholder=""
      />
      <Field meta={fields.intervalMinutes} label={t("feeds.interval")} type="number" min={5} max={10080} />
      <fieldset className="field">
        <legend>{t("feeds.mapping")}</legend>
        <Field meta={fields.rowsPath} label={t("feeds.rowsPath")} hint={t("feeds.rowsPathHint")} />
        <Field meta={fields.employeeField} label={t("feeds.employeeField")} />
        <Field meta={fields.kpiField} label={t("feeds.kpiField")} />
        <Field meta={fields.valueField} label={t("feeds.valueField")} />
      </fieldset>
      <label>
        <input {...getInputProps(fields.enabled, { type: "checkbox", value: "on" })} /> {t("feeds.enabled")}
      </label>
      <FormErrors errors={form.errors} />
      <SubmitButton>{t("common.save")}</SubmitButton>
    </Form>
  );
}
