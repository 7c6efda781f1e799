import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { DateText } from "~/components/training/dates";
import { RecordView } from "~/components/training/record-view";
import { requireEmployee } from "~/modules/auth/guards.server";
import { listAssessmentsFor } from "~/modules/training/evaluation/behaviour.server";
import { behaviourState } from "~/modules/training/evaluation/evaluation";
import { trainingRecord } from "~/modules/training/sessions/record.server";
import { db } from "~/utils/db.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const now = new Date();
  const [record, assessments] = await Promise.all([trainingRecord(db, user.employeeId, now), listAssessmentsFor(db, user.employeeId, now)]);
  return {
    record,
    assessments: assessments.map((a) => ({ ...a, state: behaviourState(a, now) })).filter((a) => a.state !== "upcoming"),
    upcomingAssessments: assessments.filter((a) => behaviourState(a, now) === "upcoming").length,
  };
}

export default function MyTraining() {
  const t = useT();
  const locale = useLocale();
  const { record, assessments, upcomingAssessments } = useLoaderData<typeof loader>();
  const open = assessments.filter((a) => a.state === "due" || a.state === "overdue");
  return (
    <section>
      <PageHeader title={t("training.record.myTitle")} />
      {assessments.length > 0 || upcomingAssessments > 0 ? (
        <div className="panel" data-testid="assessments-due">
          <h2>{t("training.behaviour.listTitle")}</h2>
          <p className="hint">{t("training.behaviour.listIntro")}</p>
          {open.length === 0 ? (
            <p>{t("training.behaviour.noneDue", { upcoming: upcomingAssessments })}</p>
          ) : (
            <ul className="stack">
              {open.map((a) => (
                <li key={a.id}>
                  <Link to={`/training/assessments/${a.id}`}>
                    {a.enrolment.employee.name} ·{" "}
                    {locale === "en" ? a.enrolment.session.course.titleEn : a.enrolment.session.course.titleZh}
                  </Link>{" "}
                  <span className={`badge ${a.state === "overdue" ? "bad" : "warn"}`}>{t(`training.behaviour.state.${a.state}`)}</span>{" "}
                  <small className="hint">
                    {t("training.behaviour.dueUntil")} <DateText value={a.dueUntil} />
                  </small>
                </li>
              ))}
            </ul>
          )}
        </div>
      ) : null}
      <RecordView record={record} />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
