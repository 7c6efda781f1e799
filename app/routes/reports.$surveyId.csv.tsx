import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/modules/auth/guards.server";
import { reportCsv } from "~/modules/surveys/reports/report-csv";
import { reportQuery } from "~/modules/surveys/reports/report-query";
import { loadReport, ORG } from "~/modules/surveys/reports/report.server";
import { db } from "~/utils/db.server";
import { notFound, parseParams } from "~/utils/http.server";
import { getT } from "~/utils/i18n";

/** The aggregated figures of the page as CSV (same scope, same suppression); never a response. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "survey.report");
  const { surveyId } = parseParams(args.params, reportQuery.params);
  const report = await loadReport(db, user, surveyId, reportQuery.search(new URL(args.request.url).searchParams));
  if (!report.closed) notFound();
  const locale = args.context.locale;
  const t = getT(locale);
  const name = (d: { nameZh: string | null; nameEn: string | null }) => (locale === "en" ? d.nameEn : d.nameZh) ?? "";
  const filterLabel = !report.filter
    ? t("reports.filter.none")
    : report.filter.cut === "track"
      ? t(`track.${report.filter.value}`)
      : t(`reports.tenure.${report.filter.value}`);
  const csv = reportCsv(
    {
      unitName: report.unit.id === ORG ? t("reports.orgTotal") : name(report.unit),
      filterLabel,
      hidden: report.hidden,
      respondents: report.respondents,
      overall: report.overall,
      enps: report.enps,
      dimensions: report.dimensions.map((d) => ({ id: d.id, name: name(d) })),
      dimensionSplits: report.dimensionSplits,
      items: report.items.map((i) => ({
        name: locale === "en" ? i.textEn : i.textZh,
        n: i.n,
        split: i.split,
        enps: i.enps,
        hidden: i.hidden,
      })),
      heatmap: report.heatmap.map((h) => ({ name: name(h), respondents: h.respondents, dimensions: h.dimensions, enps: h.enps })),
      drivers: report.drivers,
    },
    t,
  );
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="survey-report-${surveyId}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
