import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, PageHeader, SelectField, TextAreaField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { DateText } from "~/components/training/dates";
import { requireEmployee } from "~/modules/auth/guards.server";
import { submitAssessment } from "~/modules/training/evaluation/behaviour.server";
import { behaviourState } from "~/modules/training/evaluation/evaluation";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { z } from "~/utils/validation";

const rating = z.coerce.number().int().min(1).max(5);
const BehaviourSchema = z
  .object({ applicationScore: rating, improvementScore: rating, comment: z.string().trim().max(1000).optional() })
  .strict();

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const { id } = parseParams(args.params, idParam);
  const a = await db.trainingBehaviourAssessment.findFirst({
    where: { id, managerId: user.employeeId },
    select: {
      id: true,
      dueFrom: true,
      dueUntil: true,
      submittedAt: true,
      applicationScore: true,
      improvementScore: true,
      comment: true,
      enrolment: {
        select: {
          preScore: true,
          postScore: true,
          employee: { select: { name: true, employeeNo: true } },
          session: {
            select: { startsAt: true, endsAt: true, testMaxScore: true, course: { select: { titleZh: true, titleEn: true, topic: true } } },
          },
        },
      },
    },
  });
  invariantResponse(a, 404);
  return { a, state: behaviourState(a, new Date()) };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireEmployee(args);
  const { id } = parseParams(args.params, idParam);
  const submission = parseWithZod(await args.request.formData(), { schema: BehaviourSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await submitAssessment(db, user, id, submission.value);
  invariantResponse(result, 404);
  if (!result.ok) return data(submission.reply({ formErrors: [result.key] }), { status: 400 });
  return redirectWithFlash("/me/training", { kind: "success", message: "training.behaviour.saved" });
}

export default function Assessment() {
  const t = useT();
  const locale = useLocale();
  const { a, state } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BehaviourSchema }),
    shouldRevalidate: "onInput",
  });
  const scale = [1, 2, 3, 4, 5].map((v) => ({ value: String(v), label: t(`training.behaviour.scale.${v}`) }));
  const course = a.enrolment.session.course;
  return (
    <section>
      <PageHeader
        title={t("training.behaviour.title", { name: a.enrolment.employee.name })}
        actions={<Link to="/me/training">{t("common.back")}</Link>}
      >
        <p>
          {locale === "en" ? course.titleEn : course.titleZh} · <DateText value={a.enrolment.session.startsAt} /> ·{" "}
          {t("training.behaviour.window")} <DateText value={a.dueFrom} /> – <DateText value={a.dueUntil} />
        </p>
      </PageHeader>
      <p className="hint">{t("training.behaviour.intro")}</p>
      {state === "submitted" ? (
        <div className="notice success">
          {t("training.behaviour.submitted", { application: a.applicationScore ?? 0, improvement: a.improvementScore ?? 0 })}
          {a.comment ? <p>{a.comment}</p> : null}
        </div>
      ) : state === "upcoming" ? (
        <div className="notice">{t("training.behaviour.notYet")}</div>
      ) : (
        <Form method="post" {...getFormProps(form)} className="grid-form">
          <SelectField meta={fields.applicationScore} label={t("training.behaviour.application")} options={scale} placeholder="" />
          <SelectField meta={fields.improvementScore} label={t("training.behaviour.improvement")} options={scale} placeholder="" />
          <TextAreaField meta={fields.comment} label={t("training.behaviour.comment")} rows={3} />
          <FormErrors errors={form.errors} />
          <SubmitButton>{t("training.behaviour.submit")}</SubmitButton>
        </Form>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
