import { parseWithZod } from "@conform-to/zod";
import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ConfirmButton, EmptyState, Field, FormErrors, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { DataTable } from "~/components/ui/data-table";
import { EMPTY } from "~/utils/format";
import { Pagination } from "~/components/pagination";
import { money, points, STATUS_BADGE } from "~/components/pay/format";
import { RunIssues } from "~/components/pay/run-issues";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { AdjustmentSchema, ApproveSchema, SignOffSchema, StepSchema } from "~/modules/pay/forms";
import { returnRunFromSignOff, signOffRunUnit, signOffState, unitsForSigner } from "~/modules/pay/sign-off.server";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { addAdjustment, recomputeRun, stepRefusal, transitionRun, verifyRun } from "~/modules/pay/runs.server";
import { getRun } from "~/modules/pay/views.server";
import { runBudgetCheck } from "~/modules/pay/budget.server";
import { appealSummary } from "~/modules/pay/appeals.server";
import { db } from "~/utils/db.server";
import { domainError, refusal, submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { PageParam } from "~/utils/pagination";
import { formatDateTime } from "~/utils/format";
import type { RunKind } from "~/modules/pay/cadence";

export const headers = noStoreHeaders;

const PageQuery = z.object({ page: PageParam.optional(), verify: z.literal("1").optional().catch(undefined) });
/** Above this many lines the check from the snapshot runs only when asked for. */
const AUTO_VERIFY_LIMIT = 5000;

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "pay.view");
  const { id } = parseParams(args.params, idParam);
  const { page, verify } = PageQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const found = await getRun(db, user, id, page ?? 1);
  invariantResponse(found, 404);
  const canManage = may(user, "pay.manage");
  const canApprove = may(user, "pay.approve");
  const checkable = canManage && found.run.status !== "draft";
  const nextStep = found.run.status === "draft" ? "review" : found.run.status === "reviewed" ? "approve" : null;
  // Separation of duties: who may not sign this run off, and why (hasIssues is shown with the issues).
  const refusal = canApprove && nextStep ? await stepRefusal(db, user.userId, found.run, nextStep) : null;
  const signOffRefusal = refusal && refusal !== "pay.errors.hasIssues" && refusal !== "pay.errors.wrongState" ? refusal : null;
  const verification = checkable && (verify === "1" || found.run.employeeCount <= AUTO_VERIFY_LIMIT) ? await verifyRun(db, id) : null;
  // What this run does to the wage-bill budgets of its year, for those who prepare and sign it off.
  const budget = (canManage || canApprove) && found.run.status !== "locked" ? await runBudgetCheck(db, id) : null;
  // The head sign-off step: every unit that signs is counted, but each person sees the rows of their scope only.
  const chain = found.run.headSignOff && found.run.status !== "draft" ? await signOffState(db, id, user.employeeId) : null;
  const mine = chain && found.run.status === "reviewed" ? unitsForSigner(found.run, chain, user) : [];
  const signOffs = (chain?.units ?? [])
    .filter((u) => may(user, "pay.view", u.path))
    .map((u) => ({
      unitId: u.unitId,
      nameZh: u.nameZh,
      nameEn: u.nameEn,
      lineCount: u.lineCount,
      totalFen: u.totalFen,
      signedBy: u.signedBy,
      signedAt: u.signedAt,
      mine: mine.includes(u.unitId),
    }));
  return data(
    {
      ...found,
      issues: canManage ? found.issues : [],
      pools: canManage ? found.pools : [],
      run: canManage ? found.run : { ...found.run, totalFen: null, employeeCount: null, issueCount: null },
      canManage,
      canApprove,
      isPreparer: found.run.preparedById === user.userId,
      signOffRefusal,
      budget,
      signOffs,
      signOffCount: chain ? { signed: chain.units.length - chain.pending, total: chain.units.length } : null,
      canCalibrate: may(user, "pay.calibrate"),
      appeals: await appealSummary(db, user, id),
      verification,
      mayVerify: checkable && !verification,
    },
    { headers: NO_STORE },
  );
}

const FLASH: Record<string, "pay.recomputed" | "pay.reviewed" | "pay.approved" | "pay.locked" | "pay.sentBack"> = {
  recompute: "pay.recomputed",
  review: "pay.reviewed",
  approve: "pay.approved",
  lock: "pay.locked",
  sendBack: "pay.sentBack",
};

export async function action(args: ActionFunctionArgs) {
  const { id } = parseParams(args.params, idParam);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  try {
    if (intent === "signOff" || intent === "returnRun") {
      const user = requirePermission(args, "pay.view");
      const parsed = SignOffSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success)
        return data({ kind: "step" as const, formErrors: ["pay.errors.sendBackReason"] }, { status: 400, headers: NO_STORE });
      if (parsed.data.intent === "signOff") await signOffRunUnit(db, user, id, parsed.data.unitId);
      else await returnRunFromSignOff(db, user, id, parsed.data.unitId, parsed.data.reason);
      return redirectWithFlash(
        `/pay/runs/${id}`,
        { kind: "success", message: parsed.data.intent === "signOff" ? "pay.signOff.signed" : "pay.signOff.returned" },
        { headers: NO_STORE },
      );
    }
    if (intent === "adjust") {
      const user = requirePermission(args, "pay.manage");
      const submission = parseWithZod(formData, { schema: AdjustmentSchema });
      if (submission.status !== "success")
        return data({ kind: "adjust" as const, reply: submission.reply() }, { status: 400, headers: NO_STORE });
      try {
        await addAdjustment(db, user.userId, id, {
          employeeNo: submission.value.employeeNo,
          amountFen: submission.value.amount,
          reason: submission.value.reason,
        });
      } catch (error) {
        // An unknown run too stays on the form (as it always did for adjustments).
        return submissionRefusal(error, submission, {
          on: "form",
          status: 400,
          headers: NO_STORE,
          wrap: (reply) => ({ kind: "adjust" as const, reply }),
        });
      }
      return redirectWithFlash(`/pay/runs/${id}`, { kind: "success", message: "pay.adjusted" }, { headers: NO_STORE });
    }
    if (intent === "approve") {
      const user = requirePermission(args, "pay.approve");
      const parsed = ApproveSchema.safeParse(Object.fromEntries(formData));
      if (!parsed.success) {
        const short = parsed.error.issues.some((i) => i.message === "pay.errors.overrideReasonShort");
        const typed = formData.get("overrideReason");
        return data(
          {
            kind: "step" as const,
            formErrors: [short ? "pay.errors.overrideReasonShort" : "pay.errors.passwordRequired"],
            overrideReason: typeof typed === "string" ? typed.slice(0, 500) : "",
          },
          { status: 400, headers: NO_STORE },
        );
      }
      try {
        await transitionRun(db, user.userId, id, "approve", parsed.data.password, parsed.data.overrideReason);
      } catch (error) {
        // The reason typed is kept on the page (never the password).
        const refused = domainError(error);
        return refusal(
          refused,
          { kind: "step" as const, formErrors: [refused.message], overrideReason: parsed.data.overrideReason ?? "" },
          { headers: NO_STORE },
        );
      }
      return redirectWithFlash(`/pay/runs/${id}`, { kind: "success", message: FLASH.approve }, { headers: NO_STORE });
    }
    const parsed = StepSchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, 400);
    const step = parsed.data.intent;
    const user = requirePermission(args, step === "recompute" ? "pay.manage" : "pay.approve");
    if (step === "recompute") await recomputeRun(db, user.userId, id);
    else await transitionRun(db, user.userId, id, step);
    return redirectWithFlash(`/pay/runs/${id}`, { kind: "success", message: FLASH[step] }, { headers: NO_STORE });
  } catch (error) {
    const refused = domainError(error);
    return refusal(refused, { kind: "step" as const, formErrors: [refused.message] }, { headers: NO_STORE });
  }
}

export default function PayRun() {
  const t = useT();
  const locale = useLocale();
  const when = formatDateTime;
  const {
    run,
    issues,
    pools,
    schemes,
    lines,
    linesInScope,
    scopeTotalFen,
    page,
    pageCount,
    adjustments,
    canManage,
    canApprove,
    isPreparer,
    signOffRefusal,
    budget,
    signOffs,
    signOffCount,
    canCalibrate,
    appeals,
    verification,
    mayVerify,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const stepErrors = result?.kind === "step" ? result.formErrors : undefined;
  const [adjustForm, adjustFields] = useForm({
    id: "adjust",
    lastResult: result?.kind === "adjust" ? result.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AdjustmentSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader
        title={t("pay.runTitle", { period: run.periodCode })}
        actions={
          canManage ? (
            <Form method="post" action={`/pay/runs/${run.id}/payroll.csv`} reloadDocument>
              <button type="submit" className="button">
                {t("pay.exportCsv")}
              </button>
            </Form>
          ) : null
        }
      >
        <p>
          <span className="badge" data-testid="run-kind">
            {t(`pay.kind.${run.kind as RunKind}`)}
          </span>{" "}
          <span className={STATUS_BADGE[run.status]} data-testid="run-status">
            {t(`pay.status.${run.status}`)}
          </span>
        </p>
      </PageHeader>

      <div className="panel">
        <dl className="facts">
          <dt>{t("pay.preparedBy")}</dt>
          <dd>
            {run.preparedBy} · {when(run.computedAt)}
          </dd>
          <dt>{t("pay.reviewedBy")}</dt>
          <dd>{run.reviewedBy ? `${run.reviewedBy} · ${when(run.reviewedAt)}` : "—"}</dd>
          {run.headSignOff ? (
            <>
              <dt>{t("pay.chain.signOff")}</dt>
              <dd data-testid="chain-sign-off">
                {signOffCount ? t("pay.chain.unitsWaiting", { signed: signOffCount.signed, total: signOffCount.total }) : "—"}
              </dd>
            </>
          ) : null}
          <dt>{t("pay.approvedBy")}</dt>
          <dd>{run.approvedBy ? `${run.approvedBy} · ${when(run.approvedAt)}` : "—"}</dd>
          <dt>{t("pay.lockedBy")}</dt>
          <dd>{run.lockedBy ? `${run.lockedBy} · ${when(run.lockedAt)}` : "—"}</dd>
          {run.totalFen !== null ? (
            <>
              <dt>{t("pay.total")}</dt>
              <dd data-testid="run-total">
                {money(run.totalFen)} · {t("pay.employeeCount", { count: run.employeeCount ?? 0 })}
              </dd>
            </>
          ) : (
            <>
              <dt>{t("pay.scopeTotal")}</dt>
              <dd>
                {money(scopeTotalFen)} · {t("pay.employeeCount", { count: linesInScope })}
              </dd>
            </>
          )}
          <dt>{t("pay.frozenSchemes")}</dt>
          <dd>
            {t("pay.coefficientVersion", { version: schemes.coefficients.version })}
            {schemes.growth.map((g) => ` · ${pick(locale, g)} v${g.version}`)}
            {schemes.pools.map((g) => ` · ${pick(locale, g)} v${g.version}`)}
          </dd>
        </dl>
        {!run.headSignOff ? <p className="hint">{t("pay.chain.noSignOff")}</p> : null}
        {run.status === "draft" && run.sentBackBy ? (
          <p className="notice warn" data-testid="sent-back">
            {run.sentBackReason
              ? t("pay.chain.sentBack", { name: run.sentBackBy, reason: run.sentBackReason })
              : t("pay.chain.sentBackNoReason", { name: run.sentBackBy })}
          </p>
        ) : null}
        {verification?.checked ? (
          <p className={verification.identical ? "notice success" : "notice warn"} data-testid="verification">
            {verification.identical ? t("pay.verifiedIdentical") : t("pay.verifiedDiffers", { count: verification.differing })}
          </p>
        ) : null}
        {mayVerify ? <Link to="?verify=1">{t("pay.verifyNow")}</Link> : null}
        {canCalibrate ? (
          <p>
            <Link to={`/pay/runs/${run.id}/calibration`} data-testid="calibration-link">
              {t("pay.calibration.link")}
            </Link>
          </p>
        ) : null}
        {canCalibrate ? (
          <p data-testid="appeal-summary" className={appeals.open > 0 ? "notice warn" : undefined}>
            {t("pay.appeals.summary", { open: appeals.open, held: appeals.held.length, decided: appeals.decided })}{" "}
            <Link to={`/pay/runs/${run.id}/appeals`}>{t("pay.appeals.link")}</Link>
          </p>
        ) : null}
        {run.budgetExcessFen ? (
          <p className="notice warn" data-testid="budget-override">
            {t("pay.budget.overridden", { excess: money(run.budgetExcessFen), reason: run.budgetOverrideReason ?? "" })}
          </p>
        ) : null}
      </div>

      {budget ? (
        <div className="panel" data-testid="budget-check">
          <h2>{t("pay.budgetCheckTitle", { year: budget.year })}</h2>
          {budget.checks.length === 0 ? (
            <p className="hint">{t("pay.budget.noBudgets")}</p>
          ) : (
            <DataTable
              rows={budget.checks}
              rowKey={(c) => c.unitId}
              empty={null}
              columns={[
                { key: "unit", header: "pay.budget.unit", rowHeader: true, cell: (c) => pick(locale, c) },
                { key: "amount", header: "pay.budget.amount", numeric: true, cell: (c) => money(c.amountFen) },
                { key: "committed", header: "pay.budget.committed", numeric: true, cell: (c) => money(c.committedFen) },
                { key: "run", header: "pay.budget.thisRun", numeric: true, cell: (c) => money(c.runFen) },
                { key: "after", header: "pay.budget.after", numeric: true, cell: (c) => money(c.afterFen) },
                {
                  key: "excess",
                  header: "pay.budget.excess",
                  numeric: true,
                  cell: (c) => (c.excessFen > 0 ? <span className="warn">{money(c.excessFen)}</span> : EMPTY),
                },
              ]}
            />
          )}
          {budget.checks.length > 0 ? (
            <p className={budget.excessFen > 0 ? "notice warn" : "hint"}>
              {budget.excessFen > 0 ? t("pay.budget.overHint", { excess: money(budget.excessFen) }) : t("pay.budget.withinAll")}
            </p>
          ) : null}
        </div>
      ) : null}

      {signOffs.length > 0 ? (
        <div className="panel" data-testid="sign-offs">
          <h2>{t("pay.signOff.title")}</h2>
          <p className="hint">{t("pay.signOff.hint")}</p>
          <DataTable
            rows={signOffs}
            rowKey={(u) => u.unitId}
            rowProps={(u) => ({ "data-testid": `sign-off-${u.unitId}` })}
            empty={null}
            columns={[
              { key: "unit", header: "pay.signOff.unit", rowHeader: true, cell: (u) => pick(locale, u) },
              { key: "lines", header: "pay.signOff.lines", numeric: true, cell: (u) => u.lineCount },
              { key: "total", header: "pay.signOff.total", numeric: true, cell: (u) => money(u.totalFen) },
              {
                key: "state",
                header: "pay.signOff.state",
                cell: (u) => (
                  <>
                    {u.signedBy ? (
                      `${u.signedBy} · ${when(u.signedAt)}`
                    ) : u.mine ? (
                      <>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="unitId" value={u.unitId} />
                          <button type="submit" name="intent" value="signOff" className="primary" disabled={busy}>
                            {t("pay.signOff.sign")}
                          </button>
                        </Form>
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value="returnRun" />
                          <input type="hidden" name="unitId" value={u.unitId} />
                          <label htmlFor={`return-${u.unitId}`}>{t("pay.signOff.reason")}</label>
                          <input id={`return-${u.unitId}`} name="reason" minLength={5} maxLength={500} required />
                          <button type="submit" disabled={busy}>
                            {t("pay.signOff.sendBack")}
                          </button>
                        </Form>
                      </>
                    ) : (
                      t("pay.signOff.pending")
                    )}
                  </>
                ),
              },
            ]}
          />
          {!canManage && !canApprove ? <FormErrors errors={stepErrors} /> : null}
        </div>
      ) : null}

      {run.status !== "locked" && (canManage || canApprove) ? (
        <div className="panel">
          <h2>{t("pay.nextStep")}</h2>
          <p className="hint">{t(`pay.stepHint.${run.status}`)}</p>
          <div className="inline-form">
            {run.status === "draft" && canManage ? (
              <Form method="post">
                <button type="submit" name="intent" value="recompute" disabled={busy}>
                  {t("pay.recompute")}
                </button>
              </Form>
            ) : null}
            {run.status === "draft" && canApprove && !signOffRefusal ? (
              <Form method="post">
                <button type="submit" name="intent" value="review" className="primary" disabled={busy}>
                  {t("pay.markReviewed")}
                </button>
              </Form>
            ) : null}
            {run.status === "approved" && canApprove ? (
              <Form method="post">
                <ConfirmButton name="intent" value="lock" confirm={t("pay.confirmLock")} className="primary">
                  {t("pay.lock")}
                </ConfirmButton>
              </Form>
            ) : null}
            {(run.status === "reviewed" || run.status === "approved") && canApprove ? (
              <Form method="post">
                <ConfirmButton name="intent" value="sendBack" confirm={t("pay.confirmSendBack")} className="">
                  {t("pay.sendBack")}
                </ConfirmButton>
              </Form>
            ) : null}
          </div>
          {run.status === "reviewed" && canApprove && !signOffRefusal ? (
            <Form method="post" className="inline-form" autoComplete="off">
              <input type="hidden" name="intent" value="approve" />
              <label htmlFor="approve-password">{t("pay.approvePassword")}</label>
              <input id="approve-password" name="password" type="password" autoComplete="current-password" required />
              {budget && budget.excessFen > 0 ? (
                <>
                  <label htmlFor="override-reason">{t("pay.overrideReason")}</label>
                  <input
                    id="override-reason"
                    name="overrideReason"
                    minLength={5}
                    maxLength={500}
                    required
                    defaultValue={result && "overrideReason" in result ? result.overrideReason : undefined}
                  />
                </>
              ) : null}
              <button type="submit" className="primary" disabled={busy}>
                {t("pay.approve")}
              </button>
            </Form>
          ) : null}
          {signOffRefusal ? (
            <p className="hint" data-testid="sign-off-refusal">
              {isPreparer ? t("pay.fourEyesHint") : t(signOffRefusal)}
            </p>
          ) : null}
          <FormErrors errors={stepErrors} />
        </div>
      ) : null}

      {canManage && issues.length > 0 ? (
        <RunIssues issues={issues} pools={pools} actualsHref={`/kpi/periods/${run.periodId}/import`} />
      ) : null}

      {canManage && pools.length > 0 ? (
        <div className="panel">
          <h2>{t("pay.poolsTitle")}</h2>
          <ul>
            {pools.map((p) =>
              p.scheme ? (
                <li key={p.schemeId}>
                  {pick(locale, p.scheme)}:{" "}
                  {p.size
                    ? t("pay.poolSummary", { pool: money(p.size.poolFen), members: p.memberCount, points: points(p.totalPoints) })
                    : t("pay.poolBlockedShort")}
                </li>
              ) : null,
            )}
          </ul>
        </div>
      ) : null}

      <h2>{t("pay.linesTitle")}</h2>
      {lines.length === 0 ? (
        <EmptyState>{t("pay.noLines")}</EmptyState>
      ) : (
        <>
          <DataTable
            testId="pay-lines"
            rows={lines}
            rowKey={(l) => l.employeeId}
            empty={null}
            columns={[
              { key: "employeeNo", header: "pay.employeeNo", cell: (l) => l.employee.employeeNo },
              {
                key: "name",
                header: "pay.name",
                cell: (l) => (
                  <>
                    <Link to={`/pay/payslips/${run.id}/${l.employeeId}`}>{l.employee.name}</Link>
                    {appeals.held.includes(l.employeeId) ? (
                      <span className="badge warn" data-testid="held-line">
                        {" "}
                        {t("pay.appeals.held")}
                      </span>
                    ) : null}
                  </>
                ),
              },
              { key: "unit", header: "pay.unit", cell: (l) => pick(locale, l.unit) },
              { key: "base", header: "pay.line.base", numeric: true, cell: (l) => money(l.basePayFen) },
              {
                key: "advance",
                header: "pay.line.advance",
                numeric: true,
                hidden: run.kind !== "monthly",
                cell: (l) => money(l.advanceFen),
              },
              {
                key: "performance",
                header: "pay.line.performance",
                numeric: true,
                hidden: run.kind === "monthly",
                cell: (l) => money(l.performancePayFen),
              },
              {
                key: "advancesDeducted",
                header: "pay.line.advancesDeducted",
                numeric: true,
                hidden: run.kind !== "settlement",
                cell: (l) => money(-l.advancesDeductedFen),
              },
              {
                key: "growth",
                header: "pay.line.growth",
                numeric: true,
                hidden: run.kind === "monthly",
                cell: (l) => money(l.growthBonusFen),
              },
              { key: "pool", header: "pay.line.pool", numeric: true, hidden: run.kind === "monthly", cell: (l) => money(l.poolShareFen) },
              { key: "total", header: "pay.total", numeric: true, cell: (l) => money(l.totalFen) },
            ]}
          />
          <Pagination page={page} pageCount={pageCount} total={linesInScope} />
        </>
      )}

      {run.status === "locked" ? (
        <div className="panel">
          <h2>{t("pay.adjustmentsTitle")}</h2>
          <p className="hint">{t("pay.adjustmentsHint")}</p>
          {adjustments.length > 0 ? (
            <DataTable
              rows={adjustments}
              rowKey={(a) => a.id}
              empty={null}
              columns={[
                { key: "employeeNo", header: "pay.employeeNo", cell: (a) => a.employee.employeeNo },
                { key: "name", header: "pay.name", cell: (a) => a.employee.name },
                { key: "amount", header: "pay.amount", numeric: true, cell: (a) => money(a.amountFen) },
                { key: "reason", header: "pay.reason", cell: (a) => a.reason },
                { key: "createdAt", header: "pay.createdAt", cell: (a) => when(a.createdAt) },
              ]}
            />
          ) : null}
          {canManage ? (
            <Form method="post" {...getFormProps(adjustForm)} className="grid-form">
              <input type="hidden" name="intent" value="adjust" />
              <Field meta={adjustFields.employeeNo} label={t("pay.employeeNo")} />
              <Field meta={adjustFields.amount} label={t("pay.amountYuan")} hint={t("pay.amountHint")} />
              <Field meta={adjustFields.reason} label={t("pay.reason")} />
              <FormErrors errors={adjustForm.errors} />
              <button type="submit">{t("pay.addAdjustment")}</button>
            </Form>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
