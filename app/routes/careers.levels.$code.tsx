import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, TextAreaField, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { parseCodeList } from "~/modules/careers/criteria";
import { updateLevel } from "~/modules/careers/ladder.server";
import { LevelFormSchema } from "~/modules/careers/schemas";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { z } from "~/utils/validation";

const Params = z.object({ code: z.string().regex(/^[MTS][1-7]$/) });

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "career.manage");
  const { code } = parseParams(args.params, Params);
  const level = await db.careerLevel.findUnique({ where: { code } });
  invariantResponse(level, 404);
  return { level };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "career.manage");
  const { code } = parseParams(args.params, Params);
  const submission = parseWithZod(await args.request.formData(), { schema: LevelFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await updateLevel(db, user.userId, code, submission.value);
  } catch (error) {
    return submissionRefusal(error, submission);
  }
  return redirectWithFlash("/careers", { kind: "success", message: "careers.levelSaved" });
}

export default function EditLevel() {
  const t = useT();
  const { level } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LevelFormSchema }),
    shouldRevalidate: "onInput",
    defaultValue: {
      ...level,
      kpiPeriods: String(level.kpiPeriods),
      minMonthsInLevel: level.minMonthsInLevel?.toString() ?? "",
      minKpiAverage: level.minKpiAverage === null ? "" : (level.minKpiAverage / 100).toFixed(2),
      minTrainingHours: level.minTrainingHours?.toString() ?? "",
      minRotations: level.minRotations?.toString() ?? "",
      requiredCourses: parseCodeList(level.requiredCoursesJson).join(", "),
      requiredCertificates: parseCodeList(level.requiredCertificatesJson).join(", "),
    },
  });
  return (
    <section>
      <PageHeader title={t("careers.editLevel", { code: level.code })} actions={<Link to="/careers">{t("common.back")}</Link>}>
        <p>
          {t(`track.${level.track}`)} · {t("careers.grade")} {level.grade}
        </p>
      </PageHeader>
      <Form method="post" {...getFormProps(form)} className="panel grid-form">
        <Field meta={fields.titleZh} label={t("careers.titleZh")} />
        <Field meta={fields.titleEn} label={t("careers.titleEn")} />
        <TextAreaField meta={fields.descriptionZh} label={t("careers.descriptionZh")} rows={3} />
        <TextAreaField meta={fields.descriptionEn} label={t("careers.descriptionEn")} rows={3} />
        <TextAreaField meta={fields.competenciesZh} label={t("careers.competenciesZh")} hint={t("careers.onePerLine")} rows={4} />
        <TextAreaField meta={fields.competenciesEn} label={t("careers.competenciesEn")} hint={t("careers.onePerLine")} rows={4} />
        <h2>{t("careers.criteriaTitle")}</h2>
        <p className="hint">{t("careers.criteriaHint")}</p>
        <Field meta={fields.minMonthsInLevel} label={t("careers.field.minMonthsInLevel")} type="number" min={0} />
        <Field meta={fields.minKpiAverage} label={t("careers.field.minKpiAverage")} type="number" step="0.01" min={0} max={100} />
        <Field meta={fields.kpiPeriods} label={t("careers.field.kpiPeriods")} type="number" min={1} max={12} />
        <Field meta={fields.minTrainingHours} label={t("careers.field.minTrainingHours")} type="number" min={0} />
        <Field meta={fields.requiredCourses} label={t("careers.field.requiredCourses")} hint={t("careers.codesHint")} />
        <Field meta={fields.requiredCertificates} label={t("careers.field.requiredCertificates")} hint={t("careers.certificatesHint")} />
        <Field meta={fields.minRotations} label={t("careers.field.minRotations")} type="number" min={0} />
        <FormErrors errors={form.errors} />
        <SubmitButton>{t("common.save")}</SubmitButton>
      </Form>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
