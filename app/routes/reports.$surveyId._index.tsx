import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { FocusSection } from "~/components/reports/focus";
import { Heatmap } from "~/components/reports/heatmap";
import { CommentsSection, DimensionsSection, DriversSection, Headline, ItemsSection, TrendSection } from "~/components/reports/sections";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { TRACKS } from "~/modules/org/org";
import { planForReport } from "~/modules/surveys/reports/report-plans.server";
import { PlanActionsTable, PreviousWaveActions, type ReportPlan } from "~/components/reports/plan-actions";
import { reportActions } from "~/modules/surveys/reports/plan-actions.server";
import { ORG, TENURE_BANDS } from "~/modules/surveys/reports/report-forms";
import { loadReport, type ClosedReport, type Report } from "~/modules/surveys/reports/report.server";
import { lastDay } from "~/modules/surveys/settings";
import { db } from "~/utils/db.server";
import { parseParams } from "~/utils/http.server";
import { reportQuery } from "~/modules/surveys/reports/report-query";
import reportStyles from "~/styles/reports.css?url";
import { DataTable } from "~/components/ui/data-table";
import { EMPTY, formatRatio } from "~/utils/format";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "survey.report");
  const { surveyId } = parseParams(args.params, reportQuery.params);
  const query = reportQuery.search(new URL(args.request.url).searchParams);
  const report = await loadReport(db, user, surveyId, query);
  const plan = report.closed && report.unit.id !== ORG ? await planForReport(db, surveyId, report.unit.id) : null;
  return {
    report,
    ...(await reportActions(db, report, plan)),
    canPlan: may(user, "survey.actionPlan") && report.closed && report.unit.id !== ORG,
    lastDay: lastDay(report.survey.closesAt),
  };
}

function useUnitName() {
  const t = useT();
  const locale = useLocale();
  return (u: { id: string; nameZh: string | null; nameEn: string | null }) =>
    u.id === ORG ? t("reports.orgTotal") : ((locale === "en" ? u.nameEn : u.nameZh) ?? u.id);
}

function Filters({ report }: { report: Report }) {
  const t = useT();
  const unitName = useUnitName();
  const current = report.closed && report.filter ? `${report.filter.cut}:${report.filter.value}` : "";
  const hiddenValues = new Set(report.closed ? report.filterValues.filter((v) => v.hidden).map((v) => v.value) : []);
  return (
    <Form method="get" className="filter-bar report-filters" data-testid="report-filters">
      <div className="field">
        <label htmlFor="report-unit">{t("reports.unit")}</label>
        <select id="report-unit" name="unit" defaultValue={report.unit.id}>
          {report.units.map((u) => (
            <option key={u.id} value={u.id} data-hidden={u.hidden ? "true" : "false"}>
              {`${"— ".repeat(u.depth)}${unitName(u)}${u.hidden ? t("reports.hiddenMark") : ""}`}
            </option>
          ))}
        </select>
      </div>
      {report.closed && report.cuts.length > 0 ? (
        <div className="field">
          <label htmlFor="report-filter">{t("reports.filter")}</label>
          <select id="report-filter" name="filter" defaultValue={current}>
            <option value="">{t("reports.filter.none")}</option>
            {report.cuts.includes("track") ? (
              <optgroup label={t("reports.filter.track")}>
                {TRACKS.map((v) => (
                  <option key={v} value={`track:${v}`}>
                    {t(`track.${v}`)}
                    {report.filter?.cut === "track" && hiddenValues.has(v) ? t("reports.hiddenMark") : ""}
                  </option>
                ))}
              </optgroup>
            ) : null}
            {report.cuts.includes("tenure") ? (
              <optgroup label={t("reports.filter.tenure")}>
                {TENURE_BANDS.map((v) => (
                  <option key={v} value={`tenure:${v}`}>
                    {t(`reports.tenure.${v}`)}
                    {report.filter?.cut === "tenure" && hiddenValues.has(v) ? t("reports.hiddenMark") : ""}
                  </option>
                ))}
              </optgroup>
            ) : null}
          </select>
        </div>
      ) : null}
      <button type="submit">{t("reports.apply")}</button>
    </Form>
  );
}

function LiveRates({ report }: { report: Extract<Report, { closed: false }> }) {
  const t = useT();
  const unitName = useUnitName();
  return (
    <div className="panel">
      <h2>{t("reports.responseRate")}</h2>
      <DataTable
        testId="live-rates"
        rows={report.live}
        rowKey={(r) => r.unitId}
        empty={null}
        columns={[
          {
            key: "unit",
            header: "reports.unit",
            rowHeader: true,
            cell: (r) => unitName({ id: r.unitId, nameZh: r.nameZh, nameEn: r.nameEn }),
          },
          { key: "invited", header: "reports.invited", numeric: true, cell: (r) => r.invited },
          {
            key: "answered",
            header: "reports.answered",
            numeric: true,
            span: (r) => (r.answered === null ? 2 : undefined),
            className: (r) => (r.answered === null ? "suppressed" : undefined),
            cell: (r) => (r.answered === null ? t("reports.suppressed") : r.answered),
          },
          {
            key: "rate",
            header: "reports.rate",
            numeric: true,
            cell: (r) => (r.invited && r.answered !== null ? formatRatio(r.answered / r.invited) : EMPTY),
          },
        ]}
      />
    </div>
  );
}

function ActionPlan({
  plan,
  href,
}: {
  plan: ReportPlan | null;
  /** The way to the form, when the focus areas (which carry it) are not shown. */
  href: string | null;
}) {
  const t = useT();
  return (
    <section className="panel" data-testid="action-plan">
      <h2>
        {t("reports.actionPlan")}{" "}
        {plan ? <span className="badge">{plan.publishedAt ? t("reports.published") : t("reports.draft")}</span> : null}
      </h2>
      {plan ? (
        <>
          <h3>{t("plans.summary")}</h3>
          <p className="plan-text">{plan.summary}</p>
          <PlanActionsTable rows={plan.items} dimensions={plan.dimensions} />
          {plan.actions ? <p className="plan-text">{plan.actions}</p> : null}
        </>
      ) : (
        <p className="hint">{t("reports.actionPlanNone")}</p>
      )}
      {href ? (
        <p className="no-print">
          <Link to={href}>{t("reports.actionPlanEdit")}</Link>
        </p>
      ) : null}
    </section>
  );
}

function PrintButton() {
  const t = useT();
  return (
    <button
      type="button"
      onClick={() => {
        // Data tables sit in <details>; open them so the printed page carries the numbers.
        document.querySelectorAll<HTMLDetailsElement>("details.report-data").forEach((d) => (d.open = true));
        window.print();
      }}
    >
      {t("reports.print")}
    </button>
  );
}

export default function SurveyReport() {
  const t = useT();
  const locale = useLocale();
  const unitName = useUnitName();
  const { report, plan, canPlan, lastDay, previousPlan } = useLoaderData<typeof loader>();
  const title = locale === "en" ? report.survey.titleEn : report.survey.titleZh;
  const query = new URLSearchParams({
    unit: report.unit.id,
    ...(report.closed && report.filter ? { filter: `${report.filter.cut}:${report.filter.value}` } : {}),
  });
  const planHref = canPlan ? `/reports/${report.survey.id}/plan?${new URLSearchParams({ unit: report.unit.id })}` : null;
  const unitHref = (unitId: string) =>
    `/reports/${report.survey.id}?${new URLSearchParams({ unit: unitId, ...(report.closed && report.filter ? { filter: `${report.filter.cut}:${report.filter.value}` } : {}) })}`;
  return (
    <section className="report">
      <PageHeader
        title={title}
        actions={
          report.closed ? (
            <>
              <PrintButton />
              <a className="button" href={`/reports/${report.survey.id}/csv?${query}`} download data-testid="csv-link">
                {t("reports.csv")}
              </a>
            </>
          ) : undefined
        }
      >
        <p>
          {unitName(report.unit)} · {t(`reports.status.${report.survey.status}`)} · {lastDay}
        </p>
      </PageHeader>
      <Filters report={report} />
      {!report.closed ? (
        <>
          <p className="notice" data-testid={report.preparing ? "results-preparing" : undefined}>
            {t(report.preparing ? "reports.preparing" : "reports.notClosed")}
          </p>
          {report.live.length > 0 ? <LiveRates report={report} /> : null}
        </>
      ) : (
        <ClosedBody report={report} unitHref={unitHref} planHref={planHref} />
      )}
      <PreviousWaveActions previous={previousPlan} />
      {report.closed && report.unit.id !== ORG ? <ActionPlan plan={plan} href={focusShown(report) ? null : planHref} /> : null}
    </section>
  );
}

/** Whether the report's body (and with it the focus areas and their way to the action plan) is shown. */
function focusShown(report: Report) {
  return report.closed && !report.hidden && report.respondents !== 0;
}

function ClosedBody({ report, unitHref, planHref }: { report: ClosedReport; unitHref: (id: string) => string; planHref: string | null }) {
  const t = useT();
  if (report.hidden) {
    return (
      <p className="notice warn" data-testid="group-hidden">
        {t("reports.groupHidden", { min: report.survey.minGroupSize })}
      </p>
    );
  }
  if (report.respondents === 0) return <EmptyState>{t("reports.groupHidden", { min: report.survey.minGroupSize })}</EmptyState>;
  return (
    <>
      <Headline report={report} />
      <FocusSection report={report} planHref={planHref} />
      <DimensionsSection report={report} />
      <section className="panel">
        <h2>{t("reports.heatmap")}</h2>
        <Heatmap report={report} unitHref={unitHref} />
      </section>
      <TrendSection report={report} />
      <DriversSection report={report} />
      <ItemsSection report={report} />
      <CommentsSection report={report} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
