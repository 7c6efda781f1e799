import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, PageHeader, TextAreaField, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { money, STATUS_BADGE } from "~/components/pay/format";
import { KpiTable, PayslipBreakdown } from "~/components/pay/payslip";
import { requireEmployee } from "~/modules/auth/guards.server";
import { AppealSchema } from "~/modules/pay/appeals";
import { fileAppeal, myAppealPage } from "~/modules/pay/appeals.server";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { z } from "~/utils/validation";

export const headers = noStoreHeaders;

const Params = z.object({ runId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** The employee's own score in a computed run, with its lines, and their appeal. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const { runId } = parseParams(args.params, Params);
  const page = await myAppealPage(db, user, runId);
  invariantResponse(page, 404);
  return data(page, { headers: NO_STORE });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireEmployee(args);
  const { runId } = parseParams(args.params, Params);
  const submission = parseWithZod(await args.request.formData(), { schema: AppealSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400, headers: NO_STORE });
  try {
    await fileAppeal(db, user, runId, submission.value.reason);
  } catch (error) {
    return submissionRefusal(error, submission, { on: "form", headers: NO_STORE });
  }
  return redirectWithFlash(`/me/appeals/${runId}`, { kind: "success", message: "pay.appeals.filed" }, { headers: NO_STORE });
}

export default function MyAppeal() {
  const t = useT();
  const { run, line, explanation, deadline, appeal, canAppeal, refusal } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "appeal",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AppealSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader title={t("pay.appeals.myTitle", { period: run.periodCode })}>
        <p>
          <span className={STATUS_BADGE[run.status]}>{t(`pay.status.${run.status}`)}</span> ·{" "}
          {t("pay.appeals.deadline", { at: formatDateTime(deadline) })}
        </p>
        <p>
          <Link to="/me/pay">{t("pay.backToMyPay")}</Link>
        </p>
      </PageHeader>
      <PayslipBreakdown line={line} explanation={explanation} />
      {explanation ? (
        <>
          <h2>{t("pay.kpisBehind")}</h2>
          <div className="table-scroll">
            <KpiTable explanation={explanation} />
          </div>
        </>
      ) : null}
      <div className="panel" data-testid="my-appeal">
        <h2>{t("pay.appeals.title")}</h2>
        {appeal ? (
          <>
            <p>
              <span className={appeal.status === "open" ? "badge warn" : "badge"} data-testid="appeal-status">
                {t(`pay.appeals.status.${appeal.status as "open" | "upheld" | "dismissed"}`)}
              </span>{" "}
              {formatDateTime(appeal.createdAt)}
            </p>
            <p>
              {t("pay.appeals.yourReason")}: {appeal.reason}
            </p>
            {appeal.status === "open" ? <p className="hint">{t("pay.appeals.heldHint")}</p> : null}
            {appeal.decisionReason ? (
              <p data-testid="appeal-decision">
                {t("pay.appeals.decisionReason")}: {appeal.decisionReason}
                {appeal.toRating ? ` · ${t("pay.appeals.ratingChanged", { from: appeal.fromRating ?? "", to: appeal.toRating })}` : null}
                {appeal.amountFen ? ` · ${money(appeal.amountFen)}` : null}
              </p>
            ) : null}
          </>
        ) : canAppeal ? (
          <Form method="post" {...getFormProps(form)}>
            <input type="hidden" name="intent" value="appeal" />
            <p className="hint">{t("pay.appeals.hint")}</p>
            <TextAreaField meta={fields.reason} label={t("pay.appeals.reason")} rows={3} />
            <FormErrors errors={form.errors} />
            <SubmitButton>{t("pay.appeals.submit")}</SubmitButton>
          </Form>
        ) : (
          <p className="hint">{refusal ? t(refusal) : null}</p>
        )}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
