import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/components/i18n";

type Row = {
  id: string;
  status: string;
  source: string;
  attendance: string | null;
  completedAt: string | Date | null;
  certificateNo: string | null;
  preScore: number | null;
  postScore: number | null;
  gain: { raw: number; normalised: number | null } | null;
  employee: { id: string; name: string; employeeNo: string; unit: { nameZh: string; nameEn: string } };
};

/** The roster; for HR once the session has started, an attendance and test-score sheet. */
export function AttendanceSheet({
  roster,
  editable,
  maxScore,
  canCancel,
}: {
  roster: Row[];
  editable: boolean;
  maxScore: number;
  canCancel: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const enrolled = roster.filter((r) => r.status === "enrolled");
  const waiting = roster.filter((r) => r.status === "waitlisted");
  const table = (
    <table className="data-table">
      <thead>
        <tr>
          <th scope="col">{t("training.employee")}</th>
          <th scope="col">{t("training.source")}</th>
          <th scope="col">{t("training.attendance")}</th>
          <th scope="col">{t("training.preScore", { max: maxScore })}</th>
          <th scope="col">{t("training.postScore", { max: maxScore })}</th>
          <th scope="col">{t("training.gain")}</th>
          <th scope="col">{t("training.certificate")}</th>
          {canCancel ? <th scope="col">{t("common.actions")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {enrolled.map((r) => (
          <tr key={r.id}>
            <td>
              <a href={`/training/people/${r.employee.id}`}>{r.employee.name}</a>{" "}
              <small className="hint">
                {r.employee.employeeNo} · {locale === "en" ? r.employee.unit.nameEn : r.employee.unit.nameZh}
              </small>
              {editable ? <input type="hidden" name="enrolmentId" value={r.id} form="attendance-form" /> : null}
            </td>
            <td>{t(`training.sourceValue.${r.source}`)}</td>
            <td>
              {editable ? (
                <select
                  name={`attendance-${r.id}`}
                  defaultValue={r.attendance ?? ""}
                  form="attendance-form"
                  aria-label={t("training.attendanceFor", { name: r.employee.name })}
                >
                  <option value="">—</option>
                  <option value="attended">{t("training.attendanceValue.attended")}</option>
                  <option value="absent">{t("training.attendanceValue.absent")}</option>
                </select>
              ) : r.attendance ? (
                t(`training.attendanceValue.${r.attendance}`)
              ) : (
                "—"
              )}
            </td>
            <td>
              {editable ? (
                <input
                  name={`pre-${r.id}`}
                  type="number"
                  min={0}
                  max={maxScore}
                  defaultValue={r.preScore ?? ""}
                  form="attendance-form"
                  style={{ width: "5rem" }}
                  aria-label={t("training.preScoreFor", { name: r.employee.name })}
                />
              ) : (
                (r.preScore ?? "—")
              )}
            </td>
            <td>
              {editable ? (
                <input
                  name={`post-${r.id}`}
                  type="number"
                  min={0}
                  max={maxScore}
                  defaultValue={r.postScore ?? ""}
                  form="attendance-form"
                  style={{ width: "5rem" }}
                  aria-label={t("training.postScoreFor", { name: r.employee.name })}
                />
              ) : (
                (r.postScore ?? "—")
              )}
            </td>
            <td>
              {r.gain
                ? `${r.gain.raw >= 0 ? "+" : ""}${r.gain.raw}${r.gain.normalised === null ? "" : ` · g=${r.gain.normalised.toFixed(2)}`}`
                : "—"}
            </td>
            <td>{r.certificateNo ?? (r.completedAt ? t("training.completed") : "—")}</td>
            {canCancel ? (
              <td>
                <Form method="post">
                  <input type="hidden" name="enrolmentId" value={r.id} />
                  <button
                    type="submit"
                    name="intent"
                    value="cancel"
                    className="danger"
                    onClick={(e) => !window.confirm(t("training.confirmRemove")) && e.preventDefault()}
                  >
                    {t("training.remove")}
                  </button>
                </Form>
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      {editable ? (
        <Form method="post" id="attendance-form">
          <input type="hidden" name="intent" value="attendance" />
        </Form>
      ) : null}
      <div className="table-scroll">{table}</div>
      {editable ? (
        <button type="submit" form="attendance-form" className="primary">
          {t("training.saveAttendance")}
        </button>
      ) : null}
      {waiting.length ? (
        <>
          <h3 style={{ marginTop: "1rem" }}>{t("training.waitingList")}</h3>
          <ol>
            {waiting.map((w) => (
              <li key={w.id}>
                {w.employee.name} <small className="hint">{w.employee.employeeNo}</small>
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </>
  );
}
