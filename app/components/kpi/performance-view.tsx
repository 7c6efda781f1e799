import { getFormProps, getInputProps, getTextareaProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { ErrorList, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { CheckInSchema } from "~/modules/kpi/kpi";
import { formatScore, formatValue } from "~/modules/kpi/units";
import { pick } from "~/utils/i18n";
import { EMPTY, formatDate } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

export type PerformanceLine = {
  kpiId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  kind: string;
  basicWork: boolean;
  weight: number;
  threshold: number;
  target: number;
  stretch: number;
  cap: number;
  actual: number | null;
  score: number | null;
  progress: number | null;
  adjusted: boolean;
  team: { name: string; members: { share: number; employee: { id: string; name: string } }[] } | null;
  /** Why the line cannot score (its curve is not well-formed), shown on the line itself. */
  problem?: string | null;
};

/** A progress bar towards target (100 % at target; the bar shows up to 150 %). */
function ProgressBar({ progress, label }: { progress: number | null; label: string }) {
  if (progress === null) return <span className="hint">—</span>;
  const percent = progress / 100;
  const width = Math.min(100, (percent / 150) * 100);
  const color = percent >= 100 ? "#12805c" : percent >= 70 ? "#b54708" : "#b42318";
  return (
    <div title={label} style={{ display: "flex", alignItems: "center", gap: "0.4rem", minWidth: 160 }}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuenow={Math.round(percent)}
        aria-valuemin={0}
        aria-valuemax={150}
        style={{ flex: 1, height: 10, background: "#eef1f5", borderRadius: 5, position: "relative" }}
      >
        <div style={{ width: `${width}%`, height: "100%", background: color, borderRadius: 5 }} />
        <div style={{ position: "absolute", left: `${(100 / 150) * 100}%`, top: -3, bottom: -3, borderLeft: "2px solid #344054" }} />
      </div>
      <span className="num">{percent.toFixed(0)}%</span>
    </div>
  );
}

export function PerformanceTable({
  lines,
  total,
  actualForm,
}: {
  lines: PerformanceLine[];
  total: number | null;
  /** Rendered in the actual cell when the viewer may enter it (HR; heads for ratings). */
  actualForm?: (line: PerformanceLine) => React.ReactNode;
}) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="table-scroll">
      <DataTable
        testId="performance-lines"
        rows={lines}
        rowKey={(l) => l.kpiId}
        rowProps={(l) => ({ "data-kpi": l.code })}
        empty={null}
        columns={[
          {
            key: "kpi",
            header: "kpi.kpi",
            cell: (l) => (
              <>
                {pick(locale, l)} <code className="hint">{l.code}</code>
                {l.basicWork ? <span className="badge warn"> {t("kpi.basicWork")}</span> : null}
                {l.adjusted ? <span className="badge"> {t("kpi.adjusted")}</span> : null}
                {l.team ? (
                  <div className="hint">
                    {t("kpi.jointWith", { team: l.team.name })}: {l.team.members.map((m) => `${m.employee.name} ${m.share}%`).join(" · ")}
                  </div>
                ) : null}
              </>
            ),
          },
          { key: "weight", header: "kpi.weight", numeric: true, cell: (l) => `${l.weight}%` },
          {
            key: "threshold",
            header: "kpi.threshold",
            numeric: true,
            cell: (l) => (l.kind === "rated" ? EMPTY : formatValue(l.unit, l.threshold, locale)),
          },
          {
            key: "target",
            header: "kpi.target",
            numeric: true,
            cell: (l) => (l.kind === "rated" ? t("kpi.ratingTarget") : formatValue(l.unit, l.target, locale)),
          },
          {
            key: "stretch",
            header: "kpi.stretch",
            numeric: true,
            cell: (l) => (l.kind === "rated" ? EMPTY : formatValue(l.unit, l.stretch, locale)),
          },
          {
            key: "actual",
            header: "kpi.actual",
            numeric: true,
            cell: (l) => (
              <>
                {l.actual === null ? <span className="badge bad">{t("kpi.noActual")}</span> : formatValue(l.unit, l.actual, locale)}
                {actualForm ? actualForm(l) : null}
              </>
            ),
          },
          {
            key: "progress",
            header: "kpi.progress",
            cell: (l) => <ProgressBar progress={l.progress} label={t("kpi.progressOf", { name: pick(locale, l) })} />,
          },
          {
            key: "score",
            header: "kpi.score",
            numeric: true,
            cell: (l) =>
              l.problem ? (
                <span className="badge bad" role="alert" data-testid="line-problem">
                  {t(`kpi.curveProblem.${l.problem}`)}
                </span>
              ) : (
                formatScore(l.score)
              ),
          },
        ]}
        footer={
          <tr>
            <th scope="row" colSpan={7}>
              {t("kpi.total")}
            </th>
            <td className="num" data-testid="total-score">
              <strong>{total === null ? t("kpi.totalPending") : formatScore(total)}</strong>
            </td>
          </tr>
        }
      />
      <p className="hint">{t("kpi.scoringRule")}</p>
    </div>
  );
}

export type CheckInRow = {
  id: string;
  heldOn: string | Date;
  notes: string;
  actions: string;
  author: { role: string; employee: { name: string } | null };
};

export function CheckIns({
  checkIns,
  canAdd,
  lastResult,
}: {
  checkIns: CheckInRow[];
  canAdd: boolean;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const [form, fields] = useForm({
    id: "checkin",
    lastResult,
    defaultValue: { intent: "checkin", heldOn: formatDate(new Date()) },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CheckInSchema }),
    shouldRevalidate: "onInput",
  });
  return (
    <div className="panel">
      <h2>{t("kpi.checkIns")}</h2>
      <p className="hint">{t("kpi.checkInsIntro")}</p>
      {checkIns.length === 0 ? (
        <p className="empty-state">{t("kpi.noCheckIns")}</p>
      ) : (
        <ul className="stack" data-testid="checkins">
          {checkIns.map((c) => (
            <li key={c.id}>
              <strong>{formatDate(c.heldOn)}</strong> · {c.author.employee?.name ?? t(`role.${c.author.role}`)}
              <p style={{ whiteSpace: "pre-wrap", margin: "0.25rem 0" }}>{c.notes}</p>
              {c.actions ? (
                <p style={{ whiteSpace: "pre-wrap", margin: 0 }}>
                  {t("kpi.agreedActions")}: {c.actions}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {canAdd ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <input type="hidden" name="intent" value="checkin" />
          <div className="field">
            <label htmlFor={fields.heldOn.id}>{t("kpi.heldOn")}</label>
            <input {...getInputProps(fields.heldOn, { type: "date" })} />
            <ErrorList errors={fields.heldOn.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.notes.id}>{t("kpi.notes")}</label>
            <textarea {...getTextareaProps(fields.notes)} rows={3} />
            <ErrorList errors={fields.notes.errors} />
          </div>
          <div className="field">
            <label htmlFor={fields.actions.id}>{t("kpi.agreedActions")}</label>
            <textarea {...getTextareaProps(fields.actions)} rows={2} />
            <ErrorList errors={fields.actions.errors} />
          </div>
          <SubmitButton>{t("kpi.addCheckIn")}</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
