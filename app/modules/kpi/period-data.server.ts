import type { Db } from "~/utils/db.server";
import { readPacked } from "~/utils/packed-rows.server";
import { firstRow, rows as queryRows } from "~/utils/sql.server";
import { actualsOf, employeePositions, packedPeriodActuals, periodFirstDay } from "./queries.server";
import { resolveLines, type Adjustment, type EffectiveLine, type KpiInfo, type PlanItem, type TeamLine } from "./lines";
import type { Direction, KpiKind } from "./scoring";

/** Above this many ids a filter is applied in memory rather than as an SQL IN list. */
const IN_LIST_LIMIT = 500;

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));

export async function loadKpis(db: Db): Promise<Map<string, KpiInfo>> {
  const rows = await db.kpi.findMany({
    select: { id: true, code: true, nameZh: true, nameEn: true, unit: true, direction: true, kind: true, basicWork: true },
  });
  return new Map(rows.map((k) => [k.id, { ...k, direction: k.direction as Direction, kind: k.kind as KpiKind }]));
}

/** Everything one period's scores need, read in a handful of queries. */
export type PeriodData = {
  kpis: Map<string, KpiInfo>;
  /** employeeId → resolved lines */
  lines: Map<string, EffectiveLine[]>;
  /** employeeId → kpiId → actual */
  actuals: Map<string, Map<string, number>>;
  /** The period's joint targets with their team actual and members' shares. */
  teams: TeamTarget[];
};

export type TeamTarget = { kpiId: string; actual: number | null; members: { employeeId: string; employeeNo: string; share: number }[] };

/**
 * `employeeIds` narrows the read to those people. Asked for by id, a person is scored even when
 * not appraised (an inactive employee looking at their record); `appraisedOnly` applies the
 * whole period's rule to them too, so a subset scores exactly as it would in the whole.
 */
export async function loadPeriodData(
  db: Db,
  periodId: string,
  employeeIds?: string[],
  options: { appraisedOnly?: boolean } = {},
): Promise<PeriodData> {
  const filter = employeeIds ? new Set(employeeIds) : null;
  const smallFilter = employeeIds && employeeIds.length <= IN_LIST_LIMIT ? employeeIds : null;
  const [kpis, period, plans, adjustmentRows, teamRows] = await Promise.all([
    loadKpis(db),
    firstRow(db, periodFirstDay, [periodId]),
    db.kpiPlan.findMany({
      where: { periodId },
      select: {
        positionId: true,
        items: { select: { kpiId: true, weight: true, threshold: true, target: true, stretch: true, cap: true, sortOrder: true } },
      },
    }),
    db.kpiAdjustment.findMany({
      where: { periodId, ...(smallFilter ? { employeeId: { in: smallFilter } } : {}) },
      select: { employeeId: true, kpiId: true, weight: true, threshold: true, target: true, stretch: true, cap: true, excluded: true },
    }),
    db.kpiTeamTarget.findMany({
      where: { periodId },
      select: {
        id: true,
        kpiId: true,
        threshold: true,
        target: true,
        stretch: true,
        cap: true,
        actual: true,
        members: { select: { employeeId: true, share: true, employee: { select: { employeeNo: true } } } },
      },
    }),
  ]);
  const planByPosition = new Map<string, PlanItem[]>(
    plans.map((p) => [
      p.positionId,
      p.items
        .map((i) => ({ ...i, threshold: Number(i.threshold), target: Number(i.target), stretch: Number(i.stretch) }))
        .sort((a, b) => a.sortOrder - b.sortOrder),
    ]),
  );
  const adjustments = new Map<string, Adjustment[]>();
  for (const a of adjustmentRows) {
    if (filter && !filter.has(a.employeeId)) continue;
    const list = adjustments.get(a.employeeId) ?? [];
    list.push({
      kpiId: a.kpiId,
      weight: a.weight,
      threshold: n(a.threshold),
      target: n(a.target),
      stretch: n(a.stretch),
      cap: a.cap,
      excluded: a.excluded,
    });
    adjustments.set(a.employeeId, list);
  }
  const teams = new Map<string, TeamLine[]>();
  for (const t of teamRows) {
    for (const m of t.members) {
      if (filter && !filter.has(m.employeeId)) continue;
      const list = teams.get(m.employeeId) ?? [];
      list.push({
        teamTargetId: t.id,
        kpiId: t.kpiId,
        threshold: Number(t.threshold),
        target: Number(t.target),
        stretch: Number(t.stretch),
        cap: t.cap,
        actual: n(t.actual),
        share: m.share,
      });
      teams.set(m.employeeId, list);
    }
  }

  // The people appraised: employees whose position has a plan and who are active or left
  // during or after the period (a leaver is paid for their days, so their work is scored),
  // anyone with an adjustment, and anyone explicitly asked for (unless `appraisedOnly`).
  const firstDay = period?.firstDay ?? "";
  const appraised = (e: { id: string; positionId: string; active: boolean; leftOn: string | null }) =>
    ((e.active || (e.leftOn !== null && e.leftOn >= firstDay)) && planByPosition.has(e.positionId)) || adjustments.has(e.id);
  const employees = smallFilter
    ? (
        await db.employee.findMany({
          where: { id: { in: smallFilter } },
          select: { id: true, positionId: true, active: true, leftOn: true },
        })
      )
        .map((e) => ({ ...e, leftOn: e.leftOn ? e.leftOn.toISOString().slice(0, 10) : null }))
        .filter((e) => !options.appraisedOnly || appraised(e))
    : (await allEmployees(db)).filter(appraised);
  const lines = new Map<string, EffectiveLine[]>();
  // Most people have their position's plan unchanged: they share one resolved (read-only) list.
  const shared = new Map<string, EffectiveLine[]>();
  for (const e of employees) {
    if (filter && !filter.has(e.id)) continue;
    const own = adjustments.get(e.id);
    const team = teams.get(e.id);
    let resolved: EffectiveLine[];
    if (own || team) resolved = resolveLines(planByPosition.get(e.positionId) ?? [], own ?? [], team ?? []);
    else {
      resolved = shared.get(e.positionId) ?? resolveLines(planByPosition.get(e.positionId) ?? [], []);
      shared.set(e.positionId, resolved);
    }
    if (resolved.length) lines.set(e.id, resolved);
  }

  const actuals = await loadActuals(db, periodId, smallFilter);
  return {
    kpis,
    lines,
    actuals,
    teams: teamRows.map((t) => ({
      kpiId: t.kpiId,
      actual: n(t.actual),
      members: t.members.map((m) => ({ employeeId: m.employeeId, employeeNo: m.employee.employeeNo, share: m.share })),
    })),
  };
}

/** Every employee's id, position, status and leaving day (100,000 of them for a pay run). */
async function allEmployees(db: Db) {
  const rows = await readPacked(db, employeePositions);
  return rows.map(([id, positionId, active, leftOn]) => ({ id, positionId, active: active === "1", leftOn: leftOn || null }));
}

/**
 * Actuals by employee and KPI id. A whole period (a pay run reads 800,000 rows) comes back
 * as one string built by SQLite, because per-row overhead in the driver dominates otherwise;
 * a short list of employees is read row by row.
 */
export async function loadActuals(db: Db, periodId: string, employeeIds: string[] | null, kpiIds?: string[]) {
  const actuals = new Map<string, Map<string, number>>();
  if (employeeIds) {
    const { query, args } = actualsOf(periodId, employeeIds, kpiIds);
    for (const r of await queryRows(db, query, args)) {
      let m = actuals.get(r.employeeId);
      if (!m) actuals.set(r.employeeId, (m = new Map()));
      m.set(r.kpiId, r.value);
    }
    return actuals;
  }
  const ids = kpiIds ?? (await db.kpi.findMany({ select: { id: true } })).map((k) => k.id);
  if (ids.length === 0) return actuals;
  const { query, args } = packedPeriodActuals(periodId, ids);
  const row = await firstRow(db, query, args);
  if (!row?.packed) return actuals;
  for (const line of row.packed.split(";")) {
    const colon = line.indexOf(":");
    const values = line.slice(colon + 1).split(",");
    const m = new Map<string, number>();
    for (let i = 0; i < values.length; i += 2) m.set(ids[Number(values[i])], Number(values[i + 1]));
    actuals.set(line.slice(0, colon), m);
  }
  return actuals;
}
