import { useLocale, useT } from "~/components/i18n";
import type { ClosedReport } from "~/modules/surveys/reports/report.server";
import { ChartFigure, COLOURS, delta, pct, SERIES } from "./chart";
import { ReportComments } from "./comments";
import { DataTable } from "~/components/ui/data-table";
import { formatDecimal } from "~/utils/format";
import { linkStrength, relativeWord } from "~/modules/surveys/reports/focus-areas";

type Props = { report: ClosedReport };

function useNames() {
  const locale = useLocale();
  return {
    name: (d: { nameZh: string; nameEn: string }) => (locale === "en" ? d.nameEn : d.nameZh),
    text: (d: { textZh: string; textEn: string }) => (locale === "en" ? d.textEn : d.textZh),
    title: (d: { titleZh: string; titleEn: string }) => (locale === "en" ? d.titleEn : d.titleZh),
  };
}

export function Headline({ report }: Props) {
  const t = useT();
  const rate = report.invited && report.respondents !== null ? report.respondents / report.invited : null;
  return (
    <div className="stats" data-testid="headline">
      <div className="card">
        <div className="hint">{t("reports.respondents")}</div>
        <div className="stat">{report.respondents}</div>
        {rate !== null ? (
          <div className="hint">
            {t("reports.responseRate")}: {pct(rate)} ({report.respondents}/{report.invited})
          </div>
        ) : null}
      </div>
      <div className="card">
        <div className="hint">{t("reports.overallFavourable")}</div>
        <div className="stat">{pct(report.overall?.favourable)}</div>
        {report.previous?.favourable != null ? (
          <div className="hint">
            {t("reports.vsPrevious")}: {delta(report.overall?.favourable, report.previous.favourable)}
          </div>
        ) : null}
      </div>
      <div className="card">
        <div className="hint" title={t("reports.enpsHelp")}>
          {t("reports.enps")}
        </div>
        <div className="stat">{report.enps ? report.enps.score : "—"}</div>
        {report.orgEnps !== null && report.enps ? (
          <div className="hint">
            {t("reports.vsOrg")}: {report.enps.score - report.orgEnps > 0 ? "+" : ""}
            {report.enps.score - report.orgEnps}
          </div>
        ) : null}
      </div>
    </div>
  );
}

export function DimensionsSection({ report }: Props) {
  const t = useT();
  const { name } = useNames();
  const splits = report.dimensions.map((d) => report.dimensionSplits?.[d.id] ?? null);
  const chart = {
    type: "bar" as const,
    data: {
      labels: report.dimensions.map(name),
      datasets: (["favourable", "neutral", "unfavourable"] as const).map((k) => ({
        label: t(`reports.${k}`),
        data: splits.map((s) => (s ? Math.round(s[k] * 100) : 0)),
        backgroundColor: COLOURS[k],
      })),
    },
    options: { indexAxis: "y" as const, scales: { x: { stacked: true, max: 100 }, y: { stacked: true } } },
  };
  return (
    <section className="panel">
      <h2>{t("reports.dimensions")}</h2>
      <ChartFigure
        title={t("reports.chart.dimensions")}
        chart={chart}
        table={
          <DataTable
            rows={report.dimensions}
            rowKey={(d) => d.id}
            empty={null}
            stacked={false}
            columns={[
              { key: "dimension", header: "reports.dimension", rowHeader: true, cell: (d) => name(d) },
              { key: "favourable", header: "reports.favourable", numeric: true, cell: (_d, i) => pct(splits[i]?.favourable) },
              { key: "neutral", header: "reports.neutral", numeric: true, cell: (_d, i) => pct(splits[i]?.neutral) },
              { key: "unfavourable", header: "reports.unfavourable", numeric: true, cell: (_d, i) => pct(splits[i]?.unfavourable) },
              { key: "mean", header: "reports.mean", numeric: true, cell: (_d, i) => (splits[i] ? formatDecimal(splits[i].mean, 2) : "") },
            ]}
          />
        }
      />
      <DataTable
        testId="dimension-comparison"
        rows={report.dimensions}
        rowKey={(d) => d.id}
        empty={null}
        columns={[
          { key: "dimension", header: "reports.dimension", rowHeader: true, cell: (d) => name(d) },
          { key: "favourable", header: "reports.favourable", numeric: true, cell: (_d, i) => pct(splits[i]?.favourable) },
          {
            key: "vsOrg",
            header: "reports.vsOrg",
            numeric: true,
            hidden: !report.orgDimensions,
            cell: (d, i) =>
              report.orgDimensions?.[d.id] ? delta(splits[i]?.favourable, report.orgDimensions[d.id]?.favourable) : t("reports.suppressed"),
          },
          {
            key: "vsPrevious",
            header: "reports.vsPrevious",
            numeric: true,
            hidden: !report.previous,
            cell: (d, i) =>
              report.previous?.dimensions
                ? delta(splits[i]?.favourable, report.previous.dimensions[d.id]?.favourable)
                : t("reports.suppressed"),
          },
        ]}
      />
    </section>
  );
}

/** A split as three proportional segments, with the numbers in text for everyone. */
function SplitBar({ split }: { split: { favourable: number; neutral: number; unfavourable: number } }) {
  return (
    <span className="split-bar" aria-hidden="true">
      <span style={{ width: pct(split.favourable), background: COLOURS.favourable }} />
      <span style={{ width: pct(split.neutral), background: COLOURS.neutral }} />
      <span style={{ width: pct(split.unfavourable), background: COLOURS.unfavourable }} />
    </span>
  );
}

export function ItemsSection({ report }: Props) {
  const t = useT();
  const { name, text } = useNames();
  const nps = report.items.find((i) => i.type === "nps");
  return (
    <section className="panel">
      <h2>{t("reports.items")}</h2>
      {nps && nps.distribution ? (
        <ChartFigure
          title={t("reports.enpsDistribution")}
          height={220}
          chart={{
            type: "bar",
            data: {
              labels: Array.from({ length: 11 }, (_, i) => String(i)),
              datasets: [
                {
                  label: t("reports.count"),
                  data: Array.from({ length: 11 }, (_, i) => nps.distribution!.find((d) => d.value === i)?.count ?? 0),
                  backgroundColor: Array.from({ length: 11 }, (_, i) =>
                    i >= 9 ? COLOURS.favourable : i <= 6 ? COLOURS.unfavourable : COLOURS.neutral,
                  ),
                },
              ],
            },
            options: { plugins: { legend: { display: false } } },
          }}
          table={
            <DataTable
              rows={nps.distribution}
              rowKey={(d) => d.value}
              empty={null}
              stacked={false}
              columns={[
                { key: "score", header: "reports.score", rowHeader: true, cell: (d) => d.value },
                { key: "count", header: "reports.count", numeric: true, cell: (d) => d.count },
              ]}
            />
          }
        />
      ) : null}
      {report.dimensions.map((dim) => {
        const items = report.items.filter((i) => i.dimension === dim.id);
        if (items.length === 0) return null;
        return (
          <div key={dim.id} className="table-scroll">
            <DataTable
              className="report-items"
              caption={name(dim)}
              rows={items}
              rowKey={(item) => item.id}
              empty={null}
              columns={[
                { key: "item", header: "reports.item", rowHeader: true, cell: (item) => text(item) },
                {
                  key: "count",
                  header: "reports.count",
                  numeric: true,
                  span: (item) => (item.hidden ? 6 : undefined),
                  className: (item) => (item.hidden ? "suppressed" : undefined),
                  cell: (item) => (item.hidden ? t("reports.suppressed") : item.n),
                },
                {
                  key: "distribution",
                  header: "reports.distribution",
                  span: (item) => (item.split ? undefined : 5),
                  cell: (item) =>
                    item.split ? (
                      <SplitBar split={item.split} />
                    ) : item.enps ? (
                      `eNPS ${item.enps.score}`
                    ) : (
                      (item.distribution ?? [])
                        .map(
                          (d) =>
                            `${item.options?.[d.value] ? name({ nameZh: item.options[d.value].labelZh, nameEn: item.options[d.value].labelEn }) : d.value}: ${d.count}`,
                        )
                        .join(" · ")
                    ),
                },
                { key: "favourable", header: "reports.favourable", numeric: true, cell: (item) => pct(item.split?.favourable) },
                { key: "neutral", header: "reports.neutral", numeric: true, cell: (item) => pct(item.split?.neutral) },
                { key: "unfavourable", header: "reports.unfavourable", numeric: true, cell: (item) => pct(item.split?.unfavourable) },
                {
                  key: "mean",
                  header: "reports.mean",
                  numeric: true,
                  cell: (item) => (item.split ? formatDecimal(item.split.mean, 2) : ""),
                },
              ]}
            />
          </div>
        );
      })}
    </section>
  );
}

export function DriversSection({ report }: Props) {
  const t = useT();
  const { name, text } = useNames();
  const outcome = report.items.find((i) => i.id === report.outcomeItemId);
  const dimName = (id: string) => {
    const d = report.dimensions.find((x) => x.id === id);
    return d ? name(d) : id;
  };
  const rows = [...report.drivers].sort((a, b) => a.rank - b.rank || b.r - a.r);
  return (
    <section className="panel">
      <h2>{t("reports.drivers")}</h2>
      {rows.length === 0 ? (
        <p className="hint">{t("reports.driversNone")}</p>
      ) : (
        <>
          <p className="hint">{t("reports.driversHelp", { outcome: outcome ? text(outcome) : "" })}</p>
          <DataTable
            testId="drivers"
            rows={rows}
            rowKey={(d) => d.dimension}
            empty={null}
            columns={[
              { key: "rank", header: "reports.impactRank", numeric: true, cell: (d) => `${d.rank}/${rows.length}` },
              { key: "dimension", header: "reports.dimension", rowHeader: true, cell: (d) => dimName(d.dimension) },
              {
                key: "link",
                header: "reports.link",
                cell: (d) => (
                  <span title={t("reports.correlationHover", { r: formatDecimal(d.r, 2) })}>{t(`reports.link.${linkStrength(d.r)}`)}</span>
                ),
              },
              { key: "relative", header: "reports.relative", cell: (d) => t(`reports.relative.${relativeWord(d.impact)}`) },
              { key: "favourable", header: "reports.favourable", numeric: true, cell: (d) => pct(d.favourable) },
            ]}
          />
        </>
      )}
    </section>
  );
}

export function TrendSection({ report }: Props) {
  const t = useT();
  const { name, title } = useNames();
  if (report.trend.length < 2) {
    return (
      <section className="panel">
        <h2>{t("reports.trend")}</h2>
        <p className="hint">{t("reports.trendNone")}</p>
      </section>
    );
  }
  return (
    <section className="panel">
      <h2>{t("reports.trend")}</h2>
      <ChartFigure
        title={t("reports.trend")}
        chart={{
          type: "line",
          data: {
            labels: report.trend.map(title),
            datasets: report.dimensions.map((d, i) => ({
              label: name(d),
              data: report.trend.map((w) => (w.dimensions?.[d.id] ? Math.round(w.dimensions[d.id]!.favourable * 100) : null)),
              borderColor: SERIES[i % SERIES.length],
              backgroundColor: SERIES[i % SERIES.length],
              spanGaps: false,
            })),
          },
          options: { scales: { y: { min: 0, max: 100 } } },
        }}
        table={
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.wave")}</th>
                <th scope="col" className="num">
                  {t("reports.respondents")}
                </th>
                {report.dimensions.map((d) => (
                  <th key={d.id} scope="col" className="num">
                    {name(d)}
                  </th>
                ))}
                <th scope="col" className="num">
                  eNPS
                </th>
              </tr>
            </thead>
            <tbody>
              {report.trend.map((w) => (
                <tr key={w.surveyId}>
                  <th scope="row">{title(w)}</th>
                  {w.dimensions ? (
                    <>
                      <td className="num">{w.respondents}</td>
                      {report.dimensions.map((d) => (
                        <td key={d.id} className="num">
                          {pct(w.dimensions?.[d.id]?.favourable)}
                        </td>
                      ))}
                      <td className="num">{w.enps ?? ""}</td>
                    </>
                  ) : (
                    <td colSpan={report.dimensions.length + 2} className="suppressed">
                      {t("reports.suppressed")}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}

export function CommentsSection({ report }: Props) {
  const t = useT();
  return (
    <section className="panel" id="comments">
      <h2>{t("reports.comments")}</h2>
      {report.comments === null ? (
        <p className="hint" data-testid="comments-hidden">
          {report.commentsReason === "filtered"
            ? t("reports.commentsFiltered")
            : t("reports.commentsSmall", { min: report.survey.minCommentGroupSize })}
        </p>
      ) : (
        <ReportComments items={report.comments} />
      )}
    </section>
  );
}
