import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormErrors, PageHeader } from "~/components/forms";
import { DataTable } from "~/components/ui/data-table";
import { useT } from "~/components/i18n";
import { money, STATUS_BADGE } from "~/components/pay/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { createMonthlyRun, createRun } from "~/modules/pay/runs.server";
import { cadenceSetting } from "~/modules/pay/cadence.server";
import { MonthlyRunSchema } from "~/modules/pay/forms";
import { listRuns, periodsForNewRun } from "~/modules/pay/views.server";
import { db } from "~/utils/db.server";
import { domainError, refusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { z } from "~/utils/validation";
import { formatDateTime } from "~/utils/format";
import type { RunKind } from "~/modules/pay/cadence";

export const headers = noStoreHeaders;

const CreateSchema = z.object({ intent: z.literal("create"), periodId: z.string().trim().min(1).max(64) }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "pay.view");
  const canManage = may(user, "pay.manage");
  const [runs, periods, cadence] = await Promise.all([
    listRuns(db),
    canManage ? periodsForNewRun(db) : Promise.resolve([]),
    cadenceSetting(db),
  ]);
  // Organisation-wide totals are HR's; heads see their own scope's figures inside a run.
  const visible = canManage ? runs : runs.map((r) => ({ ...r, employeeCount: null, issueCount: null, totalFen: null }));
  // The month offered first: the current one (a monthly run pays a month up to today).
  const thisMonth = new Date().toISOString().slice(0, 7);
  return data({ runs: visible, periods, cadence, thisMonth, canManage, canConfigure: canManage }, { headers: NO_STORE });
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "pay.manage");
  const form = Object.fromEntries(await args.request.formData());
  const monthly = form.intent === "createMonthly" ? MonthlyRunSchema.safeParse(form) : null;
  const parsed = monthly ? null : CreateSchema.safeParse(form);
  if (monthly && !monthly.success) return data({ formErrors: ["pay.errors.month"] }, { status: 400, headers: NO_STORE });
  if (parsed && !parsed.success) return data({ formErrors: ["pay.errors.choosePeriod"] }, { status: 400, headers: NO_STORE });
  try {
    const run = monthly?.success
      ? await createMonthlyRun(db, user.userId, monthly.data.month)
      : await createRun(db, user.userId, parsed!.data!.periodId);
    return redirectWithFlash(`/pay/runs/${run.id}`, { kind: "success", message: "pay.runCreated" }, { headers: NO_STORE });
  } catch (error) {
    const refused = domainError(error);
    return refusal(refused, { formErrors: [refused.message] }, { headers: NO_STORE });
  }
}

export default function PayRuns() {
  const t = useT();
  const when = formatDateTime;
  const { runs, periods, cadence, thisMonth, canManage, canConfigure } = useLoaderData<typeof loader>();
  const monthlyPay = cadence.cadence === "monthly";
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <section>
      <PageHeader
        title={t("pay.runsTitle")}
        actions={
          canConfigure ? (
            <>
              <Link className="button" to="/pay/budgets">
                {t("pay.budget.link")}
              </Link>
              <Link className="button" to="/pay/settings">
                {t("pay.settingsTitle")}
              </Link>
              <Link className="button" to="/pay/schemes">
                {t("pay.schemesTitle")}
              </Link>
            </>
          ) : (
            <Link className="button" to="/pay/budgets">
              {t("pay.budget.link")}
            </Link>
          )
        }
      >
        <p className="hint">{t("pay.runsIntro")}</p>
      </PageHeader>
      {canManage && monthlyPay ? (
        <div className="panel" data-testid="monthly-run-form">
          <h2>{t("pay.prepareMonthlyRun")}</h2>
          <p className="hint">{t("pay.monthlyIntro", { rate: `${cadence.advanceRateBp / 100}%` })}</p>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="createMonthly" />
            <label htmlFor="month">{t("pay.month")}</label>
            <input type="month" id="month" name="month" required defaultValue={thisMonth} max={thisMonth} />
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t("pay.computing") : t("pay.prepareMonthlyRun")}
            </button>
          </Form>
        </div>
      ) : null}
      {canManage ? (
        <div className="panel">
          <h2>{monthlyPay ? t("pay.prepareSettlement") : t("pay.prepareRun")}</h2>
          {monthlyPay ? <p className="hint">{t("pay.settlementIntro")}</p> : null}
          {periods.length === 0 ? (
            <p className="hint">{t("pay.noPeriodsToRun")}</p>
          ) : (
            <Form method="post" className="inline-form">
              <input type="hidden" name="intent" value="create" />
              <label htmlFor="periodId">{t("pay.period")}</label>
              <select id="periodId" name="periodId" required>
                {periods.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.code}
                  </option>
                ))}
              </select>
              <button type="submit" className="primary" disabled={busy}>
                {busy ? t("pay.computing") : monthlyPay ? t("pay.prepareSettlement") : t("pay.prepareRun")}
              </button>
            </Form>
          )}
          <FormErrors errors={result?.formErrors} />
        </div>
      ) : null}
      <DataTable
        rows={runs as ReadonlyArray<(typeof runs)[number]>}
        rowKey={(r) => r.id}
        empty="pay.noRuns"
        columns={[
          {
            key: "period",
            header: "pay.period",
            cell: (r) => <Link to={`/pay/runs/${r.id}`}>{r.periodCode}</Link>,
            sort: (r) => r.periodCode,
          },
          { key: "kind", header: "pay.kind", cell: (r) => t(`pay.kind.${r.kind as RunKind}`), sort: (r) => r.kind },
          {
            key: "status",
            header: "pay.status",
            cell: (r) => <span className={STATUS_BADGE[r.status]}>{t(`pay.status.${r.status}`)}</span>,
            sort: (r) => r.status,
          },
          {
            key: "employees",
            header: "pay.employees",
            numeric: true,
            hidden: !canManage,
            cell: (r) => r.employeeCount,
            sort: (r) => r.employeeCount,
          },
          {
            key: "issues",
            header: "pay.issues",
            numeric: true,
            hidden: !canManage,
            cell: (r) => (r.issueCount ? <span className="badge bad">{r.issueCount}</span> : 0),
            sort: (r) => r.issueCount,
          },
          {
            key: "total",
            header: "pay.total",
            numeric: true,
            hidden: !canManage,
            cell: (r) => (r.totalFen === null ? "—" : money(r.totalFen)),
            sort: (r) => r.totalFen,
          },
          { key: "created", header: "pay.createdAt", cell: (r) => when(r.createdAt), sort: (r) => r.createdAt },
        ]}
      />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
