import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ConfirmButton, Field, FormErrors, SelectField, TextAreaField } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { AddItemForm } from "~/modules/surveys/campaigns/admin-forms";
import type { SurveyItem } from "~/modules/surveys/items";
import { ITEM_TYPES } from "~/modules/surveys/campaigns/template-schema";

type Dimension = { id: string; nameZh: string; nameEn: string };

function ItemSummary({ item, number, dimensions }: { item: SurveyItem; number: number; dimensions: Dimension[] }) {
  const t = useT();
  const locale = useLocale();
  const dimension = dimensions.find((d) => d.id === item.dimension);
  return (
    <>
      <span className="survey-number">{number}.</span> {locale === "en" ? item.textEn : item.textZh}{" "}
      <span className="badge">{dimension ? (locale === "en" ? dimension.nameEn : dimension.nameZh) : item.dimension}</span>{" "}
      <span className="badge">{t(`surveys.itemType.${item.type}`)}</span>
      {item.required ? null : <span className="hint"> {t("surveys.answer.optional")}</span>}
    </>
  );
}

/** Read-only list of a launched survey's items. */
export function ItemList({ items, dimensions }: { items: SurveyItem[]; dimensions: Dimension[] }) {
  return (
    <ul className="survey-item-list">
      {items.map((item, i) => (
        <li key={item.id}>
          <ItemSummary item={item} number={i + 1} dimensions={dimensions} />
        </li>
      ))}
    </ul>
  );
}

/** Each item's texts can be edited or the item dropped; new items are added at the end. */
export function ItemsEditor({
  items,
  dimensions,
  lastResult,
}: {
  items: SurveyItem[];
  dimensions: Dimension[];
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "add-item",
    lastResult,
    defaultValue: { dimension: dimensions[0]?.id ?? "", type: "likert5", required: "on" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddItemForm }),
    shouldRevalidate: "onInput",
  });
  return (
    <>
      <ul className="survey-item-list">
        {items.map((item, i) => (
          <li key={item.id} data-item={item.id}>
            <details>
              <summary>
                <ItemSummary item={item} number={i + 1} dimensions={dimensions} />
              </summary>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="editItem" />
                <input type="hidden" name="itemId" value={item.id} />
                <label>
                  {t("surveys.admin.textZh")} <input name="textZh" defaultValue={item.textZh} required maxLength={500} size={50} />
                </label>
                <label>
                  {t("surveys.admin.textEn")} <input name="textEn" defaultValue={item.textEn} required maxLength={500} size={50} />
                </label>
                <button type="submit">{t("common.save")}</button>
              </Form>
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="removeItem" />
                <input type="hidden" name="itemId" value={item.id} />
                <ConfirmButton confirm={t("surveys.admin.confirmRemoveItem")}>{t("surveys.admin.removeItem")}</ConfirmButton>
              </Form>
            </details>
          </li>
        ))}
      </ul>
      <h3>{t("surveys.admin.addItem")}</h3>
      <Form method="post" {...getFormProps(form)} className="grid-form">
        <input type="hidden" name="intent" value="addItem" />
        <SelectField
          meta={fields.dimension}
          label={t("surveys.admin.dimension")}
          options={dimensions.map((d) => ({ value: d.id, label: locale === "en" ? d.nameEn : d.nameZh }))}
        />
        <SelectField
          meta={fields.type}
          label={t("surveys.admin.itemType")}
          options={ITEM_TYPES.map((type) => ({ value: type, label: t(`surveys.itemType.${type}`) }))}
        />
        <Field meta={fields.textZh} label={t("surveys.admin.textZh")} />
        <Field meta={fields.textEn} label={t("surveys.admin.textEn")} />
        <TextAreaField meta={fields.options} label={t("surveys.admin.options")} hint={t("surveys.admin.optionsHint")} rows={3} />
        <label className="field">
          <span>
            <input type="checkbox" name="required" value="on" defaultChecked /> {t("surveys.admin.required")}
          </span>
        </label>
        <FormErrors errors={form.errors} />
        <button type="submit">{t("surveys.admin.addItem")}</button>
      </Form>
    </>
  );
}
