import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import type { SubmissionResult } from "@conform-to/react";
import { Field, FormErrors, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { SessionSchema } from "~/modules/training/training";
import { withoutIntent } from "./form-data";

export function SessionForm({ lastResult, defaultCostYuan }: { lastResult?: SubmissionResult<string[]>; defaultCostYuan: number }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "new-session",
    lastResult,
    defaultValue: { costYuan: String(defaultCostYuan), testMaxScore: "100" },
    onValidate: ({ formData }) => parseWithZod(withoutIntent(formData), { schema: SessionSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid-form">
      <input type="hidden" name="intent" value="newSession" />
      <Field meta={fields.startsAt} label={t("training.startsAt")} type="datetime-local" hint={t("training.chinaTime")} />
      <Field meta={fields.endsAt} label={t("training.endsAt")} type="datetime-local" />
      <Field meta={fields.trainer} label={t("training.trainer")} />
      <Field meta={fields.place} label={t("training.place")} />
      <Field meta={fields.capacity} label={t("training.capacity")} type="number" min={1} />
      <Field meta={fields.costYuan} label={t("training.sessionCostYuan")} type="number" step="0.01" min={0} />
      <Field meta={fields.testMaxScore} label={t("training.testMaxScore")} type="number" min={1} />
      <FormErrors errors={form.errors} />
      <SubmitButton>{t("training.addSession")}</SubmitButton>
    </Form>
  );
}
