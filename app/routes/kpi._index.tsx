import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { PERIOD_KINDS, PeriodSchema } from "~/modules/kpi/kpi";
import { createPeriod, listPeriods } from "~/modules/kpi/library.server";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDateRange } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "kpi.view");
  return { periods: await listPeriods(db), canManage: may(user, "kpi.manage") };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.manage");
  const submission = parseWithZod(await args.request.formData(), { schema: PeriodSchema });
  if (submission.status !== "success") return data({ form: submission.reply() }, { status: 400 });
  try {
    const { id } = await createPeriod(db, user.userId, submission.value);
    return redirectWithFlash(`/kpi/periods/${id}`, { kind: "success", message: "kpi.periodCreated" });
  } catch (error) {
    return submissionRefusal(error, submission, { wrap: (form) => ({ form }) });
  }
}

export default function KpiHome() {
  const t = useT();
  const { periods, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: result?.form,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PeriodSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader
        title={t("kpi.title")}
        actions={
          <Link className="button" to="/kpi/library">
            {t("kpi.library")}
          </Link>
        }
      >
        <p>{t("kpi.intro")}</p>
      </PageHeader>
      <DataTable
        rows={periods}
        rowKey={(p) => p.id}
        empty="kpi.noPeriods"
        columns={[
          { key: "code", header: "kpi.period", cell: (p) => <Link to={`/kpi/periods/${p.id}`}>{p.code}</Link>, sort: (p) => p.code },
          { key: "kind", header: "kpi.periodKind", cell: (p) => t(`kpi.periodKind.${p.kind}`), sort: (p) => p.kind },
          { key: "dates", header: "kpi.dates", cell: (p) => formatDateRange(p.startsOn, p.endsOn), sort: (p) => p.startsOn },
          {
            key: "status",
            header: "org.status",
            cell: (p) => <span className={`badge ${p.status === "open" ? "ok" : ""}`}>{t(`kpi.status.${p.status}`)}</span>,
            sort: (p) => p.status,
          },
        ]}
      />
      {canManage ? (
        <div className="panel">
          <h2>{t("kpi.newPeriod")}</h2>
          <Form method="post" className="grid-form" {...getFormProps(form)}>
            <Field meta={fields.code} label={t("kpi.periodCode")} hint={t("kpi.periodCodeHint")} />
            <SelectField
              meta={fields.kind}
              label={t("kpi.periodKind")}
              options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`kpi.periodKind.${k}`) }))}
            />
            <Field meta={fields.startsOn} label={t("kpi.startsOn")} type="date" />
            <Field meta={fields.endsOn} label={t("kpi.endsOn")} type="date" />
            <SubmitButton>{t("common.create")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
