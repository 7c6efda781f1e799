import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, Field, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { AccountPanel } from "~/components/org/account-panel";
import { EmployeeForm } from "~/components/org/employee-form";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { ACCOUNT_INTENTS, accountPanel, runAccountAction } from "~/modules/org/account-actions.server";
import { getEmployeeInScope, setEmployeeActive, updateEmployee } from "~/modules/org/employees.server";
import { EmployeeSchema, LeavingSchema } from "~/modules/org/org";
import { listUnits } from "~/modules/org/units.server";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { getEnv } from "~/utils/env.server";
import { formatDate } from "~/utils/format";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";

const ActivateIntent = z.object({ intent: z.literal("activate") }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "org.manage");
  const { id } = parseParams(args.params, idParam);
  const employee = await getEmployeeInScope(db, user, id);
  invariantResponse(employee, 404);
  const [units, positions] = await Promise.all([
    listUnits(db, user),
    db.position.findMany({ select: { code: true, nameZh: true, nameEn: true }, orderBy: { code: "asc" } }),
  ]);
  const { user: _account, ...rest } = employee;
  const canManageAccounts = may(user, "accounts.request");
  return {
    employee: rest,
    // The leaving form's default: today in the organisation's calendar (computed here, not in the browser).
    today: formatDate(new Date()),
    panel: canManageAccounts ? await accountPanel(db, user, { employeeId: id }) : null,
    units,
    positions,
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
      // The form always sends both ids; an empty one (dropped by the form parser) clears the link.
      const cleared = { wecomUserId: submission.value.wecomUserId ?? null, dingtalkUserId: submission.value.dingtalkUserId ?? null };
      await updateEmployee(db, user.userId, id, { ...submission.value, ...cleared });
    } catch (error) {
      return submissionRefusal(error, submission, { wrap: (form) => ({ form }) });
    }
    return redirectWithFlash(`/org/employees/${id}`, { kind: "success", message: "org.employeeSaved" });
  }
  if (typeof intent === "string" && (ACCOUNT_INTENTS as readonly string[]).includes(intent)) {
    const user = requirePermission(args, "accounts.request");
    invariantResponse(await getEmployeeInScope(db, user, id), 404);
    const origin = getEnv().APP_ORIGIN ?? new URL(args.request.url).origin;
    const result = await runAccountAction(db, user, formData, { employeeId: id }, origin);
    invariantResponse(result, 404);
    if (!result.ok) return data({ account: result }, { status: 400 });
    if (result.inviteLink) return data({ account: { inviteLink: result.inviteLink } }, { headers: { "Cache-Control": "no-store" } });
    return redirectWithFlash(`/org/employees/${id}`, { kind: "success", message: result.flash });
  }
  if (intent === "deactivate") {
    const user = requirePermission(args, "org.manage");
    invariantResponse(await getEmployeeInScope(db, user, id), 404);
    const submission = parseWithZod(formData, { schema: LeavingSchema });
    if (submission.status !== "success") return data({ leaving: submission.reply() }, { status: 400 });
    try {
      await setEmployeeActive(db, user.userId, id, { active: false, leftOn: submission.value.leftOn });
    } catch (error) {
      return submissionRefusal(error, submission, { wrap: (leaving) => ({ leaving }) });
    }
    return redirectWithFlash(`/org/employees/${id}`, { kind: "success", message: "org.employeeDeactivated" });
  }
  invariantResponse(ActivateIntent.safeParse(Object.fromEntries(formData)).success, 400);
  const user = requirePermission(args, "org.manage");
  invariantResponse(await getEmployeeInScope(db, user, id), 404);
  await setEmployeeActive(db, user.userId, id, { active: true });
  return redirectWithFlash(`/org/employees/${id}`, { kind: "success", message: "org.employeeActivated" });
}

/** Deactivation asks for the last working day (today unless said otherwise); a refused day stays as typed. */
function LeavingForm({ today, lastResult }: { today: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { leftOn: today },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LeavingSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid-form">
      <input type="hidden" name="intent" value="deactivate" />
      <Field meta={fields.leftOn} label={t("org.leftOn")} type="date" hint={t("org.leftOnHint")} />
      <ConfirmButton confirm={t("org.confirmDeactivateEmployee")}>{t("org.deactivateEmployee")}</ConfirmButton>
    </Form>
  );
}

export default function EditEmployee() {
  const t = useT();
  const locale = useLocale();
  const { employee, today, panel, units, positions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const formResult = result && "form" in result ? result.form : undefined;
  return (
    <section>
      <PageHeader title={`${employee.name} · ${employee.employeeNo}`}>
        <p>
          {pick(locale, employee.unit)} · {pick(locale, employee.position)} ·{" "}
          {employee.active
            ? t("org.active")
            : employee.leftOn
              ? t("org.inactiveLeftOn", { date: formatDate(employee.leftOn) })
              : t("org.inactive")}
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
            wecomUserId: employee.wecomUserId ?? "",
            dingtalkUserId: employee.dingtalkUserId ?? "",
          }}
        />
      </div>
      {panel ? (
        <AccountPanel panel={panel} units={units} result={result && "account" in result ? result.account : undefined} canCreate />
      ) : null}
      <div className="panel">
        {employee.active ? (
          <LeavingForm today={today} lastResult={result && "leaving" in result ? result.leaving : undefined} />
        ) : (
          <Form method="post">
            <button type="submit" name="intent" value="activate">
              {t("org.activate")}
            </button>
          </Form>
        )}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
