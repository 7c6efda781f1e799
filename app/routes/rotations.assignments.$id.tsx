import { getFormProps, getSelectProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, ErrorList, Field, FormErrors, PageHeader, TextAreaField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requireUser } from "~/modules/auth/guards.server";
import { assignmentForActor, evaluate, transition, updatePlan } from "~/modules/rotations/assignments.server";
import { nextStatuses, SCORE_FIELDS } from "~/modules/rotations/rules";
import { EvaluationSchema, PlanSchema, TransitionSchema } from "~/modules/rotations/schemas";
import { db } from "~/utils/db.server";
import { domainError } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { forbidden, idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { formatDate } from "~/utils/format";
import { replyErrors } from "~/components/rotations/forms";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { id } = parseParams(args.params, idParam);
  const found = await assignmentForActor(db, user, id);
  invariantResponse(found, 404);
  const { row, may } = found;
  const {
    homeUnit: { path: _h, ...homeUnit },
    hostUnit: { path: _o, ...hostUnit },
    ...rest
  } = row;
  return { a: { ...rest, homeUnit, hostUnit }, may, next: may.transition ? nextStatuses(row.status) : [] };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const { id } = parseParams(args.params, idParam);
  const found = await assignmentForActor(db, user, id);
  invariantResponse(found, 404);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  // The form's answer: what was typed comes back with the errors (field errors, or the rule's as the form's).
  let submission: { reply: (options?: { formErrors?: string[] }) => SubmissionResult<string[]> } | undefined;
  const answer = (target: string, reply: SubmissionResult<string[]>) => data({ target, reply }, { status: 400 });
  const fail = (errors: string[], target: string) =>
    answer(target, submission ? submission.reply({ formErrors: errors }) : { status: "error", error: { "": errors } });
  try {
    if (intent === "plan") {
      if (!found.may.plan) forbidden();
      const s = (submission = parseWithZod(formData, { schema: PlanSchema }));
      if (s.status !== "success") return answer("plan", s.reply());
      await updatePlan(db, user.userId, id, s.value);
      return redirectWithFlash(`/rotations/assignments/${id}`, { kind: "success", message: "rotations.planSaved" });
    }
    if (intent === "transition") {
      if (!found.may.transition) forbidden();
      const s = (submission = parseWithZod(formData, { schema: TransitionSchema }));
      if (s.status !== "success") return answer("transition", s.reply());
      await transition(db, user.userId, id, s.value.to);
      return redirectWithFlash(`/rotations/assignments/${id}`, { kind: "success", message: "rotations.statusChanged" });
    }
    invariantResponse(intent === "evaluate", 400);
    if (!found.may.evaluate) forbidden();
    const s = (submission = parseWithZod(formData, { schema: EvaluationSchema }));
    if (s.status !== "success") return answer("evaluate", s.reply());
    const { intent: _i, ...input } = s.value;
    await evaluate(db, user.userId, id, input);
    return redirectWithFlash(`/rotations/assignments/${id}`, { kind: "success", message: "rotations.evaluationSaved" });
  } catch (error) {
    return fail([domainError(error).message], String(intent));
  }
}

export default function Assignment() {
  const t = useT();
  const locale = useLocale();
  const name = (n: { nameZh: string; nameEn: string }) => (locale === "en" ? n.nameEn : n.nameZh);
  const { a, may, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const lastResult = (target: string) => (result && result.target === target ? result.reply : undefined);
  const transitionErrors = lastResult("transition");
  const [planForm, plan] = useForm({
    id: "plan",
    lastResult: lastResult("plan"),
    defaultValue: {
      startDate: formatDate(a.startDate),
      endDate: formatDate(a.endDate),
      mentorNo: a.mentor?.employeeNo ?? "",
      objectives: a.objectives,
      returnPlan: a.returnPlan,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanSchema }),
    shouldRevalidate: "onInput",
  });
  const [evaluationForm, evaluation] = useForm({
    id: "evaluate",
    lastResult: lastResult("evaluate"),
    defaultValue: Object.fromEntries(SCORE_FIELDS.map((f) => [f, ""])),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: EvaluationSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader
        title={t("rotations.assignmentTitle", { name: a.employee.name })}
        actions={<Link to={may.reflect ? "/me/rotations" : "/rotations"}>{t("common.back")}</Link>}
      >
        <p>
          {name(a.homeUnit)} → {name(a.hostUnit)} · {t(`rotations.type.${a.type}`)} ·{" "}
          <strong data-testid="assignment-status">{t(`rotations.status.${a.status}`)}</strong>
        </p>
      </PageHeader>
      <div className="panel">
        <dl>
          <dt>{t("rotations.period")}</dt>
          <dd>{`${formatDate(a.startDate)} – ${formatDate(a.endDate)}`}</dd>
          <dt>{t("rotations.mentor")}</dt>
          <dd>{a.mentor ? `${a.mentor.name} · ${a.mentor.employeeNo}` : "—"}</dd>
          <dt>{t("rotations.objectives")}</dt>
          <dd>{a.objectives}</dd>
          <dt>{t("rotations.returnPlan")}</dt>
          <dd>{a.returnPlan}</dd>
        </dl>
        {next.length ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="transition" />
            {next.map((to) =>
              to === "cancelled" ? (
                <ConfirmButton key={to} name="to" value={to} confirm={t("rotations.confirmCancel")}>
                  {t("rotations.to.cancelled")}
                </ConfirmButton>
              ) : (
                <button key={to} type="submit" name="to" value={to} className="primary">
                  {t(`rotations.to.${to}`)}
                </button>
              ),
            )}
            <FormErrors errors={replyErrors(transitionErrors)} />
          </Form>
        ) : null}
      </div>
      {may.plan && (a.status === "planned" || a.status === "active") ? (
        <div className="panel">
          <h2>{t("rotations.editPlan")}</h2>
          <Form method="post" {...getFormProps(planForm)} className="grid-form">
            <input type="hidden" name="intent" value="plan" />
            <Field meta={plan.startDate} label={t("rotations.startDate")} type="date" />
            <Field meta={plan.endDate} label={t("rotations.endDate")} type="date" />
            <Field meta={plan.mentorNo} label={t("rotations.mentorNo")} hint={t("rotations.optional")} />
            <TextAreaField meta={plan.objectives} label={t("rotations.objectives")} rows={3} />
            <TextAreaField meta={plan.returnPlan} label={t("rotations.returnPlan")} rows={3} />
            <FormErrors errors={planForm.errors} />
            <button type="submit">{t("common.save")}</button>
          </Form>
        </div>
      ) : null}
      <div className="panel" data-testid="evaluation">
        <h2>{t("rotations.evaluation")}</h2>
        {a.evaluatedAt ? (
          <>
            <ul>
              {SCORE_FIELDS.map((f) => (
                <li key={f}>
                  {t(`rotations.score.${f}`)}: <strong>{a[f]}</strong> / 5
                </li>
              ))}
            </ul>
            <p>{a.hostComment}</p>
          </>
        ) : a.status === "completed" && may.evaluate ? (
          <Form method="post" {...getFormProps(evaluationForm)} className="grid-form">
            <input type="hidden" name="intent" value="evaluate" />
            {SCORE_FIELDS.map((f) => (
              <div className="field" key={f}>
                <label htmlFor={evaluation[f].id}>{t(`rotations.score.${f}`)}</label>
                <select {...getSelectProps(evaluation[f])}>
                  <option value="" disabled>
                    —
                  </option>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <option key={n} value={n}>
                      {t(`rotations.scoreValue.${n}`)}
                    </option>
                  ))}
                </select>
                <ErrorList id={evaluation[f].errorId} errors={evaluation[f].errors} />
              </div>
            ))}
            <TextAreaField meta={evaluation.hostComment} label={t("rotations.hostComment")} rows={3} />
            <FormErrors errors={evaluationForm.errors} />
            <SubmitButton>{t("rotations.saveEvaluation")}</SubmitButton>
          </Form>
        ) : (
          <p className="empty-state">{t("rotations.noEvaluationYet")}</p>
        )}
      </div>
      <div className="panel" data-testid="reflection">
        <h2>{t("rotations.reflection")}</h2>
        {a.reflection ? (
          <p>{a.reflection}</p>
        ) : (
          <p className="empty-state">{t(may.reflect ? "rotations.reflectOnMyPage" : "rotations.noReflectionYet")}</p>
        )}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
