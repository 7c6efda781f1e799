import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useMoney, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { ChartWithTable } from "~/components/training/chart";
import { BehaviourCell, LearningCell, pct, ReactionCell, ResultsCell } from "~/components/training/figures";
import { requirePermission } from "~/modules/auth/guards.server";
import { effectivenessReport, hoursReport, needsDeliveryReport, yearWindow } from "~/modules/training/reports/reports.server";
import { yearStartCst } from "~/modules/training/sessions/record.server";
import { db } from "~/utils/db.server";
import { z } from "~/utils/validation";
import { PageParam } from "~/utils/pagination";
import { EMPTY, formatDecimal } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

const PEOPLE_PAGE = 25;

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "training.report");
  const thisYear = new Date(yearStartCst(new Date()).getTime() + 8 * 3600_000).getUTCFullYear();
  const query = z.object({ year: z.coerce.number().int().min(2000).max(2100).catch(thisYear), page: PageParam }).parse({
    year: new URL(args.request.url).searchParams.get("year") ?? thisYear,
    page: new URL(args.request.url).searchParams.get("page") ?? 1,
  });
  const window = yearWindow(query.year);
  const [hours, courses, needs] = await Promise.all([
    hoursReport(db, user, window, { page: query.page, pageSize: PEOPLE_PAGE }),
    effectivenessReport(db, user, window),
    needsDeliveryReport(db, user, window),
  ]);
  return {
    year: query.year,
    years: [thisYear - 2, thisYear - 1, thisYear],
    hours,
    peopleTotal: hours.peopleTotal,
    page: hours.page,
    pageCount: hours.pageCount,
    courses,
    needs: needs.topics,
  };
}

export default function Reports() {
  const t = useT();
  const locale = useLocale();
  const money = useMoney();
  const d = useLoaderData<typeof loader>();
  const name = (x: { nameZh: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameZh);
  const title = (x: { titleZh: string; titleEn: string }) => (locale === "en" ? x.titleEn : x.titleZh);
  const csv = (kind: string) => `/training/reports/csv?kind=${kind}&year=${d.year}`;
  return (
    <section>
      <PageHeader title={t("training.report.title")}>
        <p>{t("training.report.intro")}</p>
      </PageHeader>
      <Form method="get" className="filter-bar">
        <label htmlFor="year">{t("training.report.year")}</label>
        <select id="year" name="year" defaultValue={d.year}>
          {d.years.map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <button type="submit">{t("common.filter")}</button>
      </Form>
      <div className="stats">
        <div className="card">
          <div className="stat">{pct(d.hours.totals.coverage)}</div>
          <div>{t("training.report.coverageTotal", { trained: d.hours.totals.trained, staff: d.hours.totals.staff })}</div>
        </div>
        <div className="card">
          <div className="stat">{d.hours.totals.averageHours.toFixed(1)}</div>
          <div>{t("training.report.averageHours")}</div>
        </div>
        <div className="card">
          <div className="stat">{d.courses.length}</div>
          <div>{t("training.report.coursesDelivered")}</div>
        </div>
      </div>

      <ChartWithTable
        id="effectiveness"
        tableOpen
        title={t("training.report.effectiveness")}
        labels={d.courses.map((c) => c.code)}
        series={[
          {
            label: t("training.eval.completion"),
            data: d.courses.map((c) => (c.completionRate === null ? null : Math.round(c.completionRate * 100))),
            color: "#1d4ed8",
          },
          {
            label: t("training.report.normalisedGainPct"),
            data: d.courses.map((c) => (c.learning?.normalisedGain == null ? null : Math.round(c.learning.normalisedGain * 100))),
            color: "#16a34a",
          },
          {
            label: t("training.report.reactionPct"),
            data: d.courses.map((c) => (c.reaction.status === "ok" ? Math.round((c.reaction.overall / 5) * 100) : null)),
            color: "#f59e0b",
          },
        ]}
        table={
          <DataTable
            testId="effectiveness-table"
            rows={d.courses}
            rowKey={(c) => c.id}
            empty="training.report.noCourses"
            columns={[
              {
                key: "course",
                header: "training.course",
                cell: (c) => (
                  <>
                    <Link to={`/training/courses/${c.id}`}>{title(c)}</Link>
                    <br />
                    <small className="hint">
                      {c.code} · {t("training.report.sessionsN", { n: c.sessions })}
                    </small>
                  </>
                ),
              },
              {
                key: "completion",
                header: "training.eval.completion",
                cell: (c) => (
                  <>
                    {pct(c.completionRate)}{" "}
                    <small className="hint">
                      ({c.completedInScope}/{c.enrolledInScope})
                    </small>
                  </>
                ),
                sort: (c) => c.completionRate,
              },
              { key: "reaction", header: "training.eval.reaction", cell: (c) => <ReactionCell reaction={c.reaction} /> },
              { key: "learning", header: "training.eval.learning", cell: (c) => <LearningCell learning={c.learning} /> },
              { key: "behaviour", header: "training.eval.behaviour", cell: (c) => <BehaviourCell behaviour={c.behaviour} /> },
              { key: "results", header: "training.eval.results", cell: (c) => <ResultsCell results={c.results} /> },
              {
                key: "cost",
                header: "training.eval.cost",
                cell: (c) => (
                  <>
                    {money(c.costFen)}
                    <br />
                    <small>
                      {t("training.eval.perParticipant")} {c.cost.perParticipant === null ? EMPTY : money(c.cost.perParticipant)}
                    </small>
                  </>
                ),
                sort: (c) => c.costFen,
              },
            ]}
          />
        }
      />
      <p>
        <a href={csv("courses")} download>
          {t("common.exportCsv")} · {t("training.report.effectiveness")}
        </a>
      </p>

      <ChartWithTable
        id="needs-delivery"
        title={t("training.report.needsDelivery")}
        horizontal
        labels={d.needs.map((n) => t(`training.topic.${n.topic}`))}
        series={[
          { label: t("training.needs.wanted"), data: d.needs.map((n) => n.wanted), color: "#1d4ed8" },
          { label: t("training.report.trainedPeople"), data: d.needs.map((n) => n.trainedPeople), color: "#16a34a" },
        ]}
        table={
          <DataTable
            testId="needs-delivery-table"
            rows={d.needs}
            rowKey={(n) => n.topic}
            empty={null}
            columns={[
              { key: "topic", header: "training.topic", cell: (n) => t(`training.topic.${n.topic}`) },
              { key: "wanted", header: "training.needs.wanted", numeric: true, cell: (n) => n.wanted, sort: (n) => n.wanted },
              { key: "urgent", header: "training.needs.urgent", numeric: true, cell: (n) => n.urgent, sort: (n) => n.urgent },
              { key: "trained", header: "training.report.trainedPeople", numeric: true, cell: (n) => n.trainedPeople },
              { key: "sessions", header: "training.report.sessionsDelivered", numeric: true, cell: (n) => n.sessions },
              { key: "learnerHours", header: "training.report.learnerHours", numeric: true, cell: (n) => n.learnerHours },
            ]}
          />
        }
      />
      <p>
        <a href={csv("needs")} download>
          {t("common.exportCsv")} · {t("training.report.needsDelivery")}
        </a>
      </p>

      <ChartWithTable
        id="coverage"
        title={t("training.report.coverageByUnit")}
        horizontal
        labels={d.hours.units.map(name)}
        series={[{ label: t("training.report.coverage"), data: d.hours.units.map((u) => Math.round(u.coverage * 100)), color: "#1d4ed8" }]}
        table={
          <DataTable
            rows={d.hours.units}
            rowKey={(u) => u.unitId}
            empty={null}
            columns={[
              { key: "unit", header: "training.needs.unit", cell: (u) => name(u) },
              { key: "staff", header: "training.report.staff", numeric: true, cell: (u) => u.staff },
              { key: "trained", header: "training.report.trained", numeric: true, cell: (u) => u.trained },
              { key: "coverage", header: "training.report.coverage", numeric: true, cell: (u) => pct(u.coverage), sort: (u) => u.coverage },
              {
                key: "averageHours",
                header: "training.report.averageHours",
                numeric: true,
                cell: (u) => formatDecimal(u.averageHours, 1),
                sort: (u) => u.averageHours,
              },
            ]}
          />
        }
      />
      <p>
        <a href={csv("units")} download>
          {t("common.exportCsv")} · {t("training.report.coverageByUnit")}
        </a>
      </p>

      <ChartWithTable
        id="hours-bands"
        title={t("training.report.hoursDistribution")}
        labels={d.hours.bands.map((b) => t("training.report.band", { band: b.key }))}
        series={[{ label: t("training.report.people"), data: d.hours.bands.map((b) => b.people), color: "#1d4ed8" }]}
        table={
          <DataTable
            rows={d.hours.bands}
            rowKey={(b) => b.key}
            empty={null}
            stacked={false}
            columns={[
              { key: "band", header: "training.hours", cell: (b) => t("training.report.band", { band: b.key }) },
              { key: "people", header: "training.report.people", numeric: true, cell: (b) => b.people },
            ]}
          />
        }
      />

      <div className="panel">
        <h2>{t("training.report.hoursPerEmployee")}</h2>
        <p>
          <a href={csv("hours")} download>
            {t("common.exportCsv")}
          </a>
        </p>
        <DataTable
          rows={d.hours.people}
          rowKey={(p) => p.id}
          empty="training.report.noPeople"
          columns={[
            {
              key: "employee",
              header: "training.employee",
              cell: (p) => (
                <>
                  <Link to={`/training/people/${p.id}`}>{p.name}</Link> <small className="hint">{p.employeeNo}</small>
                </>
              ),
            },
            { key: "unit", header: "training.needs.unit", cell: (p) => name(p.unit) },
            { key: "hours", header: "training.hours", numeric: true, cell: (p) => p.hours },
            { key: "courses", header: "training.report.courses", numeric: true, cell: (p) => p.courses },
          ]}
        />
        {d.hours.people.length ? <Pagination page={d.page} pageCount={d.pageCount} total={d.peopleTotal} /> : null}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
