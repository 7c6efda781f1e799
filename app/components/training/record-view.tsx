import { Link } from "@remix-run/react";
import { EmptyState } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { DateText, SessionDates } from "./dates";
import { EMPTY, formatDecimal } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

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
      <DataTable
        rows={record.history}
        rowKey={(h) => h.id}
        empty="training.record.noHistory"
        columns={[
          {
            key: "course",
            header: "training.course",
            cell: (h) => <Link to={`/training/sessions/${h.session.id}`}>{title(h.session.course)}</Link>,
          },
          { key: "when", header: "training.when", cell: (h) => <DateText value={h.session.startsAt} /> },
          { key: "hours", header: "training.hours", numeric: true, cell: (h) => (h.completedAt ? h.session.course.hoursTenths / 10 : 0) },
          {
            key: "attendance",
            header: "training.attendance",
            cell: (h) =>
              h.completedAt
                ? t("training.completed")
                : h.session.status === "cancelled"
                  ? t("training.sessionStatus.cancelled")
                  : h.attendance
                    ? t(`training.attendanceValue.${h.attendance}`)
                    : t(`training.sessionStatus.${h.session.status}`),
          },
          {
            key: "tests",
            header: "training.record.tests",
            cell: (h) => (
              <>
                {h.preScore ?? EMPTY} → {h.postScore ?? EMPTY}
                {h.gain ? (
                  <small className="hint">
                    {" "}
                    ({h.gain.raw >= 0 ? "+" : ""}
                    {h.gain.raw}
                    {h.gain.normalised === null ? "" : `, g=${formatDecimal(h.gain.normalised, 2)}`})
                  </small>
                ) : null}
              </>
            ),
          },
        ]}
      />
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
