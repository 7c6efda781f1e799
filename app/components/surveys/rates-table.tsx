import { EmptyState } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";

type Row = {
  unitId: string;
  depth: number;
  invited: number | null;
  answered: number | null;
  suppressed: null | "small" | "complement";
  answeredBand?: boolean;
  nameZh: string;
  nameEn: string;
};

/** Invited and answered per unit; suppressed units say so instead of showing a number. */
export function RatesTable({ rows, minGroupSize }: { rows: Row[]; minGroupSize: number }) {
  const t = useT();
  const locale = useLocale();
  if (rows.length === 0) return <EmptyState>{t("surveys.rates.none")}</EmptyState>;
  return (
    <>
      <table className="data-table" data-testid="response-rates">
        <thead>
          <tr>
            <th scope="col">{t("surveys.rates.unit")}</th>
            <th scope="col" className="num">
              {t("surveys.rates.invited")}
            </th>
            <th scope="col" className="num">
              {t("surveys.rates.answered")}
            </th>
            <th scope="col" className="num">
              {t("surveys.rates.rate")}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.unitId} data-unit={r.unitId}>
              <th scope="row" style={{ paddingLeft: `${0.6 + r.depth * 1.25}rem`, fontWeight: r.depth === 0 ? 700 : 400 }}>
                {locale === "en" ? r.nameEn : r.nameZh}
              </th>
              {r.suppressed ? (
                <td colSpan={3} className="suppressed">
                  {t(r.suppressed === "small" ? "surveys.rates.suppressedSmall" : "surveys.rates.suppressedComplement", {
                    min: minGroupSize,
                  })}
                </td>
              ) : r.answeredBand ? (
                <>
                  <td className="num">{r.invited}</td>
                  <td colSpan={2} className="suppressed">
                    {t("surveys.rates.answeredBand", { min: minGroupSize })}
                  </td>
                </>
              ) : (
                <>
                  <td className="num">{r.invited}</td>
                  <td className="num">{r.answered}</td>
                  <td className="num">{r.invited ? `${Math.round(((r.answered ?? 0) / r.invited) * 100)}%` : "–"}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t("surveys.rates.explained", { min: minGroupSize })}</p>
    </>
  );
}
