import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { requirePermission } from "~/modules/auth/guards.server";
import { ROLES } from "~/modules/auth/roles";
import { pendingRequests } from "~/modules/org/accounts.server";
import { db } from "~/utils/db.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { PageParam, paginate, pageWindow } from "~/utils/pagination";
import { formatDateTime } from "~/utils/format";

const PAGE_SIZE = 25;
const QuerySchema = z.object({
  role: z.enum(ROLES).optional().catch(undefined),
  q: z.string().trim().max(100).optional().catch(undefined),
  page: PageParam.optional(),
});

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "users.manage");
  const query = QuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const where = {
    ...(query.role ? { role: query.role } : {}),
    ...(query.q ? { OR: [{ email: { contains: query.q } }, { employee: { name: { contains: query.q } } }] } : {}),
  };
  const page = query.page ?? 1;
  const [total, users, pending] = await Promise.all([
    db.user.count({ where }),
    db.user.findMany({
      where,
      orderBy: [{ role: "desc" }, { email: "asc" }],
      ...pageWindow(page, PAGE_SIZE),
      select: {
        id: true,
        email: true,
        role: true,
        disabled: true,
        passwordHash: true,
        employee: { select: { id: true, name: true } },
        scopeUnit: { select: { nameZh: true, nameEn: true } },
      },
    }),
    pendingRequests(db),
  ]);
  const people = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [...new Set(pending.flatMap((r) => [r.userId, r.requestedById]))] } },
        select: { id: true, email: true, employee: { select: { name: true } } },
      })
    ).map((u) => [u.id, u.employee?.name ?? u.email]),
  );
  return {
    users: users.map(({ passwordHash, ...u }) => ({ ...u, hasPassword: Boolean(passwordHash) })),
    pending: pending.map((r) => ({
      id: r.id,
      kind: r.kind,
      role: r.role,
      userId: r.userId,
      who: people.get(r.userId) ?? "—",
      requestedBy: people.get(r.requestedById) ?? "—",
      createdAt: r.createdAt,
    })),
    total,
    page,
    pageCount: paginate({ page, pageSize: PAGE_SIZE, total }).pageCount,
    query,
  };
}

export default function Users() {
  const t = useT();
  const locale = useLocale();
  const when = formatDateTime;
  const { users, pending, total, page, pageCount, query } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("nav.users")}>
        <p className="hint">{t("users.intro")}</p>
      </PageHeader>
      <div className="panel" data-testid="pending-requests">
        <h2>{t("accounts.pendingAll")}</h2>
        {pending.length === 0 ? (
          <p className="hint">{t("accounts.noPending")}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("accounts.account")}</th>
                <th scope="col">{t("accounts.request")}</th>
                <th scope="col">{t("accounts.requestedBy")}</th>
                <th scope="col">{t("accounts.requestedAt")}</th>
              </tr>
            </thead>
            <tbody>
              {pending.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link to={`/admin/users/${r.userId}`}>{r.who}</Link>
                  </td>
                  <td>
                    {r.kind === "role" ? t("accounts.kind.role", { role: t(`role.${r.role ?? "employee"}`) }) : t("accounts.kind.reset")}
                  </td>
                  <td>{r.requestedBy}</td>
                  <td>{when(r.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <Form method="get" className="filter-bar" role="search">
        <label htmlFor="q">{t("common.search")}</label>
        <input id="q" name="q" type="search" defaultValue={query.q ?? ""} />
        <label htmlFor="role">{t("org.role")}</label>
        <select id="role" name="role" defaultValue={query.role ?? ""}>
          <option value="">{t("common.all")}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </select>
        <button type="submit">{t("common.filter")}</button>
      </Form>
      {users.length === 0 ? (
        <EmptyState>{t("users.none")}</EmptyState>
      ) : (
        <>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("auth.email")}</th>
                <th scope="col">{t("org.name")}</th>
                <th scope="col">{t("org.role")}</th>
                <th scope="col">{t("org.scopeUnit")}</th>
                <th scope="col">{t("org.status")}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/admin/users/${u.id}`}>{u.email}</Link>
                  </td>
                  <td>{u.employee ? u.employee.name : "—"}</td>
                  <td>{t(`role.${u.role}`)}</td>
                  <td>{u.scopeUnit ? pick(locale, u.scopeUnit) : "—"}</td>
                  <td>
                    {u.disabled ? t("org.accountDisabled") : u.hasPassword ? t("org.accountActive") : t("org.accountAwaitingPassword")}
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
