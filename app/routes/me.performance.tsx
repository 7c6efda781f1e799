import type { SubmissionResult } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { CheckIns, PerformanceTable } from "~/components/kpi/performance-view";
import { requireEmployee } from "~/modules/auth/guards.server";
import { currentPeriod, listPeriods } from "~/modules/kpi/library.server";
import { loadPerformancePage, performanceAction } from "~/modules/kpi/performance-page.server";
import { employeeForPlan } from "~/modules/kpi/progress.server";
import { formatScore } from "~/modules/kpi/units";
import { TargetResponsePanel } from "~/components/kpi/target-response";
import { TargetResponseSchema } from "~/modules/kpi/target-responses";
import { myTargetResponse, respondToTargets } from "~/modules/kpi/target-responses.server";
import { parseWithZod } from "@conform-to/zod";
import { data } from "@remix-run/node";
import { submissionRefusal } from "~/utils/domain-error.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { z } from "~/utils/validation";

const PeriodParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional()
  .catch(undefined);

async function resolve(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const asked = PeriodParam.parse(new URL(args.request.url).searchParams.get("period") ?? undefined);
  const period = asked ? await db.appraisalPeriod.findUnique({ where: { id: asked }, select: { id: true } }) : await currentPeriod(db);
  const employee = await employeeForPlan(db, user, user.employeeId);
  invariantResponse(employee, 404);
  return { user, period, employee };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, period, employee } = await resolve(args);
  const periods = await listPeriods(db);
  if (!period) return { periods, page: null, targets: null };
  const page = await loadPerformancePage(db, user, period.id, employee);
  invariantResponse(page, 404);
  return { periods, page, targets: await myTargetResponse(db, user, period.id) };
}

export async function action(args: ActionFunctionArgs) {
  const { user, period, employee } = await resolve(args);
  invariantResponse(period, 404);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "confirmTargets" || intent === "objectTargets") {
    const submission = parseWithZod(formData, { schema: TargetResponseSchema });
    if (submission.status !== "success") return data({ targets: submission.reply() }, { status: 400 });
    try {
      await respondToTargets(db, user, period.id, submission.value);
    } catch (error) {
      return submissionRefusal(error, submission, { on: "form", wrap: (reply) => ({ targets: reply }) });
    }
    const message = intent === "confirmTargets" ? "talk.targets.confirmed" : "talk.targets.objected";
    return redirectWithFlash(`/me/performance?period=${period.id}`, { kind: "success", message });
  }
  // Otherwise the employee's own page only records check-ins.
  if (formData.get("intent") !== "checkin") throw new Response("Forbidden", { status: 403 });
  const result = await performanceAction(db, user, period.id, employee, formData);
  if ("done" in result) return redirectWithFlash(`/me/performance?period=${period.id}`, { kind: "success", message: result.done });
  return result;
}

export default function MyPerformance() {
  const t = useT();
  const { periods, page, targets } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    { checkin?: SubmissionResult<string[]>; targets?: SubmissionResult<string[]> } | undefined;
  return (
    <section>
      <PageHeader title={t("kpi.myPerformance")}>
        <p>{t("kpi.myPerformanceIntro")}</p>
      </PageHeader>
      {periods.length > 0 ? (
        <Form method="get" className="filter-bar">
          <label htmlFor="period">{t("kpi.period")}</label>
          <select id="period" name="period" defaultValue={page?.period.id ?? ""}>
            {periods.map((p) => (
              <option key={p.id} value={p.id}>
                {p.code} · {t(`kpi.status.${p.status}`)}
              </option>
            ))}
          </select>
          <button type="submit">{t("common.filter")}</button>
        </Form>
      ) : null}
      {!page || page.performance.lines.length === 0 ? (
        <EmptyState>{t("kpi.noPlanForYou")}</EmptyState>
      ) : (
        <>
          <div className="stats">
            <div className="card">
              <div className="hint">{t("kpi.total")}</div>
              <div className="stat" data-testid="my-total">
                {page.performance.total === null ? t("kpi.totalPending") : formatScore(page.performance.total)}
              </div>
            </div>
            <div className="card">
              <div className="hint">{t("kpi.period")}</div>
              <div className="stat">{page.period.code}</div>
            </div>
          </div>
          <PerformanceTable lines={page.performance.lines} total={page.performance.total} />
          {targets ? <TargetResponsePanel standing={targets} lastResult={result?.targets} /> : null}
          <CheckIns checkIns={page.checkIns} canAdd={page.can.checkIn} lastResult={result?.checkin} />
        </>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
