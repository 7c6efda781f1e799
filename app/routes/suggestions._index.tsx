import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { StatusBadge } from "~/components/suggestions/thread";
import { requireEmployee } from "~/modules/auth/guards.server";
import { listMySuggestions } from "~/modules/suggestions/suggestions.server";
import { db } from "~/utils/db.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { PageParam } from "~/utils/pagination";
import { formatDate } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

const QuerySchema = z.object({ page: PageParam.optional() });

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const { page } = QuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return listMySuggestions(db, user.employeeId, page ?? 1);
}

export default function MySuggestions() {
  const t = useT();
  const locale = useLocale();
  const { rows, total, page, pageCount } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader
        title={t("suggestions.title")}
        actions={
          <>
            <Link className="button primary" to="/suggestions/new">
              {t("suggestions.new")}
            </Link>
            <Link className="button" to="/suggestions/follow-up">
              {t("suggestions.followUp")}
            </Link>
          </>
        }
      >
        <p>{t("suggestions.intro")}</p>
      </PageHeader>
      <h2>{t("suggestions.mine")}</h2>
      <p className="hint">{t("suggestions.mineHint")}</p>
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        empty="suggestions.noneMine"
        columns={[
          { key: "title", header: "suggestions.fieldTitle", cell: (r) => <Link to={`/suggestions/${r.id}`}>{r.title}</Link> },
          { key: "category", header: "suggestions.category", cell: (r) => t(`suggestions.category.${r.category}`) },
          { key: "unit", header: "suggestions.unit", cell: (r) => pick(locale, r.unit) },
          { key: "submitted", header: "suggestions.submitted", cell: (r) => formatDate(r.submittedAt) },
          {
            key: "status",
            header: "suggestions.statusLabel",
            cell: (r) =>
              r.hiddenReason ? (
                <span className="badge bad">{t("suggestions.hidden")}</span>
              ) : (
                <StatusBadge status={r.status} merged={r.merged} />
              ),
          },
          { key: "replies", header: "suggestions.replies", numeric: true, cell: (r) => r.replies },
        ]}
      />
      {rows.length ? <Pagination page={page} pageCount={pageCount} total={total} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
