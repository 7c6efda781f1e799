import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
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
      {rows.length === 0 ? (
        <EmptyState>{t("suggestions.noneMine")}</EmptyState>
      ) : (
        <>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("suggestions.fieldTitle")}</th>
                <th scope="col">{t("suggestions.category")}</th>
                <th scope="col">{t("suggestions.unit")}</th>
                <th scope="col">{t("suggestions.submitted")}</th>
                <th scope="col">{t("suggestions.statusLabel")}</th>
                <th scope="col" className="num">
                  {t("suggestions.replies")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/suggestions/${r.id}`}>{r.title}</Link>
                  </td>
                  <td>{t(`suggestions.category.${r.category}`)}</td>
                  <td>{pick(locale, r.unit)}</td>
                  <td>{formatDate(r.submittedAt)}</td>
                  <td>
                    {r.hiddenReason ? (
                      <span className="badge bad">{t("suggestions.hidden")}</span>
                    ) : (
                      <StatusBadge status={r.status} merged={r.merged} />
                    )}
                  </td>
                  <td className="num">{r.replies}</td>
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
