import { getInputProps, type FieldMetadata } from "@conform-to/react";
import { ErrorList, Field, SelectField, TextAreaField } from "~/components/forms";
import { useT } from "~/components/i18n";
import { FORMATS, TOPICS } from "~/modules/training/training";

type CourseFieldSet = Record<
  | "code"
  | "titleZh"
  | "titleEn"
  | "topic"
  | "needTopics"
  | "format"
  | "hours"
  | "costYuan"
  | "grantsCertificate"
  | "descriptionZh"
  | "descriptionEn",
  FieldMetadata<unknown>
>;

/** The course fields, shared by the new-course and edit-course forms. */
export function CourseFields({ fields, defaultNeedTopics = [] }: { fields: CourseFieldSet; defaultNeedTopics?: string[] }) {
  const t = useT();
  const chosen = new Set((fields.needTopics.initialValue as string[] | undefined) ?? defaultNeedTopics);
  return (
    <>
      <Field meta={fields.code} label={t("training.code")} />
      <Field meta={fields.titleZh} label={t("training.titleZh")} />
      <Field meta={fields.titleEn} label={t("training.titleEn")} />
      <SelectField
        meta={fields.topic}
        label={t("training.topic")}
        options={TOPICS.map((v) => ({ value: v, label: t(`training.topic.${v}`) }))}
        placeholder=""
      />
      <SelectField
        meta={fields.format}
        label={t("training.formatLabel")}
        options={FORMATS.map((v) => ({ value: v, label: t(`training.format.${v}`) }))}
        placeholder=""
      />
      <Field meta={fields.hours} label={t("training.hours")} type="number" step="0.5" min={0.5} hint={t("training.hoursHint")} />
      <Field meta={fields.costYuan} label={t("training.costYuan")} type="number" step="0.01" min={0} hint={t("training.costHint")} />
      <fieldset className="field" style={{ gridColumn: "1 / -1", border: "none", padding: 0 }}>
        <legend>{t("training.needTopics")}</legend>
        <small className="hint">{t("training.needTopicsHint")}</small>
        <div className="inline-form">
          {TOPICS.map((topic) => (
            <label key={topic}>
              <input type="checkbox" name={fields.needTopics.name} value={topic} defaultChecked={chosen.has(topic)} />{" "}
              {t(`training.topic.${topic}`)}
            </label>
          ))}
        </div>
        <ErrorList errors={fields.needTopics.errors} />
      </fieldset>
      <label className="field">
        <span>
          <input {...getInputProps(fields.grantsCertificate as FieldMetadata<boolean>, { type: "checkbox" })} />{" "}
          {t("training.grantsCertificate")}
        </span>
      </label>
      <TextAreaField meta={fields.descriptionZh} label={t("training.descriptionZh")} rows={3} />
      <TextAreaField meta={fields.descriptionEn} label={t("training.descriptionEn")} rows={3} />
    </>
  );
}
