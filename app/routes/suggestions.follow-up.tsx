import type { SubmissionResult } from "@conform-to/react";
import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { SubmitterReplyForm, SubmitterSuggestion } from "~/components/suggestions/submitter-view";
import { submissionReply } from "~/utils/domain-error.server";
import { MemoryLimiter } from "~/utils/memory-limiter.server";
import { FollowUpReplySchema, FollowUpSchema } from "~/modules/suggestions/schemas";
import { addSubmitterReply, findByFollowUpCode, type SubmitterView } from "~/modules/suggestions/suggestions.server";
import { db } from "~/utils/db.server";

const CODE_ATTEMPT_LIMIT = 20;
const CODE_WINDOW_MS = 10 * 60 * 1000;
/** Kept in memory only: no address or time of a follow-up is ever written down. */
const codeAttempts = new MemoryLimiter(CODE_ATTEMPT_LIMIT, CODE_WINDOW_MS);

type ActionData = { view: SubmitterView | null; code: string | null; result: SubmissionResult<string[]> | null; replied?: boolean };

// The code opens the thread and nothing else does: the server does not read the session of a
// request posted here (see app.ts), and the code travels only in POST bodies and this page's
// own state, never in a URL.
export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData();
  const noStore = { "Cache-Control": "no-store" };
  const reply = (body: ActionData, status = 200) => data(body, { status, headers: noStore });
  const schema = formData.get("intent") === "reply" ? FollowUpReplySchema : FollowUpSchema;
  const submission = parseWithZod(formData, { schema });
  const code = typeof formData.get("code") === "string" ? String(formData.get("code")) : "";
  // Every attempt counts, right or wrong, so that being throttled says nothing about a code.
  if (codeAttempts.hit(context.clientAddress)) {
    return reply(
      { view: null, code: null, result: submission.reply({ formErrors: ["suggestions.errors.codeThrottled"], hideFields: ["code"] }) },
      429,
    );
  }
  const found = code ? await findByFollowUpCode(db, code) : null;
  if (!found)
    return reply({ view: null, code: null, result: submission.reply({ fieldErrors: { code: ["suggestions.errors.codeUnknown"] } }) }, 400);
  if (submission.status !== "success") return reply({ view: found.view, code, result: submission.reply() }, 400);
  if (submission.value.intent === "reply") {
    try {
      await addSubmitterReply(db, found.id, submission.value.body);
    } catch (error) {
      const { refused, reply: result } = submissionReply(error, submission, { on: "form" });
      return reply({ view: found.view, code, result }, refused.status);
    }
    const updated = await findByFollowUpCode(db, code);
    return reply({ view: updated!.view, code, result: submission.reply({ resetForm: true }), replied: true });
  }
  return reply({ view: found.view, code, result: null });
}

/** The follow-up code may be on this page: never kept by any cache. */
export const headers = () => ({ "Cache-Control": "no-store" });

export default function FollowUp() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "code",
    lastResult: actionData?.view ? undefined : (actionData?.result ?? undefined),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: FollowUpSchema }),
  });
  if (actionData?.view && actionData.code) {
    return (
      <section>
        <PageHeader title={actionData.view.title}>
          <p>{t("suggestions.followUpOpened")}</p>
        </PageHeader>
        {actionData.replied ? (
          <p className="notice success" role="status">
            {t("suggestions.replySent")}
          </p>
        ) : null}
        <SubmitterSuggestion view={actionData.view} />
        {actionData.view.canReply ? (
          <SubmitterReplyForm
            key={actionData.view.thread.length}
            lastResult={actionData.replied ? null : actionData.result}
            hidden={{ code: actionData.code }}
            schema={FollowUpReplySchema}
          />
        ) : null}
      </section>
    );
  }
  return (
    <section>
      <PageHeader title={t("suggestions.followUp")}>
        <p>{t("suggestions.followUpIntro")}</p>
      </PageHeader>
      <Form method="post" {...getFormProps(form)} className="panel stack" autoComplete="off">
        <input type="hidden" name="intent" value="view" />
        <Field meta={fields.code} label={t("suggestions.code")} autoComplete="off" />
        <FormErrors errors={form.errors} />
        <SubmitButton>{t("suggestions.openThread")}</SubmitButton>
      </Form>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
