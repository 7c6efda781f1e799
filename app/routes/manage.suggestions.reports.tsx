import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { listUnits } from "~/modules/org/units.server";
import { SUGGESTION_CATEGORIES } from "~/modules/suggestions/rules";
import { suggestionStats } from "~/modules/suggestions/stats.server";
import { db } from "~/utils/db.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";

const period = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const QuerySchema = z.object({
  from: period.optional().catch(undefined),
  to: period.optional().catch(undefined),
  unitId: z.string().min(1).max(64).optional().catch(undefined),
  category: z.enum(SUGGESTION_CATEGORIES).optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "suggestion.handle");
  const query = QuerySchema.parse(Object.fromEntries([...new URL(args.request.url).searchParams].filter(([, v]) => v !== "")));
  const [stats, units] = await Promise.all([suggestionStats(db, user, query), listUnits(db, user)]);
  return { stats, units, query };
}

function Count({ value }: { value: number | null }) {
  const t = useT();
  return value === null ? (
    <span className="suppressed" title={t("suggestions.report.suppressedHint")}>
      {t("suggestions.report.suppressed")}
    </span>
  ) : (
    <>{value}</>
  );
}

export default function SuggestionReports() {
  const t = useT();
  const locale = useLocale();
  const { stats, units, query } = useLoaderData<typeof loader>();
  const fr = stats.firstReply;
  return (
    <section>
      <PageHeader title={t("suggestions.reports")} actions={<Link to="/manage/suggestions">{t("common.back")}</Link>} />
      <Form method="get" className="filter-bar">
        <label htmlFor="from">{t("suggestions.report.from")}</label>
        <input id="from" name="from" type="month" defaultValue={query.from ?? ""} />
        <label htmlFor="to">{t("suggestions.report.to")}</label>
        <input id="to" name="to" type="month" defaultValue={query.to ?? ""} />
        <label htmlFor="unitId">{t("suggestions.unit")}</label>
        <select id="unitId" name="unitId" defaultValue={query.unitId ?? ""}>
          <option value="">{t("common.all")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>{`${"— ".repeat(u.depth)}${pick(locale, u)}`}</option>
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
        <button type="submit">{t("common.filter")}</button>
      </Form>

      <div className="stats">
        <div className="card" data-testid="stat-total">
          <div className="stat">{stats.total}</div>
          <div>{t("suggestions.report.total")}</div>
        </div>
        <div className="card">
          <div className="stat">{stats.adoption.rate === null ? "—" : `${Math.round(stats.adoption.rate * 1000) / 10}%`}</div>
          <div>{t("suggestions.report.adoption", { adopted: stats.adoption.adopted, decided: stats.adoption.decided })}</div>
        </div>
        <div className="card">
          <div className="stat">{stats.open}</div>
          <div>{t("suggestions.report.open")}</div>
        </div>
        <div className="card">
          <div className="stat">
            <Link to="/manage/suggestions?status=stale">{stats.openOlderThan30Days}</Link>
          </div>
          <div>{t("suggestions.report.stale")}</div>
        </div>
      </div>

      <div className="panel">
        <h2>{t("suggestions.report.firstReply")}</h2>
        <p>
          {t("suggestions.report.firstReplyNamed", {
            median: fr.named.medianDays ?? "—",
            answered: fr.named.answered,
            within7: fr.named.within7Days,
            unanswered: fr.named.unanswered,
          })}
        </p>
        <p>
          {t("suggestions.report.firstReplyAnonymous", {
            same: fr.anonymous.sameMonth,
            next: fr.anonymous.nextMonth,
            later: fr.anonymous.later,
            unanswered: fr.anonymous.unanswered,
          })}
        </p>
        <p className="hint">{t("suggestions.report.precision")}</p>
      </div>

      <div className="card-grid">
        <div className="panel">
          <h2>{t("suggestions.report.byCategory")}</h2>
          <DataTable
            rows={stats.byCategory}
            rowKey={(c) => c.category}
            empty={null}
            columns={[
              { key: "category", header: "suggestions.category", cell: (c) => t(`suggestions.category.${c.category}`) },
              { key: "total", header: "suggestions.report.total", numeric: true, cell: (c) => c.total },
              { key: "anonymous", header: "suggestions.identity.anonymous", numeric: true, cell: (c) => <Count value={c.anonymous} /> },
            ]}
          />
        </div>
        <div className="panel">
          <h2>{t("suggestions.report.byUnit")}</h2>
          <DataTable
            rows={stats.byUnit}
            rowKey={(u) => u.unitId}
            empty={null}
            columns={[
              { key: "unit", header: "suggestions.unit", cell: (u) => pick(locale, u) },
              { key: "total", header: "suggestions.report.total", numeric: true, cell: (u) => u.total },
              { key: "anonymous", header: "suggestions.identity.anonymous", numeric: true, cell: (u) => <Count value={u.anonymous} /> },
            ]}
          />
        </div>
      </div>
      <p className="hint">{t("suggestions.report.minGroup", { min: stats.minGroupSize })}</p>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
