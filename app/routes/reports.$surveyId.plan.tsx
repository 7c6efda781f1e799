import { getFormProps, getInputProps, useForm, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useFetcher, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { ConfirmButton, ErrorList, Field, FormErrors, PageHeader, SelectField, TextAreaField } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { PlanActionsTable } from "~/components/reports/plan-actions";
import { requirePermission } from "~/modules/auth/guards.server";
import { ACTION_STATUSES, ActionSchema, RemoveActionSchema, dueDayInput, withDueState } from "~/modules/surveys/reports/plan-actions";
import { planWithActions, removeAction, saveAction } from "~/modules/surveys/reports/plan-actions.server";
import { PlanSchema, UnpublishSchema } from "~/modules/surveys/reports/report-forms";
import { savePlan, unpublishPlan } from "~/modules/surveys/reports/report-plans.server";
import { reportQuery } from "~/modules/surveys/reports/report-query";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { personLabel } from "~/utils/people";
import { PeopleList } from "~/components/ui/people-list";
import type { OwnerSuggestions } from "./reports.$surveyId.plan.people";

function target(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const { surveyId } = parseParams(args.params, reportQuery.params);
  const { unitId } = reportQuery.search(new URL(args.request.url).searchParams);
  invariantResponse(unitId, 404);
  return { surveyId, unitId };
}

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "survey.actionPlan");
  const { surveyId, unitId } = target(args);
  const { survey, unit, plan, actions, dimensions } = await planWithActions(db, user, { surveyId, unitId });
  const edit = new URL(args.request.url).searchParams.get("edit");
  const editing = edit ? actions.find((a) => a.id === edit) : undefined;
  invariantResponse(!edit || editing, 404);
  return {
    survey: { id: survey.id, status: survey.status, titleZh: survey.titleZh, titleEn: survey.titleEn },
    unit: { id: unit.id, nameZh: unit.nameZh, nameEn: unit.nameEn },
    plan: plan && { summary: plan.summary, actions: plan.actions, publishedAt: plan.publishedAt },
    actions: withDueState(actions),
    dimensions,
    editing: editing && {
      id: editing.id,
      title: editing.title,
      dimension: editing.dimension ?? "",
      owner: personLabel(editing.owner),
      dueOn: dueDayInput(editing.dueOn),
      status: editing.status,
      progressNote: editing.progressNote,
    },
  };
}

type Reply = { form: "plan" | "action"; result: SubmissionResult<string[]> };

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "survey.actionPlan");
  const { surveyId, unitId } = target(args);
  const formData = await args.request.formData();
  const here = `/reports/${surveyId}/plan?unit=${unitId}`;
  const back = `/reports/${surveyId}?unit=${unitId}`;
  const intent = formData.get("intent");
  if (intent === "unpublish") {
    invariantResponse(UnpublishSchema.safeParse(Object.fromEntries(formData)).success, 400);
    await unpublishPlan(db, user, surveyId, unitId);
    return redirectWithFlash(back, { kind: "success", message: "plans.unpublished" });
  }
  if (intent === "removeAction") {
    const parsed = RemoveActionSchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, 400);
    await removeAction(db, user, { surveyId, unitId }, parsed.data.actionId);
    return redirectWithFlash(here, { kind: "success", message: "planActions.removed" });
  }
  if (intent === "saveAction") {
    const submission = parseWithZod(formData, { schema: ActionSchema });
    if (submission.status !== "success") return data<Reply>({ form: "action", result: submission.reply() }, { status: 400 });
    try {
      await saveAction(db, user, { surveyId, unitId }, submission.value);
    } catch (error) {
      return submissionRefusal(error, submission, { wrap: (result): Reply => ({ form: "action", result }) });
    }
    return redirectWithFlash(`${here}#plan-actions`, {
      kind: "success",
      message: submission.value.actionId ? "planActions.updated" : "planActions.added",
    });
  }
  const submission = parseWithZod(formData, { schema: PlanSchema });
  if (submission.status !== "success") return data<Reply>({ form: "plan", result: submission.reply() }, { status: 400 });
  const result = await savePlan(db, user, surveyId, unitId, submission.value);
  if (!result.ok) return data<Reply>({ form: "plan", result: submission.reply({ formErrors: [result.error] }) }, { status: 409 });
  return redirectWithFlash(back, {
    kind: "success",
    message: submission.value.intent === "publish" ? "plans.publishedToast" : "plans.saved",
  });
}

export default function ActionPlanPage() {
  const t = useT();
  const locale = useLocale();
  const { survey, unit, plan, actions, dimensions, editing } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "plan-message",
    lastResult: reply?.form === "plan" ? reply.result : undefined,
    defaultValue: { summary: plan?.summary ?? "", actions: plan?.actions ?? "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PlanSchema }),
    shouldRevalidate: "onInput",
  });
  const name = (x: { nameZh: string; nameEn: string }) => (locale === "en" ? x.nameEn : x.nameZh);
  const planHref = `/reports/${survey.id}/plan?unit=${unit.id}`;
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
          <TextAreaField meta={fields.actions} label={t("planActions.notes")} hint={t("planActions.notesHint")} rows={3} />
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
      <section className="panel" id="plan-actions">
        <h2>{t("planActions.heading")}</h2>
        <p className="hint">{t("planActions.draftHint")}</p>
        <PlanActionsTable
          testId="plan-actions"
          rows={actions}
          dimensions={Object.fromEntries(dimensions.map((d) => [d.id, d]))}
          manage={(row) => (
            <div className="inline-form">
              <Link to={`${planHref}&edit=${row.id}#action-form`} className="button secondary">
                {t("planActions.edit")}
              </Link>
              <Form method="post">
                <input type="hidden" name="actionId" value={row.id} />
                <ConfirmButton name="intent" value="removeAction" confirm={t("planActions.confirmRemove")}>
                  {t("planActions.remove")}
                </ConfirmButton>
              </Form>
            </div>
          )}
        />
      </section>
      {survey.status === "closed" ? <ActionForm key={editing?.id ?? "new"} /> : null}
    </section>
  );
}

/** Adding an action, or editing the one named by `?edit=`. */
function ActionForm() {
  const t = useT();
  const locale = useLocale();
  const { survey, unit, dimensions, editing } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "plan-action",
    lastResult: reply?.form === "action" ? reply.result : undefined,
    defaultValue: editing ?? { status: "planned" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ActionSchema }),
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
  });
  const planHref = `/reports/${survey.id}/plan?unit=${unit.id}`;
  return (
    <section className="panel" id="action-form">
      <h2>{t(editing ? "planActions.editHeading" : "planActions.addHeading")}</h2>
      <Form method="post" {...getFormProps(form)} className="action-form">
        {editing ? <input type="hidden" name="actionId" value={editing.id} /> : null}
        <Field meta={fields.title} label={t("planActions.field.title")} />
        <SelectField
          meta={fields.dimension}
          label={t("planActions.field.dimension")}
          placeholder={t("planActions.field.noDimension")}
          options={dimensions.map((d) => ({ value: d.id, label: locale === "en" ? d.nameEn : d.nameZh }))}
        />
        <OwnerPicker meta={fields.owner} surveyId={survey.id} unitId={unit.id} />
        <Field meta={fields.dueOn} type="date" label={t("planActions.field.dueOn")} />
        <SelectField
          meta={fields.status}
          label={t("planActions.field.status")}
          options={ACTION_STATUSES.map((s) => ({ value: s, label: t(`planActions.status.${s}`) }))}
        />
        <TextAreaField meta={fields.progressNote} label={t("planActions.field.progressNote")} rows={2} />
        <FormErrors errors={form.errors} />
        <div className="inline-form">
          <button type="submit" name="intent" value="saveAction" className="primary">
            {t(editing ? "planActions.save" : "planActions.add")}
          </button>
          {editing ? (
            <Link to={`${planHref}#plan-actions`} className="button secondary">
              {t("planActions.cancelEdit")}
            </Link>
          ) : null}
        </div>
      </Form>
    </section>
  );
}

/**
 * The owner field: a text input whose suggestions come from the server as one types (people of
 * the unit by name or employee number), in a `<datalist>`. What is typed is sent as is; the
 * server finds the person by the employee number in it.
 */
function OwnerPicker({ meta, surveyId, unitId }: { meta: FieldMetadata<unknown>; surveyId: string; unitId: string }) {
  const t = useT();
  const locale = useLocale();
  const people = useFetcher<OwnerSuggestions>();
  const [query, setQuery] = useState("");
  const timer = useRef<ReturnType<typeof setTimeout>>();
  const { load } = people;
  useEffect(() => {
    const q = query.trim();
    if (!q) return;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => load(`/reports/${surveyId}/plan/people?${new URLSearchParams({ unit: unitId, q })}`), 200);
    return () => clearTimeout(timer.current);
  }, [query, load, surveyId, unitId]);
  const listId = `${meta.id}-people`;
  const hintId = `${meta.id}-hint`;
  return (
    <div className="field">
      <label htmlFor={meta.id}>{t("planActions.field.owner")}</label>
      <input
        {...getInputProps(meta as FieldMetadata<string>, { type: "text", ariaDescribedBy: hintId })}
        list={listId}
        autoComplete="off"
        onInput={(event) => setQuery(event.currentTarget.value)}
        data-testid="owner-picker"
      />
      <PeopleList
        id={listId}
        people={(people.data?.people ?? []).map((p) => ({ label: p.label, note: locale === "en" ? p.unitEn : p.unitZh }))}
      />
      <small id={hintId} className="hint">
        {t("planActions.field.ownerHint")}
      </small>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </div>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
