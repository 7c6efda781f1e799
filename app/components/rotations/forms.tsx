import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ErrorList, FormErrors } from "~/components/forms";
import { useT } from "~/components/i18n";
import { ApplySchema, ReflectionSchema } from "~/modules/rotations/schemas";

/** Errors of every field and of the form, for a reply whose fields are not all shown. */
export function replyErrors(reply: SubmissionResult<string[]> | undefined) {
  return reply ? Object.values(reply.error ?? {}).flatMap((e) => (e as string[] | null) ?? []) : undefined;
}

/** An employee's reflection on a completed assignment. */
export function ReflectionForm({ assignmentId, lastResult }: { assignmentId: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `reflect-${assignmentId}`,
    lastResult,
    defaultValue: { intent: "reflect", assignmentId },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ReflectionSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="stack">
      <input type="hidden" name="intent" value="reflect" />
      <input type="hidden" name="assignmentId" value={assignmentId} />
      <label htmlFor={fields.reflection.id}>{t("rotations.reflectionPrompt")}</label>
      <textarea {...getTextareaProps(fields.reflection)} rows={4} />
      <ErrorList id={fields.reflection.errorId} errors={fields.reflection.errors} />
      <FormErrors errors={form.errors} />
      <button type="submit">{t("rotations.saveReflection")}</button>
    </Form>
  );
}

/** An application to an opening, from an eligible employee. */
export function ApplyForm({ openingId, lastResult }: { openingId: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useForm({
    id: `apply-${openingId}`,
    lastResult,
    defaultValue: { intent: "apply", openingId },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApplySchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="inline-form">
      <input type="hidden" name="intent" value="apply" />
      <input type="hidden" name="openingId" value={openingId} />
      <label htmlFor={fields.proposedStart.id}>{t("rotations.proposedStart")}</label>
      <input {...getInputProps(fields.proposedStart, { type: "date" })} />
      <textarea
        {...getTextareaProps(fields.motivation)}
        rows={2}
        aria-label={t("rotations.motivation")}
        placeholder={t("rotations.motivation")}
      />
      <button type="submit">{t("rotations.apply")}</button>
      <ErrorList id={fields.proposedStart.errorId} errors={fields.proposedStart.errors} />
      <ErrorList id={fields.motivation.errorId} errors={fields.motivation.errors} />
      <FormErrors errors={form.errors} />
    </Form>
  );
}
