import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormErrors, PageHeader } from "~/components/forms";
import { DataTable } from "~/components/ui/data-table";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { decideTrackRequest, pendingTrackRequests } from "~/modules/careers/career.server";
import { TrackDecisionSchema } from "~/modules/careers/schemas";
import { db } from "~/utils/db.server";
import { domainError, refusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { formatDate } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "career.manage");
  return { requests: await pendingTrackRequests(db), today: formatDate(new Date()) };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "career.manage");
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: TrackDecisionSchema });
  const target = String(formData.get("requestId") ?? "");
  if (submission.status !== "success")
    return data({ target, errors: Object.values(submission.reply().error ?? {}).flatMap((e) => e ?? []) }, { status: 400 });
  try {
    invariantResponse(await decideTrackRequest(db, user.userId, submission.value), 404);
  } catch (error) {
    const refused = domainError(error);
    return refusal(refused, { target, errors: [refused.message] });
  }
  return redirectWithFlash("/careers/track-requests", { kind: "success", message: "careers.decisionSaved" });
}

export default function TrackRequests() {
  const t = useT();
  const locale = useLocale();
  const { requests, today } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <PageHeader title={t("careers.trackRequestsTitle")} actions={<Link to="/careers">{t("careers.ladderTitle")}</Link>} />
      <DataTable
        rows={requests}
        rowKey={(r) => r.id}
        empty="careers.noTrackRequests"
        columns={[
          {
            key: "employee",
            header: "careers.employee",
            cell: (r) => (
              <>
                {r.employee.name} · {r.employee.employeeNo}
                <br />
                <small>{locale === "en" ? r.employee.unit.nameEn : r.employee.unit.nameZh}</small>
                <br />
                <small>{formatDate(r.createdAt)}</small>
              </>
            ),
          },
          {
            key: "change",
            header: "careers.change",
            cell: (r) => `${t(`track.${r.fromTrack}`)} ${r.fromLevel} → ${t(`track.${r.toTrack}`)} ${r.toLevel}`,
          },
          { key: "reason", header: "careers.reasonForChange", cell: (r) => r.reason },
          {
            key: "decision",
            header: "careers.decision",
            cell: (r) => (
              <Form method="post" className="stack">
                <input type="hidden" name="requestId" value={r.id} />
                <select name="decision" aria-label={t("careers.decision")}>
                  <option value="approved">{t("careers.approve")}</option>
                  <option value="rejected">{t("careers.reject")}</option>
                </select>
                <label>
                  {t("careers.effectiveFrom")} <input type="date" name="effectiveFrom" defaultValue={today} required />
                </label>
                <textarea name="comment" rows={2} aria-label={t("careers.reviewComment")} placeholder={t("careers.reviewCommentHint")} />
                <FormErrors errors={result && result.target === r.id ? result.errors : undefined} />
                <button type="submit">{t("careers.saveDecision")}</button>
              </Form>
            ),
          },
        ]}
      />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
