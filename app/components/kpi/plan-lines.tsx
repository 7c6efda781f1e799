import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ErrorList, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { PlanFormSchema } from "~/modules/kpi/kpi";
import { FOCUS_LIMIT } from "~/modules/kpi/scoring";
import { pick } from "~/utils/i18n";

export type PlanLineValue = { kpiId: string; weight: string; threshold: string; target: string; stretch: string; cap: string };
export type KpiOption = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  direction: string;
  kind: string;
  basicWork: boolean;
};

/** The editable table of a plan's lines (position plan or one employee's adjusted plan). */
export function PlanLinesForm({
  lines,
  kpis,
  lastResult,
  withReason,
  disabled,
}: {
  lines: PlanLineValue[];
  kpis: KpiOption[];
  lastResult?: SubmissionResult<string[]>;
  withReason?: boolean;
  disabled?: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const [form, fields] = useForm({
    id: "plan-lines",
    lastResult,
    defaultValue: { intent: "plan", lines },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanFormSchema }),
    shouldValidate: "onSubmit",
  });
  const list = fields.lines.getFieldList();
  const weightSum = list.reduce((a, l) => a + (Number(l.getFieldset().weight.value) || 0), 0);
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="plan" />
      {list.length > FOCUS_LIMIT ? (
        <p className="notice warn" role="status" data-testid="too-many-kpis">
          {t("kpi.warnings.tooManyKpis", { count: list.length, limit: FOCUS_LIMIT })}
        </p>
      ) : null}
      <div className="table-scroll">
        <table className="data-table stacked plan-lines" data-testid="plan-lines">
          <thead>
            <tr>
              <th scope="col">{t("kpi.kpi")}</th>
              <th scope="col">{t("kpi.weight")}</th>
              <th scope="col">{t("kpi.threshold")}</th>
              <th scope="col">{t("kpi.target")}</th>
              <th scope="col">{t("kpi.stretch")}</th>
              <th scope="col">{t("kpi.cap")}</th>
              <th scope="col">{t("common.actions")}</th>
            </tr>
          </thead>
          <tbody>
            {list.map((line, index) => {
              const f = line.getFieldset();
              const kpi = kpis.find((k) => k.id === f.kpiId.value);
              const rated = kpi?.kind === "rated";
              return (
                <tr key={line.key ?? `line-${index}`}>
                  <td data-label={t("kpi.kpi")}>
                    <select {...getSelectProps(f.kpiId)} aria-label={t("kpi.kpi")} disabled={disabled}>
                      <option value="">—</option>
                      {kpis.map((k) => (
                        <option key={k.id} value={k.id}>
                          {k.code} · {pick(locale, k)}
                        </option>
                      ))}
                    </select>
                    {kpi ? (
                      <small className="hint">
                        {" "}
                        {t(`kpi.unitTyped.${kpi.unit}`)} · {t(`kpi.direction.${kpi.direction}`)}
                        {kpi.basicWork ? ` · ${t("kpi.basicWork")}` : ""}
                      </small>
                    ) : null}
                    <ErrorList errors={f.kpiId.errors} />
                  </td>
                  <td data-label={t("kpi.weight")}>
                    <input
                      {...getInputProps(f.weight, { type: "number" })}
                      min={1}
                      max={100}
                      size={4}
                      aria-label={t("kpi.weight")}
                      disabled={disabled}
                    />
                    <ErrorList errors={f.weight.errors} />
                  </td>
                  {(["threshold", "target", "stretch"] as const).map((name) => (
                    <td key={name} data-label={t(`kpi.${name}`)}>
                      <input
                        {...getInputProps(f[name], { type: "text" })}
                        size={12}
                        aria-label={t(`kpi.${name}`)}
                        disabled={disabled || rated}
                        placeholder={rated ? t("kpi.ratedCurve") : ""}
                      />
                      {rated ? <input type="hidden" name={f[name].name} value={f[name].value ?? "0"} /> : null}
                      <ErrorList errors={f[name].errors} />
                    </td>
                  ))}
                  <td data-label={t("kpi.cap")}>
                    <input {...getInputProps(f.cap, { type: "text" })} size={5} aria-label={t("kpi.cap")} disabled={disabled} />
                    <ErrorList errors={f.cap.errors} />
                  </td>
                  <td>
                    {disabled ? null : (
                      <button {...form.remove.getButtonProps({ name: fields.lines.name, index })} className="link-button">
                        {t("kpi.removeLine")}
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("kpi.weightTotal")}</th>
              <td className={weightSum === 100 ? "" : "field-errors"} data-testid="weight-sum">
                {weightSum}%
              </td>
              <td colSpan={5} className="hint">
                {t("kpi.curveHint")}
              </td>
            </tr>
          </tfoot>
        </table>
      </div>
      <ErrorList errors={fields.lines.errors} />
      {withReason ? (
        <div className="field">
          <label htmlFor={fields.reason.id}>{t("kpi.adjustReason")}</label>
          <input {...getInputProps(fields.reason, { type: "text" })} className="wide" disabled={disabled} />
        </div>
      ) : null}
      {disabled ? null : (
        <div className="inline-form">
          <button
            {...form.insert.getButtonProps({
              name: fields.lines.name,
              defaultValue: { kpiId: "", weight: "", threshold: "", target: "", stretch: "", cap: "120" },
            })}
          >
            {t("kpi.addLine")}
          </button>
          <SubmitButton>{t("common.save")}</SubmitButton>
        </div>
      )}
    </Form>
  );
}
