import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { useT } from "~/components/i18n";
import type { BarSeries } from "./bar-chart.client";

const BarChart = lazy(() => import("./bar-chart.client"));

/**
 * A bar chart drawn in the browser only, always paired with its data table: the table is
 * the accessible alternative and what is printed; the chart is shown once scripts run.
 */
export function ChartWithTable({
  title,
  labels,
  series,
  horizontal,
  table,
  id,
  tableOpen,
}: {
  title: string;
  labels: string[];
  series: BarSeries[];
  horizontal?: boolean;
  table: ReactNode;
  id: string;
  tableOpen?: boolean;
}) {
  const t = useT();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <figure className="panel" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <h2>{title}</h2>
      </figcaption>
      {labels.length > 0 ? (
        <div className="chart-box" style={{ height: horizontal ? Math.max(220, labels.length * 34) : 280 }} data-testid={`${id}-chart`}>
          {mounted ? (
            <Suspense fallback={<p className="hint">{t("common.loading")}</p>}>
              <BarChart labels={labels} series={series} horizontal={horizontal} ariaLabel={title} />
            </Suspense>
          ) : null}
        </div>
      ) : null}
      <details open={tableOpen || labels.length === 0 ? true : undefined}>
        <summary>{t("common.showTable")}</summary>
        <div className="table-scroll">{table}</div>
      </details>
    </figure>
  );
}
