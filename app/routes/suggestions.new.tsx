import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { SuggestionForm } from "~/components/suggestions/suggestion-form";
import { requireEmployee } from "~/modules/auth/guards.server";
import { sortTree } from "~/modules/org/units.server";
import { SuggestionSchema } from "~/modules/suggestions/schemas";
import { submissionThrottled } from "~/modules/suggestions/submission-limiter.server";
import { submitSuggestion } from "~/modules/suggestions/suggestions.server";
import { tokenStorageKey } from "~/modules/suggestions/tokens.server";
import { useState } from "react";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { CopyButton } from "~/components/ui/buttons";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  // Any unit may be the one a suggestion concerns, whatever the submitter's own scope.
  const units = await db.unit.findMany({
    where: { active: true },
    select: { id: true, code: true, nameZh: true, nameEn: true, kind: true, parentId: true, path: true, active: true, sortOrder: true },
  });
  return {
    units: sortTree(units).map(({ id, nameZh, nameEn, depth }) => ({ id, nameZh, nameEn, depth })),
    tokenStorageKey: tokenStorageKey(user.employeeId),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requireEmployee(args);
  const submission = parseWithZod(await args.request.formData(), { schema: SuggestionSchema });
  if (submission.status !== "success") return data({ result: submission.reply() }, { status: 400 });
  // Anonymous suggestions are posted by the browser with a token and no session (see
  // `~/server/anonymous.ts`); one arriving here came from a browser without JavaScript.
  if (submission.value.identity !== "named")
    return data({ result: submission.reply({ fieldErrors: { identity: ["suggestions.errors.anonymousNeedsScript"] } }) }, { status: 400 });
  if (submissionThrottled(user.userId))
    return data({ result: submission.reply({ formErrors: ["suggestions.errors.tooMany"] }) }, { status: 429 });
  try {
    const created = await submitSuggestion(db, { employeeId: user.employeeId }, submission.value);
    // 303, as an anonymous submission to the same address is answered.
    return redirectWithFlash(`/suggestions/${created.id}`, { kind: "success", message: "suggestions.submitted.named" }, { status: 303 });
  } catch (error) {
    return submissionRefusal(error, submission, { wrap: (result) => ({ result }) });
  }
}

/** The follow-up code may be on this page: never kept by any cache. */
export const headers = () => ({ "Cache-Control": "no-store" });

export default function NewSuggestion() {
  const t = useT();
  const { units, tokenStorageKey } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [followUpCode, setFollowUpCode] = useState<string | null>(null);
  if (followUpCode) {
    return (
      <section>
        <PageHeader title={t("suggestions.submitted.anonymousTitle")} />
        <div className="panel">
          <p>{t("suggestions.codeIntro")}</p>
          <p>
            <code data-testid="follow-up-code" style={{ fontSize: "1.4rem", letterSpacing: "0.05em", userSelect: "all" }}>
              {followUpCode}
            </code>{" "}
            <CopyButton value={followUpCode} label="common.copyCode" />
          </p>
          <p className="notice warn">{t("suggestions.codeOnce")}</p>
          <p>
            <Link to="/suggestions/follow-up">{t("suggestions.followUp")}</Link> · <Link to="/suggestions">{t("suggestions.title")}</Link>
          </p>
        </div>
      </section>
    );
  }
  return (
    <section>
      <PageHeader title={t("suggestions.new")}>
        <p>{t("suggestions.newIntro")}</p>
      </PageHeader>
      <div className="panel">
        <SuggestionForm
          lastResult={actionData?.result ?? undefined}
          units={units}
          tokenStorageKey={tokenStorageKey}
          onAnonymousFiled={setFollowUpCode}
        />
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
