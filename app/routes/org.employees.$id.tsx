import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, FormErrors, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { EmployeeForm } from "~/components/org/employee-form";
import { createInvitation } from "~/modules/auth/auth.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { ROLES } from "~/modules/auth/roles";
import { may } from "~/modules/auth/scope";
import { setAccount, setUserDisabled } from "~/modules/org/accounts.server";
import { getEmployeeInScope, setEmployeeActive, updateEmployee } from "~/modules/org/employees.server";
import { EmployeeSchema } from "~/modules/org/org";
import { listUnits, OrgRuleError } from "~/modules/org/units.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";

const AccountSchema = z.object({ intent: z.literal("account"), role: z.enum(ROLES), scopeUnitId: z.string().max(64).optional() }).strict();
const SimpleIntent = z.object({ intent: z.enum(["invite", "deactivate", "activate", "disableUser", "enableUser"]) }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "org.manage");
  const { id } = parseParams(args.params, idParam);
  const employee = await getEmployeeInScope(db, user, id);
  invariantResponse(employee, 404);
  const [units, positions] = await Promise.all([listUnits(db, user), db.position.findMany({ select: { code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } })]);
  const { user: account, ...rest } = employee;
  return {
    employee: rest,
    account: account ? { id: account.id, role: account.role, disabled: account.disabled, hasPassword: Boolean(account.passwordHash) } : null,
    scopeUnitId: account ? ((await db.user.findUnique({ where: { id: account.id }, select: { scopeUnitId: true } }))?.scopeUnitId ?? null) : null,
    units,
    positions,
    canManageUsers: may(user, "users.manage"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { id } = parseParams(args.params, idParam);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "save") {
    const user = requirePermission(args, "org.manage");
    invariantResponse(await getEmployeeInScope(db, user, id), 404);
    formData.delete("intent");
    const submission = parseWithZod(formData, { schema: EmployeeSchema });
    if (submission.status !== "success") return data({ form: submission.reply() }, { status: 400 });
    try {
      await updateEmployee(db, user.userId, id, submission.value);
    } catch (error) {
      if (error instanceof OrgRuleError) return data({ form: submission.reply({ fieldErrors: { [error.field]: [error.key] } }) }, { status: 400 });
      throw error;
    }
    return redirectWithFlash(`/org/employees/${id}`, { kind: "success", message: "org.employeeSaved" });
  }
  if (intent === "account") {
    const user = requirePermission(args, "users.manage");
    const parsed = AccountSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return data({ accountErrors: parsed.error.issues.map((i) => i.message) }, { status: 400 });
    try {
      await setAccount(db, user.userId, id, { role: parsed.data.role, scopeUnitId: parsed.data.scopeUnitId || undefined });
    } catch (error) {
      if (error instanceof OrgRuleError) return data({ accountErrors: [error.key] }, { status: 400 });
      throw error;
    }
    return redirectWithFlash(`/org/employees/${id}`, { kind: "success", message: "org.accountSaved" });
  }
  const parsed = SimpleIntent.safeParse(Object.fromEntries(formData));
  invariantResponse(parsed.success, 400);
  if (parsed.data.intent === "deactivate" || parsed.data.intent === "activate") {
    const user = requirePermission(args, "org.manage");
    invariantResponse(await getEmployeeInScope(db, user, id), 404);
    await setEmployeeActive(db, user.userId, id, parsed.data.intent === "activate");
    return redirectWithFlash(`/org/employees/${id}`, { kind: "success", message: parsed.data.intent === "activate" ? "org.employeeActivated" : "org.employeeDeactivated" });
  }
  const user = requirePermission(args, "users.manage");
  const account = await db.user.findUnique({ where: { employeeId: id }, select: { id: true } });
  invariantResponse(account, 404);
  if (parsed.data.intent === "invite") {
    const token = await createInvitation(db, account.id, user.userId);
    const origin = getEnv().APP_ORIGIN ?? new URL(args.request.url).origin;
    return data({ inviteLink: `${origin}/invite/${token}` }, { headers: { "Cache-Control": "no-store" } });
  }
  try {
    await setUserDisabled(db, user.userId, account.id, parsed.data.intent === "disableUser");
  } catch (error) {
    if (error instanceof OrgRuleError) return data({ accountErrors: [error.key] }, { status: 400 });
    throw error;
  }
  return redirectWithFlash(`/org/employees/${id}`, { kind: "success", message: "org.accountSaved" });
}

export default function EditEmployee() {
  const t = useT();
  const locale = useLocale();
  const { employee, account, scopeUnitId, units, positions, canManageUsers } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const formResult = result && "form" in result ? result.form : undefined;
  return (
    <section>
      <PageHeader title={`${employee.name} · ${employee.employeeNo}`}>
        <p>
          {pick(locale, employee.unit)} · {pick(locale, employee.position)} · {employee.active ? t("org.active") : t("org.inactive")}
        </p>
      </PageHeader>
      <div className="panel">
        <h2>{t("org.employeeDetails")}</h2>
        <EmployeeForm
          lastResult={formResult}
          units={units}
          positions={positions}
          submitLabel={t("common.save")}
          defaultValue={{
            employeeNo: employee.employeeNo,
            name: employee.name,
            email: employee.email,
            unitCode: employee.unit.code,
            positionCode: employee.position.code,
            track: employee.track,
            level: employee.level,
            hireDate: new Date(employee.hireDate).toISOString().slice(0, 10),
            managerNo: employee.manager?.employeeNo ?? "",
          }}
        />
      </div>
      {canManageUsers ? (
        <div className="panel">
          <h2>{t("org.account")}</h2>
          <p>
            {account
              ? `${t(`role.${account.role}`)} · ${account.disabled ? t("org.accountDisabled") : account.hasPassword ? t("org.accountActive") : t("org.accountAwaitingPassword")}`
              : t("org.noAccount")}
          </p>
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="account" />
            <div className="field">
              <label htmlFor="role">{t("org.role")}</label>
              <select id="role" name="role" defaultValue={account?.role ?? "employee"}>
                {ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`role.${r}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="scopeUnitId">{t("org.scopeUnit")}</label>
              <select id="scopeUnitId" name="scopeUnitId" defaultValue={scopeUnitId ?? ""}>
                <option value="">—</option>
                {units.map((u) => (
                  <option key={u.id} value={u.id}>{`${"— ".repeat(u.depth)}${pick(locale, u)}`}</option>
                ))}
              </select>
              <small className="hint">{t("org.scopeUnitHint")}</small>
            </div>
            <FormErrors errors={result && "accountErrors" in result ? result.accountErrors : undefined} />
            <button type="submit">{t("common.save")}</button>
          </Form>
          {account ? (
            <Form method="post" className="inline-form">
              <button type="submit" name="intent" value="invite">
                {t("org.createInvite")}
              </button>
              {account.disabled ? (
                <button type="submit" name="intent" value="enableUser">
                  {t("org.enableAccount")}
                </button>
              ) : (
                <ConfirmButton name="intent" value="disableUser" confirm={t("org.confirmDisableAccount")}>
                  {t("org.disableAccount")}
                </ConfirmButton>
              )}
            </Form>
          ) : null}
          {result && "inviteLink" in result ? (
            <div className="notice" role="status">
              <p>{t("org.inviteShownOnce")}</p>
              <input readOnly value={result.inviteLink} aria-label={t("org.inviteLink")} data-testid="invite-link" className="wide" />
            </div>
          ) : null}
        </div>
      ) : null}
      <div className="panel">
        <Form method="post">
          {employee.active ? (
            <ConfirmButton name="intent" value="deactivate" confirm={t("org.confirmDeactivateEmployee")}>
              {t("org.deactivateEmployee")}
            </ConfirmButton>
          ) : (
            <button type="submit" name="intent" value="activate">
              {t("org.activate")}
            </button>
          )}
        </Form>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
