import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { requirePermission } from "~/modules/auth/guards.server";
import { listReportableSurveys } from "~/modules/surveys/reports/report.server";
import { lastDay, chinaDate } from "~/modules/surveys/settings";
import { db } from "~/utils/db.server";
import { z } from "~/utils/validation";
import reportStyles from "~/styles/reports.css?url";
import { PageParam } from "~/utils/pagination";
import { DataTable } from "~/components/ui/data-table";

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
      <DataTable
        testId="report-surveys"
        rows={rows}
        rowKey={(s) => s.id}
        empty="reports.none"
        columns={[
          {
            key: "survey",
            header: "reports.survey",
            cell: (s) => <Link to={`/reports/${s.id}`}>{locale === "en" ? s.titleEn : s.titleZh}</Link>,
          },
          { key: "period", header: "reports.period", cell: (s) => `${s.from} – ${s.to}` },
          {
            key: "status",
            header: "reports.status",
            cell: (s) => <span className={s.status === "closed" ? "badge" : "badge ok"}>{t(`reports.status.${s.status}`)}</span>,
          },
        ]}
      />
      {rows.length ? <Pagination page={page} pageCount={pageCount} total={total} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
