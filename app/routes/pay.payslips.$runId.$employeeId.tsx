import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { money, STATUS_BADGE } from "~/components/pay/format";
import { KpiTable, MonthlyPayslip, PayslipBreakdown, WhatIfPanel } from "~/components/pay/payslip";
import type { RunKind } from "~/modules/pay/cadence";
import { requireUser } from "~/modules/auth/guards.server";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { WhatIfPercentSchema } from "~/modules/pay/forms";
import { getPayslip } from "~/modules/pay/views.server";
import { appealOnLine } from "~/modules/pay/appeals.server";
import { db } from "~/utils/db.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { z } from "~/utils/validation";
import { formatDateTime } from "~/utils/format";
import { PrintButton } from "~/components/ui/buttons";

export const headers = noStoreHeaders;

const Params = z.object({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), employeeId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const Query = z.object({
  kpi: z
    .string()
    .trim()
    .max(32)
    .regex(/^[A-Za-z0-9_.-]+$/)
    .optional()
    .catch(undefined),
  pct: z.string().max(100).optional().catch(undefined),
});

/** One payslip: the employee's own (locked runs), or one in a head's or HR's scope; anything else is 404. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { runId, employeeId } = parseParams(args.params, Params);
  const query = Query.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  // A what-if is asked for by choosing a KPI; its percent is refused visibly when blank or out of range.
  const percent = query.kpi ? WhatIfPercentSchema.safeParse(query.pct ?? "") : null;
  const what = query.kpi && percent?.success ? { kpi: query.kpi, pct: percent.data } : undefined;
  const pctError = percent && !percent.success ? percent.error.issues[0].message : undefined;
  const payslip = await getPayslip(db, user, runId, employeeId, what);
  invariantResponse(payslip, 404);
  return data(
    {
      ...payslip,
      query: { kpi: query.kpi, pct: query.pct, pctError },
      own: user.employeeId === employeeId,
      appeal: await appealOnLine(db, runId, employeeId),
    },
    { headers: NO_STORE },
  );
}

export default function Payslip() {
  const t = useT();
  const when = formatDateTime;
  const { run, employee, line, explanation, monthly, unitNames, whatIf, adjustments, calibrations, adjustedTotalFen, query, own, appeal } =
    useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("pay.payslipTitle", { period: run.periodCode })}>
        <p>
          {employee.name} · {employee.employeeNo} · {t(`pay.kind.${run.kind as RunKind}`)} ·{" "}
          <span className={STATUS_BADGE[run.status]}>{t(`pay.status.${run.status}`)}</span>
        </p>
        <p className="no-print">
          {own ? <Link to="/me/pay">{t("pay.backToMyPay")}</Link> : <Link to={`/pay/runs/${run.id}`}>{t("pay.backToRun")}</Link>}{" "}
          <PrintButton />
        </p>
      </PageHeader>
      {appeal ? (
        <p className={appeal.status === "open" ? "notice warn" : "notice"} data-testid="payslip-appeal">
          {appeal.status === "open"
            ? t("pay.appeals.payslipHeld")
            : appeal.status === "upheld"
              ? t("pay.appeals.payslipUpheld", {
                  from: appeal.fromRating ?? "",
                  to: appeal.toRating ?? "",
                  reason: appeal.decisionReason ?? "",
                })
              : t("pay.appeals.payslipDismissed", { reason: appeal.decisionReason ?? "" })}
        </p>
      ) : null}
      {run.kind === "monthly" ? (
        <MonthlyPayslip line={line} explanation={monthly} unitNames={unitNames} />
      ) : (
        <PayslipBreakdown line={line} explanation={explanation} calibrations={calibrations} />
      )}
      {adjustments.length > 0 ? (
        <div className="panel">
          <h2>{t("pay.adjustmentsTitle")}</h2>
          <ul>
            {adjustments.map((a) => (
              <li key={a.id}>
                {money(a.amountFen)} · {a.reason} · {when(a.createdAt)}
              </li>
            ))}
          </ul>
          <p>
            <strong>{t("pay.adjustedTotal", { total: money(adjustedTotalFen) })}</strong>
          </p>
        </div>
      ) : null}
      {explanation ? (
        <>
          <h2>{t("pay.kpisBehind")}</h2>
          <KpiTable explanation={explanation} />
          <WhatIfPanel explanation={explanation} whatIf={whatIf} query={query} />
        </>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
