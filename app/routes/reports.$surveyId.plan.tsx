import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, FormErrors, PageHeader, TextAreaField } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { PlanSchema, UnpublishSchema } from "~/modules/surveys/reports/report-forms";
import { planTarget, savePlan, unpublishPlan } from "~/modules/surveys/reports/report-plans.server";
import { reportQuery } from "~/modules/surveys/reports/report-query";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse, parseParams } from "~/utils/http.server";

function target(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const { surveyId } = parseParams(args.params, reportQuery.params);
  const { unitId } = reportQuery.search(new URL(args.request.url).searchParams);
  invariantResponse(unitId, 404);
  return { surveyId, unitId };
}

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "survey.actionPlan");
  const { surveyId, unitId } = target(args);
  const { survey, unit, plan } = await planTarget(db, user, surveyId, unitId);
  return { survey, unit: { id: unit.id, nameZh: unit.nameZh, nameEn: unit.nameEn }, plan };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "survey.actionPlan");
  const { surveyId, unitId } = target(args);
  const formData = await args.request.formData();
  const back = `/reports/${surveyId}?unit=${unitId}`;
  if (formData.get("intent") === "unpublish") {
    invariantResponse(UnpublishSchema.safeParse(Object.fromEntries(formData)).success, 400);
    await unpublishPlan(db, user, surveyId, unitId);
    return redirectWithFlash(back, { kind: "success", message: "plans.unpublished" });
  }
  const submission = parseWithZod(formData, { schema: PlanSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await savePlan(db, user, surveyId, unitId, submission.value);
  if (!result.ok) return data(submission.reply({ formErrors: [result.error] }), { status: 409 });
  return redirectWithFlash(back, {
    kind: "success",
    message: submission.value.intent === "publish" ? "plans.publishedToast" : "plans.saved",
  });
}

export default function ActionPlanPage() {
  const t = useT();
  const locale = useLocale();
  const { survey, unit, plan } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { summary: plan?.summary ?? "", actions: plan?.actions ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanSchema }),
    shouldRevalidate: "onInput",
  });
  const name = (x: { nameZh: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameZh);
  return (
    <section>
      <PageHeader title={t("plans.title")} actions={<Link to={`/reports/${survey.id}?unit=${unit.id}`}>{t("plans.back")}</Link>}>
        <p>
          {locale === "en" ? survey.titleEn : survey.titleZh} · {name(unit)}{" "}
          {plan ? <span className="badge">{plan.publishedAt ? t("reports.published") : t("reports.draft")}</span> : null}
        </p>
      </PageHeader>
      {survey.status !== "closed" ? <p className="notice warn">{t("plans.notClosed")}</p> : null}
      <div className="panel">
        <Form method="post" {...getFormProps(form)}>
          <TextAreaField meta={fields.summary} label={t("plans.summary")} hint={t("plans.summaryHint")} rows={5} />
          <TextAreaField meta={fields.actions} label={t("plans.actions")} hint={t("plans.actionsHint")} rows={8} />
          <FormErrors errors={form.errors} />
          <div className="inline-form">
            <button type="submit" name="intent" value="save">
              {t("plans.save")}
            </button>
            <button type="submit" name="intent" value="publish" className="primary">
              {t("plans.publish")}
            </button>
          </div>
        </Form>
        {plan?.publishedAt ? (
          <Form method="post">
            <ConfirmButton name="intent" value="unpublish" confirm={t("plans.confirmUnpublish")}>
              {t("plans.unpublish")}
            </ConfirmButton>
          </Form>
        ) : null}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
