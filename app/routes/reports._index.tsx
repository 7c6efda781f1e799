import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { requirePermission } from "~/modules/auth/guards.server";
import { listReportableSurveys } from "~/modules/surveys/reports/report.server";
import { lastDay, chinaDate } from "~/modules/surveys/settings";
import { db } from "~/utils/db.server";
import { z } from "~/utils/validation";
import reportStyles from "~/styles/reports.css?url";
import { PageParam } from "~/utils/pagination";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: reportStyles }];

const Query = z.object({ page: PageParam });

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "survey.report");
  const { page } = Query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const list = await listReportableSurveys(db, page);
  return {
    ...list,
    rows: list.rows.map((s) => ({
      id: s.id,
      titleZh: s.titleZh,
      titleEn: s.titleEn,
      status: s.status,
      from: chinaDate(s.opensAt),
      to: lastDay(s.closesAt),
    })),
  };
}

export default function Reports() {
  const t = useT();
  const locale = useLocale();
  const { rows, page, pageCount, total } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("reports.title")}>
        <p>{t("reports.intro")}</p>
      </PageHeader>
      {rows.length === 0 ? (
        <EmptyState>{t("reports.none")}</EmptyState>
      ) : (
        <>
          <table className="data-table" data-testid="report-surveys">
            <thead>
              <tr>
                <th scope="col">{t("reports.survey")}</th>
                <th scope="col">{t("reports.period")}</th>
                <th scope="col">{t("reports.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((s) => (
                <tr key={s.id}>
                  <td>
                    <Link to={`/reports/${s.id}`}>{locale === "en" ? s.titleEn : s.titleZh}</Link>
                  </td>
                  <td>
                    {s.from} – {s.to}
                  </td>
                  <td>
                    <span className={s.status === "closed" ? "badge" : "badge ok"}>{t(`reports.status.${s.status}`)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Pagination page={page} pageCount={pageCount} total={total} />
        </>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
