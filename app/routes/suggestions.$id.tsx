import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { SubmitterReplyForm, SubmitterSuggestion } from "~/components/suggestions/submitter-view";
import { requireEmployee } from "~/modules/auth/guards.server";
import { SubmitterReplySchema } from "~/modules/suggestions/schemas";
import { addSubmitterReply, getMySuggestion } from "~/modules/suggestions/suggestions.server";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const { id } = parseParams(args.params, idParam);
  const found = await getMySuggestion(db, user.employeeId, id);
  invariantResponse(found, 404);
  return { view: found.view };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireEmployee(args);
  const { id } = parseParams(args.params, idParam);
  invariantResponse(await getMySuggestion(db, user.employeeId, id), 404);
  const submission = parseWithZod(await args.request.formData(), { schema: SubmitterReplySchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await addSubmitterReply(db, id, submission.value.body);
  } catch (error) {
    return submissionRefusal(error, submission, { on: "form" });
  }
  return redirectWithFlash(`/suggestions/${id}`, { kind: "success", message: "suggestions.replySent" });
}

export default function MySuggestion() {
  const t = useT();
  const { view } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section>
      <PageHeader title={view.title} actions={<Link to="/suggestions">{t("common.back")}</Link>} />
      <SubmitterSuggestion view={view} />
      {view.canReply ? <SubmitterReplyForm key={view.thread.length} lastResult={lastResult} /> : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
