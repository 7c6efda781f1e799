import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, FormErrors, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requireUser } from "~/modules/auth/guards.server";
import { assignmentForActor, evaluate, transition, updatePlan } from "~/modules/rotations/assignments.server";
import { RotationRuleError } from "~/modules/rotations/errors";
import { nextStatuses, SCORE_FIELDS } from "~/modules/rotations/rules";
import { EvaluationSchema, PlanSchema, TransitionSchema } from "~/modules/rotations/schemas";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { forbidden, idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { formatDate } from "~/utils/format";


export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { id } = parseParams(args.params, idParam);
  const found = await assignmentForActor(db, user, id);
  invariantResponse(found, 404);
  const { row, may } = found;
  const { homeUnit: { path: _h, ...homeUnit }, hostUnit: { path: _o, ...hostUnit }, ...rest } = row;
  return { a: { ...rest, homeUnit, hostUnit }, may, next: may.transition ? nextStatuses(row.status) : [] };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const { id } = parseParams(args.params, idParam);
  const found = await assignmentForActor(db, user, id);
  invariantResponse(found, 404);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const fail = (errors: string[], target: string) => data({ errors, target }, { status: 400 });
  const flat = (e: Record<string, string[] | null> | undefined | null) => Object.values(e ?? {}).flatMap((v) => v ?? []);
  try {
    if (intent === "plan") {
      if (!found.may.plan) forbidden();
      const s = parseWithZod(formData, { schema: PlanSchema });
      if (s.status !== "success") return fail(flat(s.reply().error), "plan");
      await updatePlan(db, user.userId, id, s.value);
      return redirectWithFlash(`/rotations/assignments/${id}`, { kind: "success", message: "rotations.planSaved" });
    }
    if (intent === "transition") {
      if (!found.may.transition) forbidden();
      const s = parseWithZod(formData, { schema: TransitionSchema });
      if (s.status !== "success") return fail(flat(s.reply().error), "transition");
      await transition(db, user.userId, id, s.value.to);
      return redirectWithFlash(`/rotations/assignments/${id}`, { kind: "success", message: "rotations.statusChanged" });
    }
    invariantResponse(intent === "evaluate", 400);
    if (!found.may.evaluate) forbidden();
    const s = parseWithZod(formData, { schema: EvaluationSchema });
    if (s.status !== "success") return fail(flat(s.reply().error), "evaluate");
    const { intent: _i, ...input } = s.value;
    await evaluate(db, user.userId, id, input);
    return redirectWithFlash(`/rotations/assignments/${id}`, { kind: "success", message: "rotations.evaluationSaved" });
  } catch (error) {
    if (error instanceof RotationRuleError) return fail([error.key], String(intent));
    throw error;
  }
}

export default function Assignment() {
  const t = useT();
  const locale = useLocale();
  const name = (n: { nameZh: string; nameEn: string }) => (locale === "en" ? n.nameEn : n.nameZh);
  const { a, may, next } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorsFor = (target: string) => (result && result.target === target ? result.errors : undefined);
  return (
    <section>
      <PageHeader title={t("rotations.assignmentTitle", { name: a.employee.name })} actions={<Link to={may.reflect ? "/me/rotations" : "/rotations"}>{t("common.back")}</Link>}>
        <p>
          {name(a.homeUnit)} → {name(a.hostUnit)} · {t(`rotations.type.${a.type}`)} · <strong data-testid="assignment-status">{t(`rotations.status.${a.status}`)}</strong>
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
            <FormErrors errors={errorsFor("transition")} />
          </Form>
        ) : null}
      </div>
      {may.plan && (a.status === "planned" || a.status === "active") ? (
        <div className="panel">
          <h2>{t("rotations.editPlan")}</h2>
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="plan" />
            <div className="field">
              <label htmlFor="pl-start">{t("rotations.startDate")}</label>
              <input id="pl-start" name="startDate" type="date" defaultValue={formatDate(a.startDate)} required />
            </div>
            <div className="field">
              <label htmlFor="pl-end">{t("rotations.endDate")}</label>
              <input id="pl-end" name="endDate" type="date" defaultValue={formatDate(a.endDate)} required />
            </div>
            <div className="field">
              <label htmlFor="pl-mentor">{t("rotations.mentorNo")}</label>
              <input id="pl-mentor" name="mentorNo" defaultValue={a.mentor?.employeeNo ?? ""} maxLength={20} />
            </div>
            <div className="field">
              <label htmlFor="pl-obj">{t("rotations.objectives")}</label>
              <textarea id="pl-obj" name="objectives" rows={3} defaultValue={a.objectives} required maxLength={2000} />
            </div>
            <div className="field">
              <label htmlFor="pl-ret">{t("rotations.returnPlan")}</label>
              <textarea id="pl-ret" name="returnPlan" rows={3} defaultValue={a.returnPlan} required maxLength={2000} />
            </div>
            <FormErrors errors={errorsFor("plan")} />
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
          <Form method="post" className="grid-form">
            <input type="hidden" name="intent" value="evaluate" />
            {SCORE_FIELDS.map((f) => (
              <div className="field" key={f}>
                <label htmlFor={f}>{t(`rotations.score.${f}`)}</label>
                <select id={f} name={f} required defaultValue="">
                  <option value="" disabled>
                    —
                  </option>
                  {[5, 4, 3, 2, 1].map((n) => (
                    <option key={n} value={n}>
                      {t(`rotations.scoreValue.${n}`)}
                    </option>
                  ))}
                </select>
              </div>
            ))}
            <div className="field">
              <label htmlFor="hostComment">{t("rotations.hostComment")}</label>
              <textarea id="hostComment" name="hostComment" rows={3} required maxLength={2000} />
            </div>
            <FormErrors errors={errorsFor("evaluate")} />
            <button type="submit" className="primary">
              {t("rotations.saveEvaluation")}
            </button>
          </Form>
        ) : (
          <p className="empty-state">{t("rotations.noEvaluationYet")}</p>
        )}
      </div>
      <div className="panel" data-testid="reflection">
        <h2>{t("rotations.reflection")}</h2>
        {a.reflection ? <p>{a.reflection}</p> : <p className="empty-state">{t(may.reflect ? "rotations.reflectOnMyPage" : "rotations.noReflectionYet")}</p>}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
