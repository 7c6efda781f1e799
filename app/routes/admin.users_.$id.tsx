import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { AccountPanel } from "~/components/org/account-panel";
import { requirePermission } from "~/modules/auth/guards.server";
import { accountPanel, runAccountAction } from "~/modules/org/account-actions.server";
import { listUnits } from "~/modules/org/units.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";

/** The sysadmin's page for one account: role and reset requests, approvals, disabling. No people data. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "users.manage");
  const { id } = parseParams(args.params, idParam);
  const account = await db.user.findUnique({
    where: { id },
    select: { id: true, email: true, employee: { select: { name: true, employeeNo: true } } },
  });
  invariantResponse(account, 404);
  const [panel, units] = await Promise.all([accountPanel(db, user, { userId: id }), listUnits(db, user)]);
  return { account, panel, units };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "users.manage");
  const { id } = parseParams(args.params, idParam);
  invariantResponse(await db.user.findUnique({ where: { id }, select: { id: true } }), 404);
  const origin = getEnv().APP_ORIGIN ?? new URL(args.request.url).origin;
  const result = await runAccountAction(db, user, await args.request.formData(), { userId: id }, origin);
  invariantResponse(result, 404);
  if (!result.ok) return data({ account: result }, { status: 400 });
  if (result.inviteLink) return data({ account: { inviteLink: result.inviteLink } }, { headers: { "Cache-Control": "no-store" } });
  return redirectWithFlash(`/admin/users/${id}`, { kind: "success", message: result.flash });
}

export default function UserAccount() {
  const t = useT();
  const { account, panel, units } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <PageHeader title={account.employee ? `${account.employee.name} · ${account.employee.employeeNo}` : account.email}>
        <p>
          {account.email} · <Link to="/admin/users">{t("nav.users")}</Link>
        </p>
      </PageHeader>
      <AccountPanel panel={panel} units={units} result={result?.account} canCreate={false} />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
