import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, PageHeader, SelectField, TextAreaField } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { PlanActionsTable } from "~/components/reports/plan-actions";
import { requireUser } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { ACTION_STATUSES, ActionProgressSchema, withDueState } from "~/modules/surveys/reports/plan-actions";
import { actionForProgress, templateDimensionNames, updateProgress } from "~/modules/surveys/reports/plan-actions.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, parseParams } from "~/utils/http.server";
import { z } from "~/utils/validation";

const params = z.object({ actionId: idParam.shape.id });

/** One survey action for its owner (or a head/HR in scope): where it stands, and the form to say so. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const { actionId } = parseParams(args.params, params);
  const { action, isOwner } = await actionForProgress(db, user, actionId);
  const { plan, ...row } = action;
  return {
    action: withDueState([row])[0],
    plan: { ...plan, dimensions: templateDimensionNames(plan.survey.templateId) },
    isOwner,
    canEditPlan: may(user, "survey.actionPlan"),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const { actionId } = parseParams(args.params, params);
  const submission = parseWithZod(await args.request.formData(), { schema: ActionProgressSchema });
  if (submission.status !== "success") {
    await actionForProgress(db, user, actionId); // someone else's action is a 404 whatever was sent
    return data(submission.reply(), { status: 400 });
  }
  await updateProgress(db, user, actionId, submission.value);
  return redirectWithFlash(`/surveys/actions/${actionId}`, { kind: "success", message: "planActions.progress.saved" });
}

export default function ActionProgressPage() {
  const t = useT();
  const locale = useLocale();
  const { action: item, plan, isOwner, canEditPlan } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { status: item.status, progressNote: item.progressNote },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionProgressSchema }),
    shouldRevalidate: "onInput",
  });
  const pick = (x: { nameZh?: string; nameEn?: string; titleZh?: string; titleEn?: string }) =>
    locale === "en" ? (x.nameEn ?? x.titleEn) : (x.nameZh ?? x.titleZh);
  return (
    <section>
      <PageHeader
        title={t("planActions.progress.title")}
        actions={
          canEditPlan ? (
            <Link to={`/reports/${plan.surveyId}/plan?unit=${plan.unitId}`}>{t("planActions.progress.toPlan")}</Link>
          ) : undefined
        }
      >
        <p>{t("planActions.progress.from", { survey: pick(plan.survey) ?? "", unit: pick(plan.unit) ?? "" })}</p>
      </PageHeader>
      <div className="panel">
        <PlanActionsTable rows={[item]} dimensions={plan.dimensions} testId="action-summary" />
      </div>
      <div className="panel">
        {isOwner ? <p className="hint">{t("planActions.progress.ownerRule")}</p> : null}
        <Form method="post" {...getFormProps(form)}>
          <SelectField
            meta={fields.status}
            label={t("planActions.field.status")}
            options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`planActions.status.${s}`) }))}
          />
          <TextAreaField meta={fields.progressNote} label={t("planActions.field.progressNote")} rows={4} />
          <FormErrors errors={form.errors} />
          <button type="submit" className="primary">
            {t("planActions.progress.save")}
          </button>
        </Form>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
