import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, PageHeader, SelectField, TextAreaField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { DataTable } from "~/components/ui/data-table";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { getPeriod } from "~/modules/kpi/library.server";
import { ObjectionAnswerSchema } from "~/modules/kpi/target-responses";
import { answerObjection, targetResponses } from "~/modules/kpi/target-responses.server";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDateTime } from "~/utils/format";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";

const Params = z.object({ periodId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

/** Heads see their people's confirmations and answer objections; HR sees every unit's counts too. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "kpi.view");
  const { periodId } = parseParams(args.params, Params);
  const period = await getPeriod(db, periodId);
  invariantResponse(period, 404);
  const { people, units } = await targetResponses(db, user, periodId);
  return { period, people, units, canEditPlans: may(user, "kpi.manage") };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.view");
  const { periodId } = parseParams(args.params, Params);
  invariantResponse(await getPeriod(db, periodId), 404);
  const submission = parseWithZod(await args.request.formData(), { schema: ObjectionAnswerSchema });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400 });
  try {
    await answerObjection(db, user, periodId, submission.value);
  } catch (error) {
    return submissionRefusal(error, submission, { on: "form", wrap: (reply) => ({ reply }) });
  }
  return redirectWithFlash(`/kpi/periods/${periodId}/confirmations`, { kind: "success", message: "talk.targets.answered" });
}

type Person = ReturnType<typeof useLoaderData<typeof loader>>["people"][number];

function AnswerForm({ periodId, person, lastResult }: { periodId: string; person: Person; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const mine = lastResult?.initialValue?.employeeId === person.employeeId;
  const [form, fields] = useForm({
    id: `answer-${person.employeeId}`,
    lastResult: mine ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ObjectionAnswerSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" action={`/kpi/periods/${periodId}/confirmations`} {...getFormProps(form)} className="grid-form">
      <input type="hidden" name="intent" value="answerObjection" />
      <input type="hidden" name="employeeId" value={person.employeeId} />
      <SelectField
        meta={fields.outcome}
        label={t("talk.targets.answerOutcome")}
        options={[
          { value: "keep", label: t("talk.targets.outcome.keep") },
          { value: "change", label: t("talk.targets.outcome.change") },
        ]}
        placeholder=""
      />
      <TextAreaField meta={fields.answer} label={t("talk.targets.answerText")} rows={2} />
      <FormErrors errors={form.errors} />
      <SubmitButton className="">{t("talk.targets.answer")}</SubmitButton>
    </Form>
  );
}

export default function TargetConfirmations() {
  const t = useT();
  const locale = useLocale();
  const { period, people, units, canEditPlans } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const objections = people.filter((p) => p.state === "objected");
  return (
    <section>
      <PageHeader
        title={t("talk.targets.pageTitle", { code: period.code })}
        actions={<Link to={`/kpi/periods/${period.id}`}>{t("talk.targets.backToPeriod")}</Link>}
      >
        <p className="hint">{t("talk.targets.pageIntro")}</p>
      </PageHeader>

      <h2>{t("talk.targets.byUnit")}</h2>
      <DataTable
        rows={units}
        rowKey={(u) => u.unitId}
        empty="talk.targets.nobody"
        testId="target-units"
        sortParam="unitSort"
        columns={[
          { key: "unit", header: "talk.targets.unit", cell: (u) => pick(locale, u.unit), sort: (u) => u.unit.path },
          { key: "confirmed", header: "talk.targets.state.confirmed", numeric: true, cell: (u) => u.confirmed, sort: true },
          { key: "objected", header: "talk.targets.state.objected", numeric: true, cell: (u) => u.objected, sort: true },
          { key: "pending", header: "talk.targets.state.pending", numeric: true, cell: (u) => u.pending, sort: true },
        ]}
      />

      <h2>{t("talk.targets.openObjections")}</h2>
      {objections.length === 0 ? (
        <p className="hint">{t("talk.targets.noObjections")}</p>
      ) : (
        objections.map((p) => (
          <div key={p.employeeId} className="panel" data-testid={`objection-${p.employeeNo}`}>
            <h3>
              {p.name} · {p.employeeNo} · {pick(locale, p.unit)}
            </h3>
            <p>{p.reason}</p>
            <p className="hint">
              {p.respondedAt ? formatDateTime(p.respondedAt) : null} ·{" "}
              <Link to={`/kpi/periods/${period.id}/employees/${p.employeeId}`}>
                {canEditPlans ? t("talk.targets.editPlan") : t("talk.targets.seePlan")}
              </Link>
            </p>
            {p.own ? (
              <p className="hint">{t("talk.errors.ownObjection")}</p>
            ) : (
              <AnswerForm periodId={period.id} person={p} lastResult={result?.reply} />
            )}
          </div>
        ))
      )}

      <h2>{t("talk.targets.people")}</h2>
      <DataTable
        rows={people}
        rowKey={(p) => p.employeeId}
        empty="talk.targets.nobody"
        testId="target-people"
        columns={[
          { key: "employeeNo", header: "talk.targets.employeeNo", cell: (p) => p.employeeNo, sort: true },
          {
            key: "name",
            header: "talk.targets.name",
            cell: (p) => <Link to={`/kpi/periods/${period.id}/employees/${p.employeeId}`}>{p.name}</Link>,
            sort: (p) => p.name,
          },
          { key: "unit", header: "talk.targets.unit", cell: (p) => pick(locale, p.unit) },
          { key: "state", header: "talk.targets.stateHeader", cell: (p) => t(`talk.targets.state.${p.state}`), sort: (p) => p.state },
          { key: "at", header: "talk.targets.respondedAt", cell: (p) => (p.respondedAt ? formatDateTime(p.respondedAt) : "—") },
          {
            key: "answer",
            header: "talk.targets.answerHeader",
            cell: (p) =>
              p.answer ? `${t(`talk.targets.outcome.${p.answer.outcome === "change" ? "change" : "keep"}`)} · ${p.answer.text}` : "—",
          },
        ]}
      />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
