import type { Db } from "~/utils/db.server";
import { importActuals, type ActualRowError, type ActualRowInput } from "~/modules/kpi/actuals.server";

export type ActualsOutcome =
  | { ok: true; received: number; changed: number; unchanged: number }
  | { ok: false; reason: "no_period" | "period_closed" }
  | { ok: false; reason: "invalid_rows"; errors: ActualRowError[] };

/**
 * Imports actuals for a period through the KPI module's own validation (all rows or none),
 * and says how many rows already held the same value, so a repeated call reports that it
 * changed nothing.
 */
export async function importActualsForPeriod(db: Db, actorId: string, periodId: string, rows: ActualRowInput[]): Promise<ActualsOutcome> {
  const period = await db.appraisalPeriod.findUnique({ where: { id: periodId }, select: { status: true } });
  if (!period) return { ok: false, reason: "no_period" };
  if (period.status !== "open") return { ok: false, reason: "period_closed" };
  const existing = await db.kpiActual.findMany({
    where: { periodId, employee: { employeeNo: { in: [...new Set(rows.map((r) => r.employeeNo))] } } },
    select: { value: true, employee: { select: { employeeNo: true } }, kpi: { select: { code: true } } },
  });
  const held = new Map(existing.map((a) => [`${a.employee.employeeNo}|${a.kpi.code}`, a.value]));
  const unchanged = rows.filter(
    (r) => Number.isSafeInteger(r.value) && held.get(`${r.employeeNo}|${r.kpiCode}`) === BigInt(r.value),
  ).length;
  if (unchanged === rows.length && new Set(rows.map((r) => `${r.employeeNo}|${r.kpiCode}`)).size === rows.length) {
    return { ok: true, received: rows.length, changed: 0, unchanged };
  }
  const result = await importActuals(db, actorId, periodId, rows, { firstRow: 0, source: "api" });
  if (!result.ok) return { ok: false, reason: "invalid_rows", errors: result.errors };
  return { ok: true, received: rows.length, changed: rows.length - unchanged, unchanged };
}
