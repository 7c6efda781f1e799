import { lazy, Suspense, useEffect, useState, type ReactNode } from "react";
import { useT } from "~/components/i18n";
import type { ReportChart } from "./chart-impl";
import { formatRatio } from "~/utils/format";

const ChartCanvas = lazy(() => import("./chart-impl"));

/**
 * A chart with its data table. Chart.js needs a canvas, so it is drawn only in the browser
 * (loaded after hydration); the table is always there, in a <details>, for screen readers,
 * printing and anyone who prefers numbers.
 */
export function ChartFigure({
  title,
  chart,
  table,
  height = 280,
}: {
  title: string;
  chart: ReportChart;
  table: ReactNode;
  height?: number;
}) {
  const t = useT();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <figure className="report-chart">
      <figcaption>{title}</figcaption>
      <div className="chart-box no-print-table" style={{ height }}>
        {mounted ? (
          <Suspense fallback={<p className="hint">{t("reports.chartLoading")}</p>}>
            <ChartCanvas chart={chart} label={title} />
          </Suspense>
        ) : (
          <p className="hint">{t("reports.chartLoading")}</p>
        )}
      </div>
      <details className="report-data">
        <summary>{t("reports.dataTable")}</summary>
        {table}
      </details>
    </figure>
  );
}

export const COLOURS = { favourable: "#2e7d32", neutral: "#9e9e9e", unfavourable: "#c62828" };
export const SERIES = ["#1d4ed8", "#c2410c", "#15803d", "#7c3aed", "#0e7490", "#be123c", "#4d7c0f", "#a16207"];

/** A share as a whole percentage ("45%"), through the one formatter; nothing for no value. */
export function pct(fraction: number | null | undefined) {
  return fraction === null || fraction === undefined ? "" : formatRatio(fraction);
}

/** Signed difference in percentage points, e.g. "+5" or "−3". */
export function delta(a: number | null | undefined, b: number | null | undefined) {
  if (a === null || a === undefined || b === null || b === undefined) return "";
  const d = Math.round(a * 100) - Math.round(b * 100);
  return d > 0 ? `+${d}` : d < 0 ? `−${-d}` : "0";
}
