import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SubmitButton } from "~/components/forms";
import { DataTable } from "~/components/ui/data-table";
import { useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { createCycle, listCycles } from "~/modules/careers/cycles.server";
import { CycleFormSchema } from "~/modules/careers/schemas";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { formatDate } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "career.review");
  return { cycles: await listCycles(db), canManage: may(user, "career.manage") };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "career.manage");
  const submission = parseWithZod(await args.request.formData(), { schema: CycleFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const cycle = await createCycle(db, user.userId, submission.value);
  return redirectWithFlash(`/careers/cycles/${cycle.id}`, { kind: "success", message: "careers.cycleCreated" });
}

export default function Cycles() {
  const t = useT();
  const { cycles, canManage } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CycleFormSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader title={t("careers.cyclesTitle")} actions={<Link to="/careers">{t("careers.ladderTitle")}</Link>} />
      <DataTable
        rows={cycles}
        rowKey={(c) => c.id}
        empty="careers.noCycles"
        columns={[
          {
            key: "name",
            header: "careers.cycleName",
            cell: (c) => <Link to={`/careers/cycles/${c.id}`}>{c.name}</Link>,
            sort: (c) => c.name,
          },
          { key: "status", header: "careers.statusLabel", cell: (c) => t(`careers.cycleStatus.${c.status}`) },
          { key: "effectiveDate", header: "careers.effectiveDate", cell: (c) => formatDate(c.effectiveDate), sort: (c) => c.effectiveDate },
          { key: "nominations", header: "careers.nominations", numeric: true, cell: (c) => c._count.nominations },
        ]}
      />
      {canManage ? (
        <div className="panel">
          <h2>{t("careers.newCycle")}</h2>
          <Form method="post" {...getFormProps(form)} className="grid-form">
            <Field meta={fields.name} label={t("careers.cycleName")} />
            <Field meta={fields.effectiveDate} label={t("careers.effectiveDate")} type="date" />
            <div className="field">
              <label>
                <input type="checkbox" name={fields.allowSelfNomination.name} defaultChecked /> {t("careers.allowSelfNomination")}
              </label>
            </div>
            <FormErrors errors={form.errors} />
            <SubmitButton>{t("common.create")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
