import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { Field, FormErrors, SelectField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { EmployeeSchema, LEVELS, TRACKS } from "~/modules/org/org";
import { pick } from "~/utils/i18n";

type Option = { code: string; nameZh: string; nameEn: string };

export function EmployeeForm({
  lastResult,
  defaultValue,
  units,
  positions,
  submitLabel,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, string>;
  units: (Option & { depth: number })[];
  positions: Option[];
  submitLabel: string;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    lastResult,
    defaultValue,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EmployeeSchema }),
    shouldRevalidate: "onInput",
  });
  const track = (fields.track.value as keyof typeof LEVELS | undefined) ?? "skill";
  return (
    <Form method="post" {...getFormProps(form)} className="grid-form">
      <input type="hidden" name="intent" value="save" />
      <Field meta={fields.employeeNo} label={t("org.employeeNo")} />
      <Field meta={fields.name} label={t("org.name")} />
      <Field meta={fields.email} label={t("auth.email")} type="email" />
      <SelectField
        meta={fields.unitCode}
        label={t("org.unit")}
        placeholder=""
        options={units.map((u) => ({ value: u.code, label: `${"— ".repeat(u.depth)}${pick(locale, u)}` }))}
      />
      <SelectField
        meta={fields.positionCode}
        label={t("org.position")}
        placeholder=""
        options={positions.map((p) => ({ value: p.code, label: pick(locale, p) }))}
      />
      <SelectField
        meta={fields.track}
        label={t("org.track")}
        placeholder=""
        options={TRACKS.map((k) => ({ value: k, label: t(`track.${k}`) }))}
      />
      <SelectField
        meta={fields.level}
        label={t("org.level")}
        placeholder=""
        options={(LEVELS[track] ?? []).map((l) => ({ value: l, label: l }))}
      />
      <Field meta={fields.hireDate} label={t("org.hireDate")} type="date" />
      <Field meta={fields.managerNo} label={t("org.managerNo")} hint={t("org.managerNoHint")} />
      <Field meta={fields.wecomUserId} label={t("identity.wecomUserId")} hint={t("identity.platformIdHint")} />
      <Field meta={fields.dingtalkUserId} label={t("identity.dingtalkUserId")} />
      <FormErrors errors={form.errors} />
      <SubmitButton>{submitLabel}</SubmitButton>
    </Form>
  );
}
