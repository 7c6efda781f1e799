import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { ApplyForm, ReflectionForm } from "~/components/rotations/forms";
import { useLocale, useT } from "~/components/i18n";
import { requireEmployee } from "~/modules/auth/guards.server";
import { myRotations, submitApplication } from "~/modules/rotations/applications.server";
import { reflect } from "~/modules/rotations/assignments.server";
import { ApplySchema, ReflectionSchema } from "~/modules/rotations/schemas";
import { db } from "~/utils/db.server";
import { domainError } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { formatDate } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  return await myRotations(db, user.employeeId);
}

export async function action(args: ActionFunctionArgs) {
  const user = requireEmployee(args);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  // The form's answer: what was typed comes back with the errors (field errors, or the rule's as the form's).
  let submission: { reply: (options?: { formErrors?: string[] }) => SubmissionResult<string[]> } | undefined;
  const answer = (target: string, reply: SubmissionResult<string[]>) => data({ target, reply }, { status: 400 });
  const fail = (errors: string[], target: string) =>
    answer(target, submission ? submission.reply({ formErrors: errors }) : { status: "error", error: { "": errors } });
  try {
    if (intent === "reflect") {
      const s = (submission = parseWithZod(formData, { schema: ReflectionSchema }));
      if (s.status !== "success") return answer(String(formData.get("assignmentId") ?? ""), s.reply());
      invariantResponse(await reflect(db, user, s.value.assignmentId, s.value.reflection), 404);
      return redirectWithFlash("/me/rotations", { kind: "success", message: "rotations.reflectionSaved" });
    }
    const s = (submission = parseWithZod(formData, { schema: ApplySchema }));
    if (s.status !== "success") return answer(String(formData.get("openingId") ?? ""), s.reply());
    invariantResponse(await submitApplication(db, user, { ...s.value, employeeId: user.employeeId, source: "self" }), 404);
    return redirectWithFlash("/me/rotations", { kind: "success", message: "rotations.applied" });
  } catch (error) {
    const refused = domainError(error);
    return fail([refused.key], String(formData.get("assignmentId") ?? formData.get("openingId") ?? ""));
  }
}

export default function MyRotations() {
  const t = useT();
  const locale = useLocale();
  const name = (n: { nameZh: string; nameEn: string }) => (locale === "en" ? n.nameEn : n.nameZh);
  const { programmes, applications, assignments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const lastResult = (target: string) => (result && result.target === target ? result.reply : undefined);
  return (
    <section>
      <PageHeader title={t("rotations.myTitle")} />
      <div className="panel">
        <h2>{t("rotations.myAssignments")}</h2>
        {assignments.length === 0 ? (
          <EmptyState>{t("rotations.noMyAssignments")}</EmptyState>
        ) : (
          assignments.map((a) => (
            <article key={a.id} className="card" data-testid={`my-assignment-${a.status}`}>
              <h3>
                <Link to={`/rotations/assignments/${a.id}`}>{name(a.hostUnit)}</Link> · {t(`rotations.type.${a.type}`)} ·{" "}
                {t(`rotations.status.${a.status}`)}
              </h3>
              <p>
                {`${formatDate(a.startDate)} – ${formatDate(a.endDate)}`} · {t("rotations.mentor")}: {a.mentor?.name ?? "—"}
              </p>
              <p>{a.objectives}</p>
              {a.evaluatedAt ? <p>{t("rotations.hostSaid", { score: a.scoreOverall ?? "—", comment: a.hostComment ?? "" })}</p> : null}
              {a.status === "completed" ? (
                a.reflection ? (
                  <p>
                    <strong>{t("rotations.reflection")}:</strong> {a.reflection}
                  </p>
                ) : (
                  <ReflectionForm assignmentId={a.id} lastResult={lastResult(a.id)} />
                )
              ) : null}
            </article>
          ))
        )}
      </div>
      <div className="panel">
        <h2>{t("rotations.myApplications")}</h2>
        {applications.length === 0 ? (
          <EmptyState>{t("rotations.noApplications")}</EmptyState>
        ) : (
          <ul>
            {applications.map((a) => (
              <li key={a.id}>
                {a.opening.title} · {name(a.opening.hostUnit)} · {formatDate(a.proposedStart)} ·{" "}
                {t(`rotations.applicationStatus.${a.status}`)} ({t("rotations.homeSide")}: {t(`rotations.decision.${a.homeDecision}`)},{" "}
                {t("rotations.hostSide")}: {t(`rotations.decision.${a.hostDecision}`)}){a.decisionComment ? ` — ${a.decisionComment}` : ""}
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="panel">
        <h2>{t("rotations.openOpenings")}</h2>
        {programmes.length === 0 ? <EmptyState>{t("rotations.noProgrammes")}</EmptyState> : null}
        {programmes.map((p) => (
          <div key={p.id}>
            <h3>{p.name}</h3>
            <p>{p.description}</p>
            <ul>
              {p.eligibility.checks.map((c) => (
                <li key={c.rule}>
                  <span className={`badge badge-${c.met ? "met" : "missing"}`}>
                    {t(c.met ? "careers.status.met" : "careers.status.missing")}
                  </span>{" "}
                  {t(`rotations.rule.${c.rule}`, { required: String(c.required ?? ""), actual: String(c.actual ?? "") })}
                </li>
              ))}
            </ul>
            {p.openings.map((o) => (
              <div key={o.id} className="card">
                <strong>{o.title}</strong> · {name(o.hostUnit)} · {t(`rotations.type.${o.type}`)} ·{" "}
                {t("rotations.monthsCount", { months: o.months })}
                <p>{o.description}</p>
                {p.eligibility.eligible ? <ApplyForm openingId={o.id} lastResult={lastResult(o.id)} /> : null}
              </div>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
