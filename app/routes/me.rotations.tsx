import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, FormErrors, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requireEmployee } from "~/modules/auth/guards.server";
import { myRotations, submitApplication } from "~/modules/rotations/applications.server";
import { reflect } from "~/modules/rotations/assignments.server";
import { RotationRuleError } from "~/modules/rotations/errors";
import { ApplySchema, ReflectionSchema } from "~/modules/rotations/schemas";
import { db } from "~/utils/db.server";
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
  const flat = (e: Record<string, string[] | null> | undefined | null) => Object.values(e ?? {}).flatMap((v) => v ?? []);
  try {
    if (intent === "reflect") {
      const s = parseWithZod(formData, { schema: ReflectionSchema });
      if (s.status !== "success") return data({ errors: flat(s.reply().error), target: String(formData.get("assignmentId") ?? "") }, { status: 400 });
      invariantResponse(await reflect(db, user, s.value.assignmentId, s.value.reflection), 404);
      return redirectWithFlash("/me/rotations", { kind: "success", message: "rotations.reflectionSaved" });
    }
    const s = parseWithZod(formData, { schema: ApplySchema });
    if (s.status !== "success") return data({ errors: flat(s.reply().error), target: String(formData.get("openingId") ?? "") }, { status: 400 });
    invariantResponse(await submitApplication(db, user, { ...s.value, employeeId: user.employeeId, source: "self" }), 404);
    return redirectWithFlash("/me/rotations", { kind: "success", message: "rotations.applied" });
  } catch (error) {
    if (error instanceof RotationRuleError) return data({ errors: [error.key], target: String(formData.get("assignmentId") ?? formData.get("openingId") ?? "") }, { status: 400 });
    throw error;
  }
}

export default function MyRotations() {
  const t = useT();
  const locale = useLocale();
  const name = (n: { nameZh: string; nameEn: string }) => (locale === "en" ? n.nameEn : n.nameZh);
  const { programmes, applications, assignments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const errorsFor = (target: string) => (result && result.target === target ? result.errors : undefined);
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
                <Link to={`/rotations/assignments/${a.id}`}>{name(a.hostUnit)}</Link> · {t(`rotations.type.${a.type}`)} · {t(`rotations.status.${a.status}`)}
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
                  <Form method="post" className="stack">
                    <input type="hidden" name="intent" value="reflect" />
                    <input type="hidden" name="assignmentId" value={a.id} />
                    <label htmlFor={`reflect-${a.id}`}>{t("rotations.reflectionPrompt")}</label>
                    <textarea id={`reflect-${a.id}`} name="reflection" rows={4} required minLength={10} maxLength={4000} />
                    <FormErrors errors={errorsFor(a.id)} />
                    <button type="submit">{t("rotations.saveReflection")}</button>
                  </Form>
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
                {a.opening.title} · {name(a.opening.hostUnit)} · {formatDate(a.proposedStart)} · {t(`rotations.applicationStatus.${a.status}`)} ({t("rotations.homeSide")}: {t(`rotations.decision.${a.homeDecision}`)}, {t("rotations.hostSide")}: {t(`rotations.decision.${a.hostDecision}`)})
                {a.decisionComment ? ` — ${a.decisionComment}` : ""}
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
                  <span className={`badge badge-${c.met ? "met" : "missing"}`}>{t(c.met ? "careers.status.met" : "careers.status.missing")}</span> {t(`rotations.rule.${c.rule}`, { required: String(c.required ?? ""), actual: String(c.actual ?? "") })}
                </li>
              ))}
            </ul>
            {p.openings.map((o) => (
              <div key={o.id} className="card">
                <strong>{o.title}</strong> · {name(o.hostUnit)} · {t(`rotations.type.${o.type}`)} · {t("rotations.monthsCount", { months: o.months })}
                <p>{o.description}</p>
                {p.eligibility.eligible ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="apply" />
                    <input type="hidden" name="openingId" value={o.id} />
                    <label>
                      {t("rotations.proposedStart")} <input type="date" name="proposedStart" required />
                    </label>
                    <textarea name="motivation" rows={2} required minLength={10} maxLength={2000} aria-label={t("rotations.motivation")} placeholder={t("rotations.motivation")} />
                    <button type="submit">{t("rotations.apply")}</button>
                    <FormErrors errors={errorsFor(o.id)} />
                  </Form>
                ) : null}
              </div>
            ))}
          </div>
        ))}
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
