import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SelectField, TextAreaField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { createAssignment } from "~/modules/rotations/assignments.server";
import { AssignmentSchema } from "~/modules/rotations/schemas";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "rotation.manage");
  const openings = await db.rotationOpening.findMany({
    where: { status: "open", programme: { status: "open" } },
    select: { id: true, title: true, type: true, hostUnit: { select: { nameZh: true, nameEn: true } } },
  });
  return { openings };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "rotation.manage");
  const submission = parseWithZod(await args.request.formData(), { schema: AssignmentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const employee = await db.employee.findUnique({ where: { employeeNo: submission.value.employeeNo }, select: { id: true } });
  if (!employee) return data(submission.reply({ fieldErrors: { employeeNo: ["rotations.errors.unknownEmployee"] } }), { status: 400 });
  try {
    const saved = await createAssignment(db, user.userId, { ...submission.value, employeeId: employee.id });
    return redirectWithFlash(`/rotations/assignments/${saved.id}`, { kind: "success", message: "rotations.assignmentCreated" });
  } catch (error) {
    return submissionRefusal(error, submission);
  }
}

export default function NewAssignment() {
  const t = useT();
  const locale = useLocale();
  const { openings } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AssignmentSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <section>
      <PageHeader title={t("rotations.newAssignment")} actions={<Link to="/rotations">{t("rotations.title")}</Link>} />
      <Form method="post" {...getFormProps(form)} className="panel grid-form">
        <SelectField
          meta={fields.openingId}
          label={t("rotations.opening")}
          options={openings.map((o) => ({
            value: o.id,
            label: `${o.title} · ${locale === "en" ? o.hostUnit.nameEn : o.hostUnit.nameZh} · ${t(`rotations.type.${o.type}`)}`,
          }))}
          placeholder=""
        />
        <Field meta={fields.employeeNo} label={t("rotations.employeeNo")} />
        <Field meta={fields.startDate} label={t("rotations.startDate")} type="date" />
        <Field meta={fields.endDate} label={t("rotations.endDate")} type="date" />
        <Field meta={fields.mentorNo} label={t("rotations.mentorNo")} hint={t("rotations.optional")} />
        <TextAreaField meta={fields.objectives} label={t("rotations.objectives")} rows={3} />
        <TextAreaField meta={fields.returnPlan} label={t("rotations.returnPlan")} rows={3} />
        <FormErrors errors={form.errors} />
        <SubmitButton>{t("rotations.planAssignment")}</SubmitButton>
      </Form>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
