import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { StatusBadge } from "~/components/suggestions/thread";
import { requirePermission } from "~/modules/auth/guards.server";
import { listUnits } from "~/modules/org/units.server";
import { listForHandler } from "~/modules/suggestions/handling.server";
import { SUGGESTION_CATEGORIES, SUGGESTION_STATUSES } from "~/modules/suggestions/rules";
import { db } from "~/utils/db.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { PageParam } from "~/utils/pagination";
import { DataTable } from "~/components/ui/data-table";

const QuerySchema = z.object({
  status: z
    .enum([...SUGGESTION_STATUSES, "open", "stale"])
    .optional()
    .catch(undefined),
  category: z.enum(SUGGESTION_CATEGORIES).optional().catch(undefined),
  unitId: z.string().max(64).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: PageParam.optional(),
});

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "suggestion.handle");
  const query = QuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const [result, units] = await Promise.all([
    listForHandler(db, user, {
      status: query.status,
      category: query.category,
      unitId: query.unitId || undefined,
      q: query.q || undefined,
      page: query.page ?? 1,
    }),
    listUnits(db, user),
  ]);
  return { ...result, units, query };
}

export default function HandleSuggestions() {
  const t = useT();
  const locale = useLocale();
  const { rows, total, page, pageCount, units, query } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader
        title={t("suggestions.handleTitle")}
        actions={
          <Link className="button" to="/manage/suggestions/reports">
            {t("suggestions.reports")}
          </Link>
        }
      />
      <Form method="get" className="filter-bar" role="search">
        <label htmlFor="q">{t("common.search")}</label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ""} />
        <label htmlFor="status">{t("suggestions.statusLabel")}</label>
        <select id="status" name="status" defaultValue={query.status ?? ""}>
          <option value="">{t("common.all")}</option>
          <option value="open">{t("suggestions.filter.open")}</option>
          <option value="stale">{t("suggestions.filter.stale")}</option>
          {SUGGESTION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`suggestions.status.${s}`)}
            </option>
          ))}
        </select>
        <label htmlFor="category">{t("suggestions.category")}</label>
        <select id="category" name="category" defaultValue={query.category ?? ""}>
          <option value="">{t("common.all")}</option>
          {SUGGESTION_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {t(`suggestions.category.${c}`)}
            </option>
          ))}
        </select>
        <label htmlFor="unitId">{t("suggestions.unit")}</label>
        <select id="unitId" name="unitId" defaultValue={query.unitId ?? ""}>
          <option value="">{t("common.all")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {`${"— ".repeat(u.depth)}${pick(locale, u)}`}
            </option>
          ))}
        </select>
        <button type="submit">{t("common.filter")}</button>
      </Form>
      <DataTable
        rows={rows}
        rowKey={(r) => r.id}
        empty="suggestions.noneInScope"
        columns={[
          {
            key: "title",
            header: "suggestions.fieldTitle",
            cell: (r) => (
              <>
                <Link to={`/manage/suggestions/${r.id}`}>{r.hidden ? t("suggestions.hidden") : r.title}</Link>
                {r.anonymous ? <span className="badge"> {t("suggestions.identity.anonymous")}</span> : null}
                {r.awaitingReply && !r.merged ? <span className="badge warn"> {t("suggestions.awaitingReply")}</span> : null}
              </>
            ),
          },
          { key: "category", header: "suggestions.category", cell: (r) => t(`suggestions.category.${r.category}`) },
          { key: "unit", header: "suggestions.unit", cell: (r) => pick(locale, r.unit) },
          { key: "month", header: "suggestions.month", cell: (r) => r.period },
          { key: "status", header: "suggestions.statusLabel", cell: (r) => <StatusBadge status={r.status} merged={r.merged} /> },
          { key: "owner", header: "suggestions.owner", cell: (r) => r.owner ?? t("suggestions.noOwner") },
        ]}
      />
      {rows.length ? <Pagination page={page} pageCount={pageCount} total={total} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
