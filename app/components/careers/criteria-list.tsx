import type { CriterionResult } from "~/modules/careers/criteria";
import { useT } from "../i18n";
import { formatPoints } from "~/utils/format";

const points = (hundredths: number) => formatPoints(hundredths);
const list = (v: unknown) => (Array.isArray(v) ? v.join("、") : String(v ?? ""));

function label(t: ReturnType<typeof useT>, r: CriterionResult, kpiPeriods: number) {
  if (r.criterion === "kpiAverage") return t("careers.criterion.kpiAverage", { required: points(Number(r.required)), periods: kpiPeriods });
  return t(`careers.criterion.${r.criterion}`, { required: list(r.required) });
}

function detail(t: ReturnType<typeof useT>, r: CriterionResult, kpiPeriods: number) {
  if (r.status === "noData") return t(`careers.noData.${r.criterion}`);
  switch (r.criterion) {
    case "kpiAverage":
      if ((r.periods ?? 0) < kpiPeriods)
        return t("careers.detail.kpiTooFewPeriods", { count: r.periods ?? 0, periods: kpiPeriods, actual: points(Number(r.actual)) });
      return t("careers.detail.kpiAverage", { actual: points(Number(r.actual)), count: r.periods ?? 0 });
    case "courses":
    case "certificates":
      return r.status === "met" ? t("careers.detail.listMet") : t("careers.detail.listMissing", { missing: list(r.missing) });
    case "quota":
      return t(r.status === "met" ? "careers.detail.quotaRoom" : "careers.detail.quotaFull", { actual: Number(r.actual) });
    default:
      return t(`careers.detail.${r.criterion}`, { actual: Number(r.actual) });
  }
}

/** Each criterion of the next level: met, missing (and why) or no data yet. */
export function CriteriaList({ results, kpiPeriods, testId }: { results: CriterionResult[]; kpiPeriods: number; testId?: string }) {
  const t = useT();
  if (results.length === 0) return <p className="hint">{t("careers.noCriteria")}</p>;
  return (
    <ul className="criteria" data-testid={testId}>
      {results.map((r) => (
        <li key={r.criterion} data-status={r.status}>
          <span className={`badge badge-${r.status}`}>{t(`careers.status.${r.status}`)}</span> <strong>{label(t, r, kpiPeriods)}</strong> —{" "}
          {detail(t, r, kpiPeriods)}
        </li>
      ))}
    </ul>
  );
}

/** A compact met/missing count for tables. */
export function CriteriaSummary({ results }: { results: CriterionResult[] }) {
  const t = useT();
  const met = results.filter((r) => r.status === "met").length;
  const noData = results.filter((r) => r.status === "noData").length;
  return (
    <span title={results.map((r) => `${r.criterion}: ${r.status}`).join("\n")}>
      {t("careers.criteriaMet", { met, total: results.length })}
      {noData ? ` · ${t("careers.criteriaNoData", { count: noData })}` : ""}
    </span>
  );
}
