import { ErrorList } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import type { SurveyItem } from "~/modules/surveys/items";
import { MAX_TEXT_ANSWER } from "~/modules/surveys/items";
import { LIKERT5_LABELS } from "~/modules/surveys/campaigns/template-schema";

type Props = { item: SurveyItem; number: number; errors?: string[] };

function Choice({ type, name, value, label, id }: { type: "radio" | "checkbox"; name: string; value: string; label: string; id: string }) {
  return (
    <label className="survey-choice" htmlFor={id}>
      <input type={type} id={id} name={name} value={value} />
      <span>{label}</span>
    </label>
  );
}

/** One question: a fieldset whose inputs are named by the item id, uncontrolled so progress can be restored into them. */
export function ItemInput({ item, number, errors }: Props) {
  const t = useT();
  const locale = useLocale();
  const text = locale === "en" ? item.textEn : item.textZh;
  const errorId = `${item.id}-error`;
  const labels = locale === "en" ? LIKERT5_LABELS.en : LIKERT5_LABELS.zh;
  const legend = (
    <legend>
      <span className="survey-number">{number}.</span> {text}
      {item.required ? <span className="survey-required"> *</span> : <span className="hint"> {t("surveys.answer.optional")}</span>}
    </legend>
  );
  const invalid = errors?.length ? { "aria-invalid": true, "aria-describedby": errorId } : {};

  if (item.type === "text") {
    return (
      <div className="survey-item field" data-item={item.id}>
        <label htmlFor={`${item.id}-text`} className="survey-legend">
          <span className="survey-number">{number}.</span> {text}
          {item.required ? null : <span className="hint"> {t("surveys.answer.optional")}</span>}
        </label>
        <p className="notice warn" id={`${item.id}-warning`}>
          {t("surveys.answer.commentWarning")}
        </p>
        <textarea
          id={`${item.id}-text`}
          name={item.id}
          rows={4}
          maxLength={MAX_TEXT_ANSWER}
          aria-describedby={`${item.id}-warning`}
          {...invalid}
        />
        <ErrorList id={errorId} errors={errors} />
      </div>
    );
  }

  let choices: { value: string; label: string }[];
  if (item.type === "likert5") choices = labels.map((label, i) => ({ value: String(i + 1), label: `${i + 1} ${label}` }));
  else if (item.type === "nps") choices = Array.from({ length: 11 }, (_, i) => ({ value: String(i), label: String(i) }));
  else choices = (item.options ?? []).map((o) => ({ value: o.id, label: locale === "en" ? o.labelEn : o.labelZh }));

  return (
    <fieldset className={`survey-item survey-${item.type}`} data-item={item.id} {...invalid}>
      {legend}
      <div className="survey-choices" role={item.type === "multiple" ? "group" : "radiogroup"}>
        {choices.map((c) => (
          <Choice
            key={c.value}
            type={item.type === "multiple" ? "checkbox" : "radio"}
            name={item.id}
            value={c.value}
            label={c.label}
            id={`${item.id}-${c.value}`}
          />
        ))}
      </div>
      {item.type === "nps" ? (
        <p className="hint survey-scale-ends">
          <span>{t("surveys.answer.npsLow")}</span>
          <span>{t("surveys.answer.npsHigh")}</span>
        </p>
      ) : null}
      {item.type === "multiple" ? <p className="hint">{t("surveys.answer.chooseAny")}</p> : null}
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
