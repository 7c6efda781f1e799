import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { requirePermission } from "~/modules/auth/guards.server";
import { ROLES } from "~/modules/auth/roles";
import { pendingRequests } from "~/modules/org/accounts.server";
import { containsText } from "~/modules/org/search.server";
import { db } from "~/utils/db.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { PageParam, paginate, pageWindow } from "~/utils/pagination";
import { EMPTY, formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

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
    ...(query.q ? { OR: [{ email: containsText(db, query.q) }, { employee: { name: containsText(db, query.q) } }] } : {}),
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
        <DataTable
          rows={pending}
          rowKey={(r) => r.id}
          empty="accounts.noPending"
          columns={[
            { key: "account", header: "accounts.account", cell: (r) => <Link to={`/admin/users/${r.userId}`}>{r.who}</Link> },
            {
              key: "request",
              header: "accounts.request",
              cell: (r) =>
                r.kind === "role" ? t("accounts.kind.role", { role: t(`role.${r.role ?? "employee"}`) }) : t("accounts.kind.reset"),
            },
            { key: "requestedBy", header: "accounts.requestedBy", cell: (r) => r.requestedBy },
            { key: "requestedAt", header: "accounts.requestedAt", cell: (r) => when(r.createdAt) },
          ]}
        />
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
      <DataTable
        rows={users}
        rowKey={(u) => u.id}
        empty="users.none"
        columns={[
          { key: "email", header: "auth.email", cell: (u) => <Link to={`/admin/users/${u.id}`}>{u.email}</Link> },
          { key: "name", header: "org.name", cell: (u) => (u.employee ? u.employee.name : EMPTY) },
          { key: "role", header: "org.role", cell: (u) => t(`role.${u.role}`) },
          { key: "scopeUnit", header: "org.scopeUnit", cell: (u) => (u.scopeUnit ? pick(locale, u.scopeUnit) : EMPTY) },
          {
            key: "status",
            header: "org.status",
            cell: (u) =>
              u.disabled ? t("org.accountDisabled") : u.hasPassword ? t("org.accountActive") : t("org.accountAwaitingPassword"),
          },
        ]}
      />
      {users.length ? <Pagination page={page} pageCount={pageCount} total={total} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
