import { bulkWrite, sqliteDate, type Db } from "~/utils/db.server";
import { eachPacked, readPacked } from "~/utils/packed-rows.server";
import { firstRow, rows as queryRows } from "~/utils/sql.server";
import {
  closedPeriods,
  deleteKeptTotals,
  employeeChangeCount,
  employeesBesideKeptTotals,
  insertKeptTotals,
  keptTotals,
  keptTotalsStateOf,
  kpiDefinitionsStamp,
  periodClosing,
  saveKeptTotalsState,
} from "./queries.server";
import { loadPeriodData } from "./period-data.server";
import { periodTotals, scoreFromData } from "./scores.server";

/** Rows per INSERT when storing totals: each statement carries its rows as one JSON text. */
const INSERT_CHUNK = 20_000;

/**
 * What a closed period's totals depend on besides its own (frozen) plans, adjustments, joint
 * targets and actuals: when it was closed (a reopened and closed-again period gets another key)
 * and the KPI definitions (direction and kind shape every curve).
 */
async function totalsKey(db: Db, closedAt: string | null) {
  const kpis = (await firstRow(db, kpiDefinitionsStamp))!;
  return `${String(closedAt)}|${kpis.n}|${kpis.at ?? ""}`;
}

/**
 * Every appraised employee's weighted total (hundredths of a point) for a period, those with
 * one. A closed period's kept totals (`keepPeriodTotals`, by the background job) are read back
 * when they still hold; otherwise (an open period, whose actuals still move, or kept totals
 * not yet brought up to date) the period is scored afresh. A read never writes. Either way the
 * result is exactly what `periodTotals` gives (tested).
 */
export async function closedPeriodTotals(db: Db, periodId: string): Promise<Map<string, number>> {
  if (!(await keptTotalsHold(db, periodId))) return periodTotals(db, periodId);
  const totals = new Map<string, number>();
  const kept = keptTotals(periodId);
  await eachPacked(db, kept, ([id, total]) => totals.set(id, Number(total)));
  return totals;
}

/**
 * Whether a period's kept totals (KpiPeriodTotal) can be read as they are ("holds": it is
 * closed, they were kept under its current key and no employee changed since), need bringing
 * up to date ("stale", the background job's work) or do not apply ("open"). A read.
 */
export async function keptTotalsState(db: Db, periodId: string): Promise<"open" | "holds" | "stale"> {
  const period = await firstRow(db, periodClosing, [periodId]);
  if (!period || period.status !== "closed") return "open";
  const [key, changes, state] = await Promise.all([
    totalsKey(db, period.closedAt),
    firstRow(db, employeeChangeCount).then((r) => r!),
    firstRow(db, keptTotalsStateOf, [periodId]),
  ]);
  return state?.key === key && state.employeeChanges === changes.count ? "holds" : "stale";
}

export async function keptTotalsHold(db: Db, periodId: string) {
  return (await keptTotalsState(db, periodId)) === "holds";
}

/** Background work: brings every closed period's kept totals up to date. Returns the periods brought up to date. */
export async function keepClosedPeriodTotals(db: Db) {
  const closed = await queryRows(db, closedPeriods);
  let kept = 0;
  for (const { id } of closed) if ((await keptTotalsState(db, id)) === "stale" && (await keepPeriodTotals(db, id))) kept++;
  return kept;
}

/**
 * Brings a closed period's kept totals (KpiPeriodTotal) up to date and says whether they are:
 * false for an open period, which keeps none. When employees have changed since the totals were
 * last checked (EmployeeChangeCount, kept by triggers), each kept row is compared with its
 * employee: people whose position or status differs, or who are new, are scored again; rows of
 * removed employees go. Afterwards every employee has one row, with a total or none, computed
 * under their current position and status: SQL may join the table as the period's totals.
 */
export async function keepPeriodTotals(db: Db, periodId: string): Promise<boolean> {
  const period = await firstRow(db, periodClosing, [periodId]);
  if (!period || period.status !== "closed") return false;
  // The change count is read before the employees: a change after it makes the next read check again.
  const [key, changes, state] = await Promise.all([
    totalsKey(db, period.closedAt),
    firstRow(db, employeeChangeCount).then((r) => r!),
    firstRow(db, keptTotalsStateOf, [periodId]),
  ]);
  const fresh = state?.key === key;
  if (fresh && state.employeeChanges === changes.count) return true;

  // Everyone as they are now, beside their kept row (when the kept totals still hold).
  const beside = employeesBesideKeptTotals(periodId, fresh);
  const rows = await readPacked(db, beside);
  const changed: KeptRow[] = [];
  for (const [id, positionId, active, kept, keptPosition, keptActive] of rows) {
    if (kept !== "1" || keptPosition !== positionId || keptActive !== active) changed.push({ id, positionId, active, total: null });
  }
  if (changed.length > 0) {
    const everyone = changed.length === rows.length;
    const data = await loadPeriodData(db, periodId, everyone ? undefined : changed.map((r) => r.id), { appraisedOnly: true });
    const computed = new Map(scoreFromData(data, { lines: false }).scores.map((s) => [s.employeeId, s.total]));
    for (const row of changed) row.total = computed.get(row.id) ?? null;
  }
  return store(db, periodId, { key, closedAt: period.closedAt, employeeChanges: changes.count, replace: !fresh }, changed);
}

type KeptRow = { id: string; positionId: string; active: string; total: number | null };

/**
 * Writes the changed rows, unless the period was reopened (or closed again) meanwhile (then
 * false: nothing is kept). Everyone read is kept, appraised or not, so that a person who joins
 * the appraised later (moved to a position with a plan) shows up as changed.
 */
async function store(
  db: Db,
  periodId: string,
  as: { key: string; closedAt: string | null; employeeChanges: number; replace: boolean },
  rows: KeptRow[],
): Promise<boolean> {
  // In key order each B-tree insert lands next to the one before it.
  const ordered = [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return bulkWrite(db, async (tx) => {
    const period = await firstRow(tx, periodClosing, [periodId]);
    if (!period || period.status !== "closed" || String(period.closedAt) !== String(as.closedAt)) return false;
    await deleteKeptTotals(tx, periodId, as.replace);
    for (let i = 0; i < ordered.length; i += INSERT_CHUNK) {
      const chunk = ordered
        .slice(i, i + INSERT_CHUNK)
        .map((r): [string, string, number, number | null] => [r.id, r.positionId, Number(r.active), r.total]);
      await insertKeptTotals(tx, periodId, chunk);
    }
    await saveKeptTotalsState(tx, periodId, as.key, as.employeeChanges, sqliteDate(new Date()));
    return true;
  });
}

/** Drops a period's stored totals (it was reopened: its actuals may change again). */
export async function discardPeriodTotals(tx: Pick<Db, "kpiPeriodTotal" | "kpiPeriodTotalsState">, periodId: string) {
  await tx.kpiPeriodTotal.deleteMany({ where: { periodId } });
  await tx.kpiPeriodTotalsState.deleteMany({ where: { periodId } });
}
