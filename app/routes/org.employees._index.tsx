import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { pendingEmployeeRequests } from "~/modules/org/accounts.server";
import { EMPLOYEE_SORTS, listEmployees } from "~/modules/org/employees.server";
import { listUnits } from "~/modules/org/units.server";
import { db } from "~/utils/db.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { PageParam } from "~/utils/pagination";
import { DataTable } from "~/components/ui/data-table";
import { sortFromUrl } from "~/utils/table-sort";

const QuerySchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  unitId: z.string().max(64).optional().catch(undefined),
  page: PageParam.optional(),
  inactive: z.literal("1").optional().catch(undefined),
});

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "org.view");
  const query = QuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const [result, units] = await Promise.all([
    listEmployees(db, user, {
      q: query.q || undefined,
      unitId: query.unitId || undefined,
      page: query.page,
      includeInactive: query.inactive === "1",
      sort: sortFromUrl(args.request.url, EMPLOYEE_SORTS),
    }),
    listUnits(db, user),
  ]);
  // HR decides account requests on the employee's page: list the ones waiting, with a link there.
  const pendingAccounts = await pendingEmployeeRequests(db, user);
  return { ...result, units, query, canManage: may(user, "org.manage"), pendingAccounts };
}

export default function Employees() {
  const t = useT();
  const locale = useLocale();
  const { rows, total, page, pageCount, units, query, canManage, pendingAccounts } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader
        title={t("org.employeesTitle")}
        actions={
          canManage ? (
            <>
              <Link className="button" to="/org/employees/new">
                {t("org.newEmployee")}
              </Link>
              <Link className="button" to="/org/employees/import">
                {t("org.importCsv")}
              </Link>
            </>
          ) : null
        }
      />
      {pendingAccounts.length > 0 ? (
        <div className="panel" data-testid="pending-requests">
          <h2>{t("accounts.pendingAll")}</h2>
          <ul>
            {pendingAccounts.map((r) => (
              <li key={r.id}>
                <Link to={`/org/employees/${r.employee.id}`}>{`${r.employee.name} · ${r.employee.employeeNo}`}</Link>
                {" · "}
                {r.kind === "role" ? t("accounts.kind.role", { role: t(`role.${r.role ?? "employee"}`) }) : t("accounts.kind.reset")}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="get" className="filter-bar" role="search">
        <label htmlFor="q">{t("common.search")}</label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("org.searchPlaceholder")} />
        <label htmlFor="unitId">{t("org.unit")}</label>
        <select id="unitId" name="unitId" defaultValue={query.unitId ?? ""}>
          <option value="">{t("common.all")}</option>
          {units.map((u) => (
            <option key={u.id} value={u.id}>
              {`${"— ".repeat(u.depth)}${pick(locale, u)}`}
            </option>
          ))}
        </select>
        <label>
          <input type="checkbox" name="inactive" value="1" defaultChecked={query.inactive === "1"} /> {t("org.includeInactive")}
        </label>
        <button type="submit">{t("common.filter")}</button>
      </Form>
      <DataTable
        rows={rows}
        rowKey={(e) => e.id}
        empty="org.noEmployees"
        sort="server"
        columns={[
          { key: "employeeNo", header: "org.employeeNo", cell: (e) => e.employeeNo, sort: true },
          {
            key: "name",
            header: "org.name",
            cell: (e) => (canManage ? <Link to={`/org/employees/${e.id}`}>{e.name}</Link> : e.name),
            sort: true,
          },
          { key: "unit", header: "org.unit", cell: (e) => pick(locale, e.unit) },
          { key: "position", header: "org.position", cell: (e) => pick(locale, e.position) },
          { key: "track", header: "org.trackLevel", cell: (e) => `${t(`track.${e.track}`)} · ${e.level}` },
          { key: "status", header: "org.status", cell: (e) => (e.active ? t("org.active") : t("org.inactive")) },
        ]}
      />
      {rows.length ? <Pagination page={page} pageCount={pageCount} total={total} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
