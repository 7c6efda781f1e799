import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
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
          d.courses.length === 0 ? (
            <EmptyState>{t("training.report.noCourses")}</EmptyState>
          ) : (
            <table className="data-table" data-testid="effectiveness-table">
              <thead>
                <tr>
                  <th scope="col">{t("training.course")}</th>
                  <th scope="col">{t("training.eval.completion")}</th>
                  <th scope="col">{t("training.eval.reaction")}</th>
                  <th scope="col">{t("training.eval.learning")}</th>
                  <th scope="col">{t("training.eval.behaviour")}</th>
                  <th scope="col">{t("training.eval.results")}</th>
                  <th scope="col">{t("training.eval.cost")}</th>
                </tr>
              </thead>
              <tbody>
                {d.courses.map((c) => (
                  <tr key={c.id}>
                    <td>
                      <Link to={`/training/courses/${c.id}`}>{title(c)}</Link>
                      <br />
                      <small className="hint">
                        {c.code} · {t("training.report.sessionsN", { n: c.sessions })}
                      </small>
                    </td>
                    <td>
                      {pct(c.completionRate)}{" "}
                      <small className="hint">
                        ({c.completedInScope}/{c.enrolledInScope})
                      </small>
                    </td>
                    <td>
                      <ReactionCell reaction={c.reaction} />
                    </td>
                    <td>
                      <LearningCell learning={c.learning} />
                    </td>
                    <td>
                      <BehaviourCell behaviour={c.behaviour} />
                    </td>
                    <td>
                      <ResultsCell results={c.results} />
                    </td>
                    <td>
                      {money(c.costFen)}
                      <br />
                      <small>
                        {t("training.eval.perParticipant")} {c.cost.perParticipant === null ? "—" : money(c.cost.perParticipant)}
                      </small>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
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
          <table className="data-table" data-testid="needs-delivery-table">
            <thead>
              <tr>
                <th scope="col">{t("training.topic")}</th>
                <th scope="col" className="num">
                  {t("training.needs.wanted")}
                </th>
                <th scope="col" className="num">
                  {t("training.needs.urgent")}
                </th>
                <th scope="col" className="num">
                  {t("training.report.trainedPeople")}
                </th>
                <th scope="col" className="num">
                  {t("training.report.sessionsDelivered")}
                </th>
                <th scope="col" className="num">
                  {t("training.report.learnerHours")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.needs.map((n) => (
                <tr key={n.topic}>
                  <td>{t(`training.topic.${n.topic}`)}</td>
                  <td className="num">{n.wanted}</td>
                  <td className="num">{n.urgent}</td>
                  <td className="num">{n.trainedPeople}</td>
                  <td className="num">{n.sessions}</td>
                  <td className="num">{n.learnerHours}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("training.needs.unit")}</th>
                <th scope="col" className="num">
                  {t("training.report.staff")}
                </th>
                <th scope="col" className="num">
                  {t("training.report.trained")}
                </th>
                <th scope="col" className="num">
                  {t("training.report.coverage")}
                </th>
                <th scope="col" className="num">
                  {t("training.report.averageHours")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.hours.units.map((u) => (
                <tr key={u.unitId}>
                  <td>{name(u)}</td>
                  <td className="num">{u.staff}</td>
                  <td className="num">{u.trained}</td>
                  <td className="num">{pct(u.coverage)}</td>
                  <td className="num">{u.averageHours.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
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
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("training.hours")}</th>
                <th scope="col" className="num">
                  {t("training.report.people")}
                </th>
              </tr>
            </thead>
            <tbody>
              {d.hours.bands.map((b) => (
                <tr key={b.key}>
                  <td>{t("training.report.band", { band: b.key })}</td>
                  <td className="num">{b.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />

      <div className="panel">
        <h2>{t("training.report.hoursPerEmployee")}</h2>
        <p>
          <a href={csv("hours")} download>
            {t("common.exportCsv")}
          </a>
        </p>
        {d.hours.people.length === 0 ? (
          <EmptyState>{t("training.report.noPeople")}</EmptyState>
        ) : (
          <>
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("training.employee")}</th>
                  <th scope="col">{t("training.needs.unit")}</th>
                  <th scope="col" className="num">
                    {t("training.hours")}
                  </th>
                  <th scope="col" className="num">
                    {t("training.report.courses")}
                  </th>
                </tr>
              </thead>
              <tbody>
                {d.hours.people.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link to={`/training/people/${p.id}`}>{p.name}</Link> <small className="hint">{p.employeeNo}</small>
                    </td>
                    <td>{name(p.unit)}</td>
                    <td className="num">{p.hours}</td>
                    <td className="num">{p.courses}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <Pagination page={d.page} pageCount={d.pageCount} total={d.peopleTotal} />
          </>
        )}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
