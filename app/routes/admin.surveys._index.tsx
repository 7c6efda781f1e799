import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { requirePermission } from "~/modules/auth/guards.server";
import { createSurvey, listSurveys } from "~/modules/surveys/campaigns/campaigns.server";
import { chinaDate, dayEnd, dayStart, effectiveStatus, lastDay } from "~/modules/surveys/settings";
import { listTemplates } from "~/modules/surveys/campaigns/templates.server";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { z } from "~/utils/validation";
import surveyStyles from "~/styles/surveys.css?url";
import { PageParam } from "~/utils/pagination";
import { DataTable } from "~/components/ui/data-table";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

const isoDate = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "errors.invalidDate");

const CreateFormSchema = z
  .object({ templateId: z.string().trim().min(1).max(64), opensOn: isoDate, closesOn: isoDate })
  .strict()
  .refine((v) => v.closesOn >= v.opensOn, { path: ["closesOn"], message: "surveys.errors.closesBeforeOpens" });

const QuerySchema = z.object({ page: PageParam.optional() });

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "survey.manage");
  const query = QuerySchema.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  const result = await listSurveys(db, query.page ?? 1);
  return {
    ...result,
    rows: result.rows.map((s) => ({
      id: s.id,
      titleZh: s.titleZh,
      titleEn: s.titleEn,
      status: effectiveStatus(s),
      opensOn: chinaDate(s.opensAt),
      lastDay: lastDay(s.closesAt),
      invited: s._count.participations,
    })),
    templates: listTemplates().map((t) => ({ id: t.id, titleZh: t.titleZh, titleEn: t.titleEn, itemCount: t.items.length })),
    today: chinaDate(new Date()),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "survey.manage");
  const submission = parseWithZod(await args.request.formData(), { schema: CreateFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { templateId, opensOn, closesOn } = submission.value;
    const survey = await createSurvey(db, user.userId, { templateId, opensAt: dayStart(opensOn), closesAt: dayEnd(closesOn) });
    return redirectWithFlash(`/admin/surveys/${survey.id}`, { kind: "success", message: "surveys.admin.created" });
  } catch (error) {
    return submissionRefusal(error, submission);
  }
}

export default function SurveyAdminList() {
  const t = useT();
  const locale = useLocale();
  const { rows, total, page, pageCount, templates, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { templateId: templates[0]?.id ?? "", opensOn: today, closesOn: "" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CreateFormSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader title={t("surveys.admin.title")} />
      <div className="panel">
        <h2>{t("surveys.admin.new")}</h2>
        <Form method="post" {...getFormProps(form)} className="grid-form">
          <SelectField
            meta={fields.templateId}
            label={t("surveys.admin.template")}
            options={templates.map((tpl) => ({
              value: tpl.id,
              label: `${locale === "en" ? tpl.titleEn : tpl.titleZh} (${t("surveys.admin.itemCount", { count: tpl.itemCount })})`,
            }))}
          />
          <Field meta={fields.opensOn} label={t("surveys.admin.opensOn")} type="date" />
          <Field meta={fields.closesOn} label={t("surveys.admin.closesOn")} type="date" />
          <FormErrors errors={form.errors} />
          <SubmitButton>{t("surveys.admin.createDraft")}</SubmitButton>
        </Form>
      </div>
      <DataTable
        rows={rows}
        rowKey={(s) => s.id}
        empty="surveys.admin.none"
        columns={[
          {
            key: "title",
            header: "surveys.admin.surveyTitle",
            cell: (s) => <Link to={`/admin/surveys/${s.id}`}>{locale === "en" ? s.titleEn : s.titleZh}</Link>,
          },
          {
            key: "status",
            header: "surveys.admin.status",
            cell: (s) => (
              <span className={`badge ${s.status === "open" ? "ok" : s.status === "draft" ? "warn" : ""}`}>
                {t(`surveys.status.${s.status}`)}
              </span>
            ),
          },
          { key: "dates", header: "surveys.admin.dates", cell: (s) => `${s.opensOn} – ${s.lastDay}` },
          { key: "invited", header: "surveys.admin.invited", numeric: true, cell: (s) => (s.status === "draft" ? "–" : s.invited) },
        ]}
      />
      {rows.length ? <Pagination page={page} pageCount={pageCount} total={total} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
