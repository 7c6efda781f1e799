import { useLocale, useT } from "~/components/i18n";
import type { ClosedReport } from "~/modules/surveys/reports/report.server";
import { ChartFigure, COLOURS, delta, pct, SERIES } from "./chart";

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
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("reports.dimension")}</th>
                <th scope="col" className="num">
                  {t("reports.favourable")}
                </th>
                <th scope="col" className="num">
                  {t("reports.neutral")}
                </th>
                <th scope="col" className="num">
                  {t("reports.unfavourable")}
                </th>
                <th scope="col" className="num">
                  {t("reports.mean")}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.dimensions.map((d, i) => (
                <tr key={d.id}>
                  <th scope="row">{name(d)}</th>
                  <td className="num">{pct(splits[i]?.favourable)}</td>
                  <td className="num">{pct(splits[i]?.neutral)}</td>
                  <td className="num">{pct(splits[i]?.unfavourable)}</td>
                  <td className="num">{splits[i]?.mean.toFixed(2) ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
      <table className="data-table" data-testid="dimension-comparison">
        <thead>
          <tr>
            <th scope="col">{t("reports.dimension")}</th>
            <th scope="col" className="num">
              {t("reports.favourable")}
            </th>
            {report.orgDimensions ? (
              <th scope="col" className="num">
                {t("reports.vsOrg")}
              </th>
            ) : null}
            {report.previous ? (
              <th scope="col" className="num">
                {t("reports.vsPrevious")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {report.dimensions.map((d, i) => (
            <tr key={d.id}>
              <th scope="row">{name(d)}</th>
              <td className="num">{pct(splits[i]?.favourable)}</td>
              {report.orgDimensions ? (
                <td className="num">
                  {report.orgDimensions[d.id]
                    ? delta(splits[i]?.favourable, report.orgDimensions[d.id]?.favourable)
                    : t("reports.suppressed")}
                </td>
              ) : null}
              {report.previous ? (
                <td className="num">
                  {report.previous.dimensions
                    ? delta(splits[i]?.favourable, report.previous.dimensions[d.id]?.favourable)
                    : t("reports.suppressed")}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
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
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("reports.score")}</th>
                  <th scope="col" className="num">
                    {t("reports.count")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {nps.distribution.map((d) => (
                  <tr key={d.value}>
                    <th scope="row">{d.value}</th>
                    <td className="num">{d.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          }
        />
      ) : null}
      {report.dimensions.map((dim) => {
        const items = report.items.filter((i) => i.dimension === dim.id);
        if (items.length === 0) return null;
        return (
          <div key={dim.id} className="table-scroll">
            <table className="data-table report-items">
              <caption>{name(dim)}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("reports.item")}</th>
                  <th scope="col" className="num">
                    {t("reports.count")}
                  </th>
                  <th scope="col">{t("reports.distribution")}</th>
                  <th scope="col" className="num">
                    {t("reports.favourable")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.neutral")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.unfavourable")}
                  </th>
                  <th scope="col" className="num">
                    {t("reports.mean")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.id}>
                    <th scope="row">{text(item)}</th>
                    {item.hidden ? (
                      <td colSpan={6} className="suppressed">
                        {t("reports.suppressed")}
                      </td>
                    ) : item.split ? (
                      <>
                        <td className="num">{item.n}</td>
                        <td>
                          <SplitBar split={item.split} />
                        </td>
                        <td className="num">{pct(item.split.favourable)}</td>
                        <td className="num">{pct(item.split.neutral)}</td>
                        <td className="num">{pct(item.split.unfavourable)}</td>
                        <td className="num">{item.split.mean.toFixed(2)}</td>
                      </>
                    ) : item.enps ? (
                      <>
                        <td className="num">{item.n}</td>
                        <td colSpan={5}>eNPS {item.enps.score}</td>
                      </>
                    ) : (
                      <>
                        <td className="num">{item.n}</td>
                        <td colSpan={5}>
                          {(item.distribution ?? [])
                            .map(
                              (d) =>
                                `${item.options?.[d.value] ? name({ nameZh: item.options[d.value].labelZh, nameEn: item.options[d.value].labelEn }) : d.value}: ${d.count}`,
                            )
                            .join(" · ")}
                        </td>
                      </>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
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
  return (
    <section className="panel">
      <h2>{t("reports.drivers")}</h2>
      {report.drivers.length === 0 ? (
        <p className="hint">{t("reports.driversNone")}</p>
      ) : (
        <>
          <p className="hint">{t("reports.driversHelp", { outcome: outcome ? text(outcome) : "" })}</p>
          <ChartFigure
            title={t("reports.chart.drivers")}
            height={220}
            chart={{
              type: "bar",
              data: {
                labels: report.drivers.map((d) => dimName(d.dimension)),
                datasets: [
                  { label: t("reports.correlation"), data: report.drivers.map((d) => Number(d.r.toFixed(2))), backgroundColor: SERIES[0] },
                ],
              },
              options: { indexAxis: "y", scales: { x: { min: -1, max: 1 } }, plugins: { legend: { display: false } } },
            }}
            table={
              <table className="data-table">
                <thead>
                  <tr>
                    <th scope="col">{t("reports.dimension")}</th>
                    <th scope="col" className="num">
                      {t("reports.correlation")}
                    </th>
                    <th scope="col" className="num">
                      {t("reports.favourable")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {report.drivers.map((d) => (
                    <tr key={d.dimension}>
                      <th scope="row">{dimName(d.dimension)}</th>
                      <td className="num">{d.r.toFixed(2)}</td>
                      <td className="num">{pct(d.favourable)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            }
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
  const { text } = useNames();
  return (
    <section className="panel">
      <h2>{t("reports.comments")}</h2>
      {report.comments === null ? (
        <p className="hint" data-testid="comments-hidden">
          {report.commentsReason === "filtered"
            ? t("reports.commentsFiltered")
            : t("reports.commentsSmall", { min: report.survey.minCommentGroupSize })}
        </p>
      ) : (
        report.comments.map((c) => (
          <div key={c.itemId} className="report-comments">
            <h3>{text(c)}</h3>
            {c.total === 0 ? (
              <p className="hint">{t("reports.commentsNone")}</p>
            ) : (
              <>
                <p className="hint">{t("reports.commentsCount", { total: c.total, shown: c.texts.length })}</p>
                <ul>
                  {c.texts.map((text, i) => (
                    <li key={i}>{text}</li>
                  ))}
                </ul>
              </>
            )}
          </div>
        ))
      )}
    </section>
  );
}
