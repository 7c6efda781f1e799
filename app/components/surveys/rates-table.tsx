import { EmptyState } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { DataTable } from "~/components/ui/data-table";
import { formatRatio } from "~/utils/format";

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
      <DataTable
        testId="response-rates"
        rows={rows}
        rowKey={(r) => r.unitId}
        rowProps={(r) => ({ "data-unit": r.unitId })}
        columns={[
          {
            key: "unit",
            header: "surveys.rates.unit",
            rowHeader: true,
            cell: (r) => (
              <span style={{ paddingLeft: `${r.depth * 1.25}rem`, fontWeight: r.depth === 0 ? 700 : 400 }}>
                {locale === "en" ? r.nameEn : r.nameZh}
              </span>
            ),
          },
          {
            key: "invited",
            header: "surveys.rates.invited",
            numeric: true,
            span: (r) => (r.suppressed ? 3 : undefined),
            className: (r) => (r.suppressed ? "suppressed" : undefined),
            cell: (r) =>
              r.suppressed
                ? t(r.suppressed === "small" ? "surveys.rates.suppressedSmall" : "surveys.rates.suppressedComplement", {
                    min: minGroupSize,
                  })
                : r.invited,
          },
          {
            key: "answered",
            header: "surveys.rates.answered",
            numeric: true,
            span: (r) => (r.answeredBand ? 2 : undefined),
            className: (r) => (r.answeredBand ? "suppressed" : undefined),
            cell: (r) => (r.answeredBand ? t("surveys.rates.answeredBand", { min: minGroupSize }) : r.answered),
          },
          {
            key: "rate",
            header: "surveys.rates.rate",
            numeric: true,
            cell: (r) => (r.invited ? formatRatio((r.answered ?? 0) / r.invited) : "–"),
          },
        ]}
      />
      <p className="hint">{t("surveys.rates.explained", { min: minGroupSize })}</p>
    </>
  );
}
