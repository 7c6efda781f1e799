import type { T } from "~/utils/i18n";
import type { SplitView } from "./report.server";

/** What the CSV needs of a closed report (kept structural so it can be tested without a database). */
export type CsvReport = {
  unitName: string;
  filterLabel: string;
  hidden: boolean;
  respondents: number | null;
  overall: SplitView | null;
  enps: { score: number } | null;
  dimensions: { id: string; name: string }[];
  dimensionSplits: Record<string, SplitView | null> | null;
  items: { name: string; n: number | null; split: SplitView | null; enps: { score: number } | null; hidden: boolean }[];
  heatmap: { name: string; respondents: number | null; dimensions: Record<string, SplitView | null> | null; enps: number | null }[];
  drivers: { dimension: string; r: number }[];
};

/** Spreadsheets run cells starting with these as formulas; a leading apostrophe keeps them text. */
function cell(value: string | number | null | undefined) {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text) && typeof value !== "number") text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const pct = (f: number | undefined) => (f === undefined ? "" : Math.round(f * 100));

/**
 * The aggregated results as CSV: never a response, only the figures the page shows, with
 * "suppressed" wherever the page hides a group. UTF-8 with a BOM so spreadsheets read Chinese.
 */
export function reportCsv(report: CsvReport, t: T) {
  const hiddenMark = t("reports.csv.suppressed");
  const header = [
    "section",
    "unit",
    "filter",
    "name",
    "respondents",
    "favourable",
    "neutral",
    "unfavourable",
    "mean",
    "enps",
    "correlation",
  ].map((k) => t(`reports.csv.${k}`));
  const rows: (string | number | null)[][] = [];
  const figures = (split: SplitView | null, hidden: boolean) =>
    hidden
      ? [hiddenMark, hiddenMark, hiddenMark, hiddenMark]
      : [pct(split?.favourable), pct(split?.neutral), pct(split?.unfavourable), split ? split.mean.toFixed(2) : ""];
  const base = (section: string, unit = report.unitName) => [section, unit, report.filterLabel];

  rows.push([
    ...base(t("reports.csv.overall")),
    t("reports.csv.overall"),
    report.hidden ? hiddenMark : report.respondents,
    ...figures(report.overall, report.hidden),
    report.hidden ? hiddenMark : (report.enps?.score ?? ""),
    "",
  ]);
  if (!report.hidden) {
    for (const d of report.dimensions)
      rows.push([...base(t("reports.dimensions")), d.name, "", ...figures(report.dimensionSplits?.[d.id] ?? null, false), "", ""]);
    for (const item of report.items)
      rows.push([
        ...base(t("reports.items")),
        item.name,
        item.hidden ? hiddenMark : item.n,
        ...figures(item.split, item.hidden),
        item.hidden ? hiddenMark : (item.enps?.score ?? ""),
        "",
      ]);
    for (const d of report.drivers)
      rows.push([
        ...base(t("reports.drivers")),
        report.dimensions.find((x) => x.id === d.dimension)?.name ?? d.dimension,
        "",
        "",
        "",
        "",
        "",
        "",
        d.r.toFixed(2),
      ]);
  }
  for (const row of report.heatmap) {
    const hidden = row.dimensions === null;
    for (const d of report.dimensions)
      rows.push([
        ...base(t("reports.heatmap"), row.name),
        d.name,
        hidden ? hiddenMark : row.respondents,
        ...figures(row.dimensions?.[d.id] ?? null, hidden),
        "",
        "",
      ]);
    rows.push([
      ...base(t("reports.heatmap"), row.name),
      t("reports.csv.enps"),
      hidden ? hiddenMark : row.respondents,
      "",
      "",
      "",
      "",
      hidden ? hiddenMark : row.enps,
      "",
    ]);
  }
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
