import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { DIRECTIONS, KPI_KINDS, KPI_SOURCES, KpiSchema } from "~/modules/kpi/kpi";
import { getKpi, listKpis, saveKpi } from "~/modules/kpi/library.server";
import { KPI_UNITS } from "~/modules/kpi/units";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";

const EditParam = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/)
  .optional()
  .catch(undefined);

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "kpi.view");
  const editId = EditParam.parse(new URL(args.request.url).searchParams.get("edit") ?? undefined);
  const canManage = may(user, "kpi.manage");
  const editing = canManage && editId ? await getKpi(db, editId) : null;
  if (editId && canManage) invariantResponse(editing, 404);
  return { kpis: await listKpis(db), canManage, editing };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.manage");
  const formData = await args.request.formData();
  const id = formData.get("id");
  formData.delete("id");
  const submission = parseWithZod(formData, { schema: KpiSchema });
  if (submission.status !== "success") return data({ form: submission.reply() }, { status: 400 });
  try {
    await saveKpi(db, user.userId, submission.value, typeof id === "string" && id ? id : undefined);
  } catch (error) {
    return submissionRefusal(error, submission, { wrap: (form) => ({ form }) });
  }
  return redirectWithFlash("/kpi/library", { kind: "success", message: "kpi.kpiSaved" });
}

export default function KpiLibrary() {
  const t = useT();
  const locale = useLocale();
  const { kpis, canManage, editing } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: editing?.id ?? "new",
    lastResult: result?.form,
    defaultValue: editing
      ? { ...editing, basicWork: editing.basicWork ? "on" : undefined, active: editing.active ? "on" : undefined }
      : { direction: "higher", kind: "quantitative", source: "csv", unit: "fen" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: KpiSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader title={t("kpi.library")}>
        <p>{t("kpi.libraryIntro")}</p>
      </PageHeader>
      <DataTable
        rows={kpis}
        rowKey={(k) => k.id}
        empty="kpi.noKpis"
        columns={[
          { key: "code", header: "org.code", cell: (k) => <code>{k.code}</code>, sort: (k) => k.code },
          {
            key: "name",
            header: "kpi.name",
            cell: (k) => (
              <>
                {canManage ? <Link to={`/kpi/library?edit=${k.id}`}>{pick(locale, k)}</Link> : pick(locale, k)}{" "}
                {k.basicWork ? <span className="badge warn">{t("kpi.basicWork")}</span> : null}
              </>
            ),
          },
          { key: "unit", header: "kpi.unit", cell: (k) => t(`kpi.unit.${k.unit}`) },
          { key: "direction", header: "kpi.direction", cell: (k) => t(`kpi.direction.${k.direction}`) },
          { key: "kind", header: "kpi.kind", cell: (k) => t(`kpi.kind.${k.kind}`) },
          { key: "source", header: "kpi.source", cell: (k) => t(`kpi.source.${k.source}`) },
          { key: "status", header: "org.status", cell: (k) => (k.active ? t("org.active") : t("org.inactive")) },
        ]}
      />
      {canManage ? (
        <div className="panel">
          <h2>{editing ? t("kpi.editKpi", { code: editing.code }) : t("kpi.newKpi")}</h2>
          <Form method="post" className="grid-form" {...getFormProps(form)}>
            {editing ? <input type="hidden" name="id" value={editing.id} /> : null}
            <Field meta={fields.code} label={t("org.code")} hint={t("kpi.codeHint")} />
            <Field meta={fields.nameZh} label={t("org.nameZh")} />
            <Field meta={fields.nameEn} label={t("org.nameEn")} />
            <SelectField
              meta={fields.unit}
              label={t("kpi.unit")}
              options={KPI_UNITS.map((u) => ({ value: u, label: t(`kpi.unit.${u}`) }))}
            />
            <SelectField
              meta={fields.direction}
              label={t("kpi.direction")}
              options={DIRECTIONS.map((d) => ({ value: d, label: t(`kpi.direction.${d}`) }))}
            />
            <SelectField
              meta={fields.kind}
              label={t("kpi.kind")}
              options={KPI_KINDS.map((k) => ({ value: k, label: t(`kpi.kind.${k}`) }))}
            />
            <SelectField
              meta={fields.source}
              label={t("kpi.source")}
              options={KPI_SOURCES.map((s) => ({ value: s, label: t(`kpi.source.${s}`) }))}
            />
            <div className="field">
              <label>
                <input {...getInputProps(fields.basicWork, { type: "checkbox" })} /> {t("kpi.basicWork")}
              </label>
              <small className="hint">{t("kpi.basicWorkHint")}</small>
            </div>
            {editing ? (
              <div className="field">
                <label>
                  <input {...getInputProps(fields.active, { type: "checkbox" })} /> {t("org.active")}
                </label>
              </div>
            ) : null}
            <SubmitButton>{t("common.save")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
