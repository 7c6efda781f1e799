import { Form } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { toInput } from "~/modules/kpi/units";
import type { PerformanceLine } from "./performance-view";
import { SubmitButton } from "~/components/forms";

/** A one-field form to record one actual (or a 1–5 rating) by hand. */
export function ActualForm({ line, error }: { line: PerformanceLine; error?: string }) {
  const t = useT();
  if (line.team) return <div className="hint">{t("kpi.teamActualHint")}</div>;
  return (
    <Form method="post" className="inline-form" style={{ justifyContent: "flex-end" }}>
      <input type="hidden" name="intent" value="actual" />
      <input type="hidden" name="kpiId" value={line.kpiId} />
      {line.kind === "rated" ? (
        <select
          name="value"
          defaultValue={line.actual === null ? "" : String(line.actual)}
          aria-label={t("kpi.actualFor", { code: line.code })}
        >
          <option value="">—</option>
          {[1, 2, 3, 4, 5].map((r) => (
            <option key={r} value={r}>
              {t(`kpi.rating.${r}`)}
            </option>
          ))}
        </select>
      ) : (
        <input
          name="value"
          size={10}
          defaultValue={line.actual === null ? "" : toInput(line.unit, line.actual)}
          aria-label={t("kpi.actualFor", { code: line.code })}
        />
      )}
      <SubmitButton className="">{t("common.save")}</SubmitButton>
      {error ? (
        <span className="field-errors" role="alert">
          {t(error)}
        </span>
      ) : null}
    </Form>
  );
}
