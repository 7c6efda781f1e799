import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, Field, FormErrors, PageHeader, SelectField, TextAreaField, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { money, STATUS_BADGE } from "~/components/pay/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { appealDeadline, AppealWindowSchema, DecideAppealSchema } from "~/modules/pay/appeals";
import { appealWindowDays, decideAppeal, runAppeals, setAppealWindow } from "~/modules/pay/appeals.server";
import { bandRatings } from "~/modules/pay/calibration";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import type { RunSnapshot } from "~/modules/pay/payroll";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";

export const headers = noStoreHeaders;

async function runOf(id: string) {
  const run = await db.payRun.findUnique({
    where: { id },
    select: { id: true, periodId: true, periodCode: true, status: true, computedAt: true, paramsJson: true },
  });
  invariantResponse(run, 404);
  const ratings = bandRatings((JSON.parse(run.paramsJson) as Pick<RunSnapshot, "coefficients">).coefficients.bands);
  return { id: run.id, periodId: run.periodId, periodCode: run.periodCode, status: run.status, computedAt: run.computedAt, ratings };
}

/** Heads decide their subtree's appeals, HR every unit's; HR sets the period's appeal window. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "pay.calibrate");
  const { id } = parseParams(args.params, idParam);
  const run = await runOf(id);
  const days = await appealWindowDays(db, run.periodId);
  return data(
    {
      run,
      days,
      deadline: appealDeadline(run.computedAt, days),
      appeals: await runAppeals(db, user, id),
      canSetWindow: may(user, "pay.manage"),
    },
    { headers: NO_STORE },
  );
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "pay.calibrate");
  const { id } = parseParams(args.params, idParam);
  const run = await runOf(id);
  const formData = await args.request.formData();
  if (formData.get("intent") === "appealWindow") {
    requirePermission(args, "pay.manage");
    const submission = parseWithZod(formData, { schema: AppealWindowSchema });
    if (submission.status !== "success")
      return data({ kind: "window" as const, reply: submission.reply() }, { status: 400, headers: NO_STORE });
    await setAppealWindow(db, user, run.periodId, submission.value.days);
    return redirectWithFlash(`/pay/runs/${id}/appeals`, { kind: "success", message: "pay.appeals.windowSaved" }, { headers: NO_STORE });
  }
  const submission = parseWithZod(formData, { schema: DecideAppealSchema });
  if (submission.status !== "success")
    return data({ kind: "decide" as const, reply: submission.reply() }, { status: 400, headers: NO_STORE });
  const appeal = await db.payAppeal.findUnique({ where: { id: submission.value.appealId }, select: { runId: true } });
  invariantResponse(appeal?.runId === id, 404);
  try {
    await decideAppeal(db, user, submission.value);
  } catch (error) {
    return submissionRefusal(error, submission, { on: "form", headers: NO_STORE, wrap: (reply) => ({ kind: "decide" as const, reply }) });
  }
  return redirectWithFlash(`/pay/runs/${id}/appeals`, { kind: "success", message: "pay.appeals.decided" }, { headers: NO_STORE });
}

type Appeal = ReturnType<typeof useLoaderData<typeof loader>>["appeals"][number];

function DecideForm({ appeal, ratings, lastResult }: { appeal: Appeal; ratings: string[]; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const mine = lastResult?.initialValue?.appealId === appeal.id;
  const [form, fields] = useForm({
    id: `decide-${appeal.id}`,
    lastResult: mine ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: DecideAppealSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid-form">
      <input type="hidden" name="intent" value="decideAppeal" />
      <input type="hidden" name="appealId" value={appeal.id} />
      <SelectField
        meta={fields.outcome}
        label={t("pay.appeals.outcome")}
        options={[
          { value: "upheld", label: t("pay.appeals.status.upheld") },
          { value: "dismissed", label: t("pay.appeals.status.dismissed") },
        ]}
        placeholder=""
      />
      <SelectField
        meta={fields.rating}
        label={t("pay.appeals.correctedRating")}
        options={ratings.map((r) => ({ value: r, label: r }))}
        placeholder=""
      />
      <TextAreaField meta={fields.reason} label={t("pay.appeals.decisionReason")} rows={2} />
      <FormErrors errors={form.errors} />
      <SubmitButton>{t("pay.appeals.decide")}</SubmitButton>
    </Form>
  );
}

export default function RunAppeals() {
  const t = useT();
  const { run, days, deadline, appeals, canSetWindow } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [windowForm, windowFields] = useForm({
    id: "appeal-window",
    lastResult: result?.kind === "window" ? result.reply : undefined,
    defaultValue: { days: String(days) },
  });
  return (
    <section>
      <PageHeader
        title={t("pay.appeals.runTitle", { period: run.periodCode })}
        actions={<Link to={`/pay/runs/${run.id}`}>{t("pay.calibration.back")}</Link>}
      >
        <p>
          <span className={STATUS_BADGE[run.status]}>{t(`pay.status.${run.status}`)}</span> ·{" "}
          {t("pay.appeals.deadline", { at: formatDateTime(deadline) })}
        </p>
        <p className="hint">{t("pay.appeals.runIntro")}</p>
      </PageHeader>
      {appeals.length === 0 ? (
        <EmptyState>{t("pay.appeals.none")}</EmptyState>
      ) : (
        appeals.map((a) => (
          <div key={a.id} className="panel" data-testid={`appeal-${a.employee.employeeNo}`}>
            <h3>
              {a.employee.name} · {a.employee.employeeNo} ·{" "}
              <span className={a.status === "open" ? "badge warn" : "badge"}>
                {t(`pay.appeals.status.${a.status as "open" | "upheld" | "dismissed"}`)}
              </span>
            </h3>
            <p>
              {a.reason} · {formatDateTime(a.createdAt)}
            </p>
            {a.line ? (
              <p className="hint">
                <Link to={`/pay/payslips/${run.id}/${a.employeeId}`}>
                  {t("pay.appeals.lineNow", { rating: a.line.rating ?? "—", total: money(a.line.totalFen) })}
                </Link>
              </p>
            ) : null}
            {a.status !== "open" ? (
              <p>
                {t("pay.appeals.decisionReason")}: {a.decisionReason}
                {a.toRating ? ` · ${t("pay.appeals.ratingChanged", { from: a.fromRating ?? "", to: a.toRating })}` : null}
                {a.amountFen ? ` · ${money(a.amountFen)}` : null}
              </p>
            ) : a.own ? (
              <p className="hint">{t("pay.appeals.errors.ownAppeal")}</p>
            ) : (
              <DecideForm appeal={a} ratings={run.ratings} lastResult={result?.kind === "decide" ? result.reply : undefined} />
            )}
          </div>
        ))
      )}
      {canSetWindow ? (
        <div className="panel">
          <h2>{t("pay.appeals.windowTitle")}</h2>
          <Form method="post" {...getFormProps(windowForm)} className="inline-form">
            <input type="hidden" name="intent" value="appealWindow" />
            <Field meta={windowFields.days} label={t("pay.appeals.windowDays")} type="number" min="1" max="60" />
            <FormErrors errors={windowForm.errors} />
            <SubmitButton className="">{t("common.save")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
