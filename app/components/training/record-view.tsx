import { Link } from "@remix-run/react";
import { EmptyState } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { DateText, SessionDates } from "./dates";

type Course = { id: string; code: string; titleZh: string; titleEn: string; format: string; hoursTenths: number };
type Session = { id: string; startsAt: string | Date; endsAt: string | Date; place: string; status: string; course: Course };
type Record = {
  hoursThisYear: number;
  coursesThisYear: number;
  certificates: { no: string; course: Course; on: string | Date }[];
  upcoming: { id: string; status: string; waitlistPosition: number | null; session: Session }[];
  history: {
    id: string;
    status: string;
    attendance: string | null;
    completedAt: string | Date | null;
    preScore: number | null;
    postScore: number | null;
    gain: { raw: number; normalised: number | null } | null;
    session: Session;
  }[];
};

/** An employee's training record: this year's hours, what is coming up, history and certificates. */
export function RecordView({ record }: { record: Record }) {
  const t = useT();
  const locale = useLocale();
  const title = (c: Course) => (locale === "en" ? c.titleEn : c.titleZh);
  return (
    <>
      <div className="stats">
        <div className="card">
          <div className="stat" data-testid="hours-this-year">
            {record.hoursThisYear}
          </div>
          <div>{t("training.record.hoursThisYear")}</div>
        </div>
        <div className="card">
          <div className="stat">{record.coursesThisYear}</div>
          <div>{t("training.record.coursesThisYear")}</div>
        </div>
        <div className="card">
          <div className="stat">{record.certificates.length}</div>
          <div>{t("training.record.certificates")}</div>
        </div>
      </div>
      <h2 style={{ marginTop: "1.25rem" }}>{t("training.record.upcoming")}</h2>
      {record.upcoming.length === 0 ? (
        <EmptyState>
          {t("training.record.noUpcoming")} <Link to="/training">{t("training.record.browse")}</Link>
        </EmptyState>
      ) : (
        <ul className="stack">
          {record.upcoming.map((u) => (
            <li key={u.id}>
              <Link to={`/training/sessions/${u.session.id}`}>{title(u.session.course)}</Link> ·{" "}
              <SessionDates startsAt={u.session.startsAt} endsAt={u.session.endsAt} /> · {u.session.place}{" "}
              {u.status === "waitlisted" ? (
                <span className="badge warn">{t("training.onWaitlist", { position: u.waitlistPosition ?? 0 })}</span>
              ) : (
                <span className="badge ok">{t("training.youAreEnrolled")}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2 style={{ marginTop: "1.25rem" }}>{t("training.record.history")}</h2>
      {record.history.length === 0 ? (
        <EmptyState>{t("training.record.noHistory")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("training.course")}</th>
                <th scope="col">{t("training.when")}</th>
                <th scope="col" className="num">
                  {t("training.hours")}
                </th>
                <th scope="col">{t("training.attendance")}</th>
                <th scope="col">{t("training.record.tests")}</th>
              </tr>
            </thead>
            <tbody>
              {record.history.map((h) => (
                <tr key={h.id}>
                  <td>
                    <Link to={`/training/sessions/${h.session.id}`}>{title(h.session.course)}</Link>
                  </td>
                  <td>
                    <DateText value={h.session.startsAt} />
                  </td>
                  <td className="num">{h.completedAt ? h.session.course.hoursTenths / 10 : 0}</td>
                  <td>
                    {h.completedAt
                      ? t("training.completed")
                      : h.session.status === "cancelled"
                        ? t("training.sessionStatus.cancelled")
                        : h.attendance
                          ? t(`training.attendanceValue.${h.attendance}`)
                          : t(`training.sessionStatus.${h.session.status}`)}
                  </td>
                  <td>
                    {h.preScore ?? "—"} → {h.postScore ?? "—"}
                    {h.gain ? (
                      <small className="hint">
                        {" "}
                        ({h.gain.raw >= 0 ? "+" : ""}
                        {h.gain.raw}
                        {h.gain.normalised === null ? "" : `, g=${h.gain.normalised.toFixed(2)}`})
                      </small>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {record.certificates.length ? (
        <>
          <h2 style={{ marginTop: "1.25rem" }}>{t("training.record.certificates")}</h2>
          <ul>
            {record.certificates.map((c) => (
              <li key={c.no}>
                <code>{c.no}</code> · {title(c.course)} · <DateText value={c.on} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
