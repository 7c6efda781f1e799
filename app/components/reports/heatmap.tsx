import { useLocale, useT } from "~/components/i18n";
import type { ClosedReport } from "~/modules/surveys/reports/report.server";
import { pct } from "./chart";

/** Red (0 % favourable) through amber to green (100 %), light enough for dark text. */
export function heatColour(fraction: number) {
  const hue = Math.round(Math.max(0, Math.min(1, fraction)) * 120);
  return `hsl(${hue} 65% 82%)`;
}

/** Units below × dimensions as a real table: every cell has its number; colour only repeats it. */
export function Heatmap({ report, unitHref }: { report: ClosedReport; unitHref: (unitId: string) => string }) {
  const t = useT();
  const locale = useLocale();
  const name = (d: { nameZh: string; nameEn: string }) => (locale === "en" ? d.nameEn : d.nameZh);
  if (report.heatmap.length === 0) return <p className="hint">{t("reports.heatmapNone")}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table heatmap" data-testid="heatmap">
        <caption className="hint">{t("reports.heatmapLegend")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("reports.unit")}</th>
            <th scope="col" className="num">
              {t("reports.respondents")}
            </th>
            {report.dimensions.map((d) => (
              <th key={d.id} scope="col">
                {name(d)}
              </th>
            ))}
            <th scope="col">eNPS</th>
          </tr>
        </thead>
        <tbody>
          {report.heatmap.map((row) => {
            const hidden = row.dimensions === null;
            return (
              <tr key={row.unitId} data-unit={row.unitId} data-hidden={hidden ? "true" : "false"}>
                <th scope="row">
                  <a href={unitHref(row.unitId)}>{name(row)}</a>
                </th>
                {hidden ? (
                  <td
                    colSpan={report.dimensions.length + 2}
                    className="suppressed"
                    title={t("reports.suppressedHelp", { min: report.survey.minGroupSize })}
                  >
                    {t("reports.suppressed")}
                  </td>
                ) : (
                  <>
                    <td className="num">{row.respondents}</td>
                    {report.dimensions.map((d) => {
                      const split = row.dimensions?.[d.id];
                      return (
                        <td key={d.id} style={split ? { background: heatColour(split.favourable) } : undefined}>
                          {split ? pct(split.favourable) : "—"}
                        </td>
                      );
                    })}
                    <td>{row.enps ?? "—"}</td>
                  </>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
