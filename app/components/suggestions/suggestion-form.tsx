import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form, useNavigation } from "@remix-run/react";
import { ErrorList, Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { SUGGESTION_CATEGORIES } from "~/modules/suggestions/rules";
import { BODY_MAX, SuggestionSchema } from "~/modules/suggestions/schemas";
import { pick } from "~/utils/i18n";

type UnitOption = { id: string; nameZh: string; nameEn: string; depth: number };

export function SuggestionForm({ lastResult, units }: { lastResult?: SubmissionResult<string[]>; units: UnitOption[] }) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  const [form, fields] = useForm({ lastResult, onValidate: ({ formData }) => parseWithZod(formData, { schema: SuggestionSchema }), shouldRevalidate: "onBlur" });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <Field meta={fields.title} label={t("suggestions.fieldTitle")} />
      <TextAreaField meta={fields.body} label={t("suggestions.fieldBody")} rows={8} hint={t("suggestions.bodyHint", { max: BODY_MAX })} />
      <SelectField
        meta={fields.category}
        label={t("suggestions.category")}
        options={SUGGESTION_CATEGORIES.map((c) => ({ value: c, label: t(`suggestions.category.${c}`) }))}
        placeholder={t("suggestions.choose")}
      />
      <SelectField
        meta={fields.unitId}
        label={t("suggestions.unit")}
        options={units.map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${pick(locale, u)}` }))}
        placeholder={t("suggestions.choose")}
      />
      <fieldset className="field">
        <legend>{t("suggestions.identity")}</legend>
        <label>
          <input {...getInputProps(fields.identity, { type: "radio", value: "named" })} /> {t("suggestions.identity.named")}
        </label>
        <label>
          <input {...getInputProps(fields.identity, { type: "radio", value: "anonymous" })} /> {t("suggestions.identity.anonymous")}
        </label>
        <small className="hint">{t("suggestions.anonymityNotice")}</small>
        <ErrorList id={fields.identity.errorId} errors={fields.identity.errors} />
      </fieldset>
      <FormErrors errors={form.errors} />
      <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
        {t("suggestions.submit")}
      </button>
    </Form>
  );
}
