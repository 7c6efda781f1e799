import type { ReactNode } from "react";
import { useLocale, useT } from "~/components/i18n";
import { DataTable, type Column } from "~/components/ui/data-table";
import type { DueState } from "~/modules/surveys/reports/plan-actions";
import { EMPTY, formatDate } from "~/utils/format";

export type ActionRow = {
  id: string;
  title: string;
  dimension: string | null;
  dueOn: Date | string;
  status: string;
  progressNote: string;
  owner?: { name: string; employeeNo?: string } | null;
  /** Where the action stands against the clock, worked out by the loader. */
  state: DueState;
};

type Names = Record<string, { nameZh: string; nameEn: string }>;

/** A unit's plan as the report shows it. */
export type ReportPlan = {
  summary: string;
  actions: string;
  publishedAt: Date | string | null;
  items: ActionRow[];
  dimensions: Names;
};

/** The status of an action, marked when it is overdue or due soon. */
export function ActionStatus({ row }: { row: Pick<ActionRow, "status" | "state"> }) {
  const t = useT();
  const tone = row.status === "done" ? "ok" : row.state === "overdue" ? "bad" : row.state === "dueSoon" ? "warn" : "";
  return (
    <>
      <span className={`badge ${tone}`.trim()} data-status={row.status}>
        {t(`planActions.status.${row.status}`)}
      </span>
      {row.state === "overdue" || row.state === "dueSoon" ? (
        <span className={`badge ${row.state === "overdue" ? "bad" : "warn"}`}>{t(`planActions.${row.state}`)}</span>
      ) : null}
    </>
  );
}

/**
 * A plan's actions: what, for which focus area, who, by when, how far. `manage` adds a column
 * of row controls (the plan page's edit and remove).
 */
export function PlanActionsTable({
  rows,
  dimensions,
  testId,
  manage,
  showOwner = true,
}: {
  rows: ActionRow[];
  dimensions: Names;
  testId?: string;
  manage?: (row: ActionRow) => ReactNode;
  showOwner?: boolean;
}) {
  const locale = useLocale();
  const dimensionName = (id: string | null) => {
    if (!id) return EMPTY;
    const d = dimensions[id];
    return d ? (locale === "en" ? d.nameEn : d.nameZh) : id;
  };
  const columns: Column<ActionRow>[] = [
    { key: "title", header: "planActions.col.title", rowHeader: true, cell: (r) => r.title },
    { key: "dimension", header: "planActions.col.dimension", cell: (r) => dimensionName(r.dimension) },
    {
      key: "owner",
      header: "planActions.col.owner",
      hidden: !showOwner,
      cell: (r) => (r.owner ? (r.owner.employeeNo ? `${r.owner.name} · ${r.owner.employeeNo}` : r.owner.name) : EMPTY),
    },
    { key: "due", header: "planActions.col.due", cell: (r) => formatDate(r.dueOn) },
    {
      key: "status",
      header: "planActions.col.status",
      cell: (r) => (
        <>
          <ActionStatus row={r} />
          {r.progressNote ? (
            <small className="hint action-note" style={{ display: "block", whiteSpace: "pre-wrap" }}>
              {r.progressNote}
            </small>
          ) : null}
        </>
      ),
    },
    { key: "manage", header: "planActions.col.manage", hidden: !manage, cell: (r) => manage?.(r) },
  ];
  return (
    <DataTable
      testId={testId}
      rows={rows}
      rowKey={(r) => r.id}
      empty="planActions.none"
      columns={columns}
      rowProps={(r) => ({ "data-action": r.id, "data-state": r.state })}
      className="plan-actions"
    />
  );
}

/**
 * On the report of a later wave: the previous wave's plan for the same unit, its actions and how
 * far they got.
 */
export function PreviousWaveActions({
  previous,
}: {
  previous: {
    publishedAt: Date | string | null;
    survey: { titleZh: string; titleEn: string };
    items: ActionRow[];
    dimensions: Names;
  } | null;
}) {
  const t = useT();
  const locale = useLocale();
  if (!previous) return null;
  const done = previous.items.filter((a) => a.status === "done").length;
  return (
    <section className="panel" data-testid="previous-actions">
      <h2>{t("planActions.previous.title")}</h2>
      <p className="hint">
        {t("planActions.previous.intro", { survey: locale === "en" ? previous.survey.titleEn : previous.survey.titleZh })}{" "}
        {previous.items.length ? t("planActions.previous.done", { done, total: previous.items.length }) : null}
      </p>
      {previous.publishedAt ? null : <p className="notice">{t("planActions.previous.unpublished")}</p>}
      <PlanActionsTable rows={previous.items} dimensions={previous.dimensions} />
    </section>
  );
}
