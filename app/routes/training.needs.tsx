import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, EmptyState, Field, FormErrors, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { ChartWithTable } from "~/components/training/chart";
import { DateText } from "~/components/training/dates";
import { withoutIntent } from "~/components/training/form-data";
import { requirePermission } from "~/modules/auth/guards.server";
import { may, unitWhere } from "~/modules/auth/scope";
import { closeSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { launchNeedsSurvey, listNeedsSurveys, needsByTopicAndUnit } from "~/modules/training/catalogue/needs.server";
import { TOPICS } from "~/modules/training/training";
import { db } from "~/utils/db.server";
import { domainError, refusal, submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { z } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";

const LaunchSchema = z
  .object({
    unitId: z.string().min(1).max(64),
    closesOn: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.invalidDate")
      .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "errors.invalidDate"),
  })
  .strict();
const CloseSchema = z.object({ intent: z.literal("close"), surveyId: z.string().min(1).max(64) }).strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "training.report");
  const canManage = may(user, "training.manage");
  const [surveys, needs, units] = await Promise.all([
    listNeedsSurveys(db, user),
    needsByTopicAndUnit(db, user),
    canManage
      ? db.unit.findMany({
          where: { active: true, kind: { in: ["department", "room"] }, AND: [unitWhere(user)] },
          orderBy: { path: "asc" },
          select: { id: true, nameZh: true, nameEn: true, kind: true },
        })
      : [],
  ]);
  return { surveys, needs, units, canManage };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "training.manage");
  const formData = await args.request.formData();
  if (formData.get("intent") === "close") {
    const parsed = CloseSchema.safeParse(Object.fromEntries(formData));
    invariantResponse(parsed.success, 400);
    const survey = await db.survey.findFirst({ where: { id: parsed.data.surveyId, purpose: "training-needs" }, select: { id: true } });
    invariantResponse(survey, 404);
    try {
      await closeSurvey(db, user.userId, survey.id);
    } catch (error) {
      // Every refusal to close (already closed, gone) stays on the page as a 400.
      const refused = domainError(error, { status: 400 });
      return refusal(refused, { status: "error" as const, error: { "": [refused.message] } }, { status: 400 });
    }
    return redirectWithFlash("/training/needs", { kind: "success", message: "training.needs.closed" });
  }
  const submission = parseWithZod(withoutIntent(formData), { schema: LaunchSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  // China Standard Time: the survey closes at the end of the chosen day.
  const closesAt = new Date(`${submission.value.closesOn}T23:59:59+08:00`);
  try {
    const survey = await launchNeedsSurvey(db, user.userId, { unitId: submission.value.unitId, closesAt });
    if (!survey) return data(submission.reply({ fieldErrors: { unitId: ["errors.unknownUnit"] } }), { status: 400 });
  } catch (error) {
    return submissionRefusal(error, submission, { on: "form", status: 400 });
  }
  return redirectWithFlash("/training/needs", { kind: "success", message: "training.needs.launched" });
}

export default function Needs() {
  const t = useT();
  const locale = useLocale();
  const { surveys, needs, units, canManage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: lastResult && "initialValue" in lastResult ? lastResult : undefined,
    onValidate: ({ formData }) => parseWithZod(withoutIntent(formData), { schema: LaunchSchema }),
  });
  const name = (u: { nameZh: string; nameEn: string }) => (locale === "en" ? u.nameEn : u.nameZh);
  const ranked = [...TOPICS].sort((a, b) => needs.totals[b].wanted - needs.totals[a].wanted);
  return (
    <section>
      <PageHeader title={t("training.needs.title")}>
        <p>{t("training.needs.intro")}</p>
      </PageHeader>
      {canManage ? (
        <div className="panel">
          <h2>{t("training.needs.launchTitle")}</h2>
          <Form method="post" {...getFormProps(form)} className="grid-form">
            <SelectField
              meta={fields.unitId}
              label={t("training.needs.unit")}
              options={units.map((u) => ({ value: u.id, label: name(u) }))}
              placeholder=""
            />
            <Field meta={fields.closesOn} label={t("training.needs.closesOn")} type="date" />
            <FormErrors errors={form.errors} />
            <SubmitButton>{t("training.needs.launch")}</SubmitButton>
          </Form>
        </div>
      ) : null}
      <h2>{t("training.needs.surveys")}</h2>
      <DataTable
        rows={surveys}
        rowKey={(s) => s.id}
        empty="training.needs.noSurveys"
        columns={[
          { key: "unit", header: "training.needs.unit", cell: (s) => name(s.unit) },
          { key: "status", header: "training.status", cell: (s) => t(`training.surveyStatus.${s.status}`) },
          {
            key: "period",
            header: "training.needs.period",
            cell: (s) => (
              <>
                <DateText value={s.opensAt} /> – <DateText value={s.closesAt} />
              </>
            ),
          },
          {
            key: "rate",
            header: "training.needs.rate",
            numeric: true,
            cell: (s) =>
              s.answered === null
                ? t("training.invitedOnly", { invited: s.invited })
                : t("training.responseRate", { answered: s.answered, invited: s.invited }),
          },
          {
            key: "actions",
            header: "common.actions",
            hidden: !canManage,
            cell: (s) =>
              s.status === "open" ? (
                <Form method="post">
                  <input type="hidden" name="surveyId" value={s.id} />
                  <ConfirmButton name="intent" value="close" className="" confirm={t("training.needs.confirmClose")}>
                    {t("training.needs.close")}
                  </ConfirmButton>
                </Form>
              ) : null,
          },
        ]}
      />
      <ChartWithTable
        id="needs-topics"
        title={t("training.needs.byTopic", { n: needs.shownResponses })}
        horizontal
        labels={needs.shownResponses ? ranked.map((topic) => t(`training.topic.${topic}`)) : []}
        series={[
          { label: t("training.needs.wanted"), data: ranked.map((topic) => needs.totals[topic].wanted), color: "#1d4ed8" },
          { label: t("training.needs.urgent"), data: ranked.map((topic) => needs.totals[topic].urgent), color: "#f59e0b" },
        ]}
        table={
          needs.shownResponses === 0 ? (
            <p className="hint">{t("training.needs.noResults")}</p>
          ) : (
            <DataTable
              rows={ranked}
              rowKey={(topic) => topic}
              empty={null}
              columns={[
                { key: "topic", header: "training.topic", cell: (topic) => t(`training.topic.${topic}`) },
                { key: "wanted", header: "training.needs.wanted", numeric: true, cell: (topic) => needs.totals[topic].wanted },
                { key: "urgent", header: "training.needs.urgent", numeric: true, cell: (topic) => needs.totals[topic].urgent },
              ]}
            />
          )
        }
      />
      <div className="panel">
        <h2>{t("training.needs.byUnit")}</h2>
        <p className="hint">{t("training.needs.minGroup", { min: needs.minGroupSize })}</p>
        {needs.rows.length === 0 ? (
          <EmptyState>{t("training.needs.noResults")}</EmptyState>
        ) : (
          <div className="table-scroll">
            <table className="data-table heatmap" data-testid="needs-by-unit">
              <thead>
                <tr>
                  <th scope="col">{t("training.needs.unit")}</th>
                  <th scope="col">n</th>
                  {TOPICS.map((topic) => (
                    <th scope="col" key={topic}>
                      {t(`training.topic.${topic}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {needs.rows.map((r) => (
                  <tr key={r.unitId}>
                    <th scope="row">{name(r)}</th>
                    <td>{r.responses ?? "—"}</td>
                    {r.status === "ok" ? (
                      TOPICS.map((topic) => <td key={topic}>{r.topics[topic].wanted}</td>)
                    ) : (
                      <td colSpan={TOPICS.length} className="suppressed">
                        {t("training.eval.suppressed")}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
