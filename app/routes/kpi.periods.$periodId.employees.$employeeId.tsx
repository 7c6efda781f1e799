import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { ActualForm } from "~/components/kpi/actual-form";
import { CheckIns, PerformanceTable } from "~/components/kpi/performance-view";
import { PlanLinesForm } from "~/components/kpi/plan-lines";
import { requireUser } from "~/modules/auth/guards.server";
import { loadPerformancePage, performanceAction } from "~/modules/kpi/performance-page.server";
import { employeeForPlan } from "~/modules/kpi/progress.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";

const Params = z.object({ periodId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), employeeId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** An employee's own plan, or one inside the viewer's scope; anything else is a 404. */
async function authorise(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { periodId, employeeId } = parseParams(args.params, Params);
  const employee = await employeeForPlan(db, user, employeeId);
  invariantResponse(employee, 404);
  return { user, periodId, employee };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, periodId, employee } = await authorise(args);
  const page = await loadPerformancePage(db, user, periodId, employee);
  invariantResponse(page, 404);
  return page;
}

export async function action(args: ActionFunctionArgs) {
  const { user, periodId, employee } = await authorise(args);
  const result = await performanceAction(db, user, periodId, employee, await args.request.formData());
  if ("done" in result)
    return redirectWithFlash(`/kpi/periods/${periodId}/employees/${employee.id}`, { kind: "success", message: result.done });
  return result;
}

type ActionResult = {
  checkin?: SubmissionResult<string[]>;
  plan?: SubmissionResult<string[]>;
  actualError?: string;
  kpiId?: string;
  error?: string;
};

export default function EmployeePlan() {
  const t = useT();
  const locale = useLocale();
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionResult | undefined;
  const { period, employee, performance, checkIns, can } = page;
  return (
    <section>
      <PageHeader title={t("kpi.employeePlanTitle", { name: employee.name, period: period.code })}>
        <p>
          <Link to={can.editPlan || can.rate ? `/kpi/periods/${period.id}` : "/me/performance"}>{t("common.back")}</Link> ·{" "}
          {employee.employeeNo} · {pick(locale, employee.unit)} · {pick(locale, employee.position)}
        </p>
      </PageHeader>
      {result?.error ? (
        <p className="notice warn" role="alert">
          {t(result.error)}
        </p>
      ) : null}
      {result?.actualError && !result.kpiId ? (
        <p className="notice warn" role="alert">
          {t(result.actualError)}
        </p>
      ) : null}
      {performance.lines.length === 0 ? (
        <p className="empty-state">{t("kpi.noLines")}</p>
      ) : (
        <PerformanceTable
          lines={performance.lines}
          total={performance.total}
          actualForm={
            can.enterActuals || can.rate
              ? (line) =>
                  can.enterActuals || line.kind === "rated" ? (
                    <ActualForm line={line} error={result?.kpiId === line.kpiId ? result.actualError : undefined} />
                  ) : null
              : undefined
          }
        />
      )}
      {can.editPlan ? (
        <details className="panel" open={Boolean(result?.plan) || performance.lines.some((l) => l.problem)}>
          <summary>
            <strong>{t("kpi.adjustPlan")}</strong>
          </summary>
          <p className="hint">{t("kpi.adjustIntro")}</p>
          <PlanLinesForm lines={page.planLines} kpis={page.kpis} lastResult={result?.plan} withReason />
        </details>
      ) : null}
      <CheckIns checkIns={checkIns} canAdd={can.checkIn} lastResult={result?.checkin} />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
