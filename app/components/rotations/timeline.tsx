import { Link } from "@remix-run/react";
import { useLocale, useT } from "../i18n";
import { formatDateRange } from "~/utils/format";

type Row = {
  id: string;
  type: string;
  status: string;
  startDate: string | Date;
  endDate: string | Date;
  employee: { employeeNo: string; name: string };
  homeUnit: { nameZh: string; nameEn: string };
  hostUnit: { nameZh: string; nameEn: string };
};

/** Who is where: one bar per assignment across a window of months (a simple Gantt table). */
export function Timeline({ assignments, from, to }: { assignments: Row[]; from: string; to: string }) {
  const t = useT();
  const locale = useLocale();
  const start = new Date(from).getTime();
  const end = new Date(to).getTime();
  const span = end - start;
  const pct = (d: number) => Math.min(100, Math.max(0, ((d - start) / span) * 100));
  const today = pct(Date.now());
  const months: string[] = [];
  for (let d = new Date(from); d.getTime() < end; d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1)))
    months.push(d.toISOString().slice(0, 7));
  if (assignments.length === 0) return <p className="empty-state">{t("rotations.noAssignments")}</p>;
  return (
    <div className="table-scroll">
      <table className="data-table timeline" data-testid="timeline">
        <thead>
          <tr>
            <th scope="col">{t("rotations.employee")}</th>
            <th scope="col">{t("rotations.hostUnit")}</th>
            <th scope="col" style={{ minWidth: "28rem" }}>
              {months[0]} … {months[months.length - 1]}
            </th>
          </tr>
        </thead>
        <tbody>
          {assignments.map((a) => {
            const left = pct(new Date(a.startDate).getTime());
            const right = pct(new Date(a.endDate).getTime());
            return (
              <tr key={a.id}>
                <td>
                  <Link to={`/rotations/assignments/${a.id}`}>{a.employee.name}</Link>
                  <br />
                  <small>{locale === "en" ? a.homeUnit.nameEn : a.homeUnit.nameZh}</small>
                </td>
                <td>
                  {locale === "en" ? a.hostUnit.nameEn : a.hostUnit.nameZh}
                  <br />
                  <small>
                    {t(`rotations.type.${a.type}`)} · {t(`rotations.status.${a.status}`)}
                  </small>
                </td>
                <td>
                  <div style={{ position: "relative", height: "1.25rem", background: "rgba(0,0,0,0.04)" }}>
                    <div
                      title={formatDateRange(a.startDate, a.endDate)}
                      style={{
                        position: "absolute",
                        left: `${left}%`,
                        width: `${Math.max(1, right - left)}%`,
                        top: 0,
                        bottom: 0,
                        borderRadius: 3,
                        background:
                          a.status === "active"
                            ? "#2e7d32"
                            : a.status === "planned"
                              ? "#1565c0"
                              : a.status === "completed"
                                ? "#9e9e9e"
                                : "#e57373",
                      }}
                    />
                    <div
                      style={{ position: "absolute", left: `${today}%`, top: -2, bottom: -2, borderLeft: "2px dashed #c62828" }}
                      aria-hidden
                    />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="hint">{t("rotations.timelineHint")}</p>
    </div>
  );
}
