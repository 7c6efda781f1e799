import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/components/i18n";
import { DataTable } from "~/components/ui/data-table";
import { EMPTY, formatDecimal } from "~/utils/format";

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
  const score = (r: Row, which: "pre" | "post") => {
    const value = which === "pre" ? r.preScore : r.postScore;
    return editable ? (
      <input
        name={`${which}-${r.id}`}
        type="number"
        min={0}
        max={maxScore}
        defaultValue={value ?? ""}
        form="attendance-form"
        style={{ width: "5rem" }}
        aria-label={t(which === "pre" ? "training.preScoreFor" : "training.postScoreFor", { name: r.employee.name })}
      />
    ) : (
      (value ?? EMPTY)
    );
  };
  const table = (
    <DataTable
      rows={enrolled}
      rowKey={(r) => r.id}
      empty={null}
      columns={[
        {
          key: "employee",
          header: "training.employee",
          cell: (r) => (
            <>
              <a href={`/training/people/${r.employee.id}`}>{r.employee.name}</a>{" "}
              <small className="hint">
                {r.employee.employeeNo} · {locale === "en" ? r.employee.unit.nameEn : r.employee.unit.nameZh}
              </small>
              {editable ? <input type="hidden" name="enrolmentId" value={r.id} form="attendance-form" /> : null}
            </>
          ),
        },
        { key: "source", header: "training.source", cell: (r) => t(`training.sourceValue.${r.source}`) },
        {
          key: "attendance",
          header: "training.attendance",
          cell: (r) =>
            editable ? (
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
              EMPTY
            ),
        },
        { key: "pre", header: "training.preScore", headerParams: { max: maxScore }, cell: (r) => score(r, "pre") },
        { key: "post", header: "training.postScore", headerParams: { max: maxScore }, cell: (r) => score(r, "post") },
        {
          key: "gain",
          header: "training.gain",
          cell: (r) =>
            r.gain
              ? `${r.gain.raw >= 0 ? "+" : ""}${r.gain.raw}${r.gain.normalised === null ? "" : ` · g=${formatDecimal(r.gain.normalised, 2)}`}`
              : EMPTY,
        },
        {
          key: "certificate",
          header: "training.certificate",
          cell: (r) => r.certificateNo ?? (r.completedAt ? t("training.completed") : EMPTY),
        },
        {
          key: "actions",
          header: "common.actions",
          hidden: !canCancel,
          cell: (r) => (
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
          ),
        },
      ]}
    />
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
