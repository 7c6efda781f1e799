import { audit } from "~/modules/audit/audit.server";
import { dialectOf, sqliteDate, type Db } from "~/utils/db.server";
import { msg } from "~/utils/i18n";
import { readPacked } from "~/utils/packed-rows.server";
import { loadPeriodData } from "./period-data.server";
import { employeeNumbers, upsertActuals } from "./queries.server";

export type ActualRowInput = { employeeNo: string; kpiCode: string; value: number };
export type ActualRowError = { row: number; field?: string; message: string };
export type ImportResult = { ok: true; upserted: number } | { ok: false; errors: ActualRowError[] };

export const MAX_ACTUAL_ROWS = 100_000;
const BATCH = 400;

/**
 * Validates every row first and imports nothing if any row is wrong; then upserts by
 * (period, employee, KPI) in one transaction, so importing the same file twice changes
 * nothing. Errors carry the CSV row number: row i of `rows` is line `firstRow + i`
 * (the header is line 1, so rows start at 2 unless told).
 */
export async function importActuals(
  db: Db,
  actorId: string,
  periodId: string,
  rows: ActualRowInput[],
  options: { firstRow?: number; source?: "csv" | "api" | "manual" } = {},
): Promise<ImportResult> {
  const firstRow = options.firstRow ?? 2;
  const source = options.source ?? "csv";
  const period = await db.appraisalPeriod.findUnique({ where: { id: periodId }, select: { status: true, startsOn: true } });
  if (!period) return { ok: false, errors: [{ row: 0, message: msg("kpi.errors.noPeriod") }] };
  if (period.status !== "open") return { ok: false, errors: [{ row: 0, message: msg("kpi.errors.periodClosed") }] };
  if (rows.length === 0) return { ok: false, errors: [{ row: 0, message: msg("import.errors.noRows") }] };
  if (rows.length > MAX_ACTUAL_ROWS)
    return { ok: false, errors: [{ row: 0, message: msg("import.errors.tooManyRows", { max: MAX_ACTUAL_ROWS }) }] };

  const firstDay = period.startsOn.toISOString().slice(0, 10);
  const [employees, kpis] = await Promise.all([
    readPacked(db, employeeNumbers).then((rows) =>
      // A leaver's actuals are taken for periods they worked in (they are paid for their days).
      rows.map(([id, employeeNo, active, leftOn]) => ({ id, employeeNo, active: active === "1" || (leftOn !== "" && leftOn >= firstDay) })),
    ),
    db.kpi.findMany({ select: { id: true, code: true, kind: true, active: true } }),
  ]);
  const employeeByNo = new Map(employees.map((e) => [e.employeeNo, e]));
  const kpiByCode = new Map(kpis.map((k) => [k.code, k]));
  const referenced = [
    ...new Set(rows.map((r) => employeeByNo.get(String(r.employeeNo).trim())?.id).filter((id): id is string => Boolean(id))),
  ];
  const plan = await loadPeriodData(db, periodId, referenced);

  const errors: ActualRowError[] = [];
  const seen = new Map<string, number>();
  const valid: { employeeId: string; kpiId: string; value: number }[] = [];
  rows.forEach((r, i) => {
    const row = firstRow + i;
    const employeeNo = typeof r.employeeNo === "string" ? r.employeeNo.trim() : "";
    const kpiCode = typeof r.kpiCode === "string" ? r.kpiCode.trim() : "";
    const employee = employeeByNo.get(employeeNo);
    const kpi = kpiByCode.get(kpiCode);
    let bad = false;
    if (!employee || !employee.active) {
      errors.push({ row, field: "employeeNo", message: msg("kpi.errors.unknownEmployee", { no: employeeNo || "—" }) });
      bad = true;
    }
    if (!kpi || !kpi.active) {
      errors.push({ row, field: "kpiCode", message: msg("kpi.errors.unknownKpi", { code: kpiCode || "—" }) });
      bad = true;
    }
    if (typeof r.value !== "number" || !Number.isSafeInteger(r.value) || Math.abs(r.value) > 1e15) {
      errors.push({ row, field: "value", message: msg("kpi.errors.value") });
      bad = true;
    } else if (kpi?.kind === "rated" && (r.value < 1 || r.value > 5)) {
      errors.push({ row, field: "value", message: msg("kpi.errors.rating") });
      bad = true;
    }
    if (bad || !employee || !kpi) return;
    // Actuals outside the plan are allowed: bonus schemes read inputs that are not scored.
    const line = plan.lines.get(employee.id)?.find((l) => l.kpiId === kpi.id);
    if (line?.team) {
      errors.push({ row, field: "kpiCode", message: msg("kpi.errors.jointActual", { code: kpiCode }) });
      return;
    }
    const key = `${employee.id}|${kpi.id}`;
    const other = seen.get(key);
    if (other) {
      errors.push({ row, message: msg("import.errors.duplicateInFile", { other }) });
      return;
    }
    seen.set(key, row);
    valid.push({ employeeId: employee.id, kpiId: kpi.id, value: r.value });
  });
  if (errors.length) return { ok: false, errors };

  const closed = await db.$transaction(
    async (tx) => {
      // Closing takes its turn like any write: checked again here, the period is still open.
      const now = await tx.appraisalPeriod.findUnique({ where: { id: periodId }, select: { status: true } });
      if (now?.status !== "open") return true;
      for (let start = 0; start < valid.length; start += BATCH) {
        await upsertActuals(tx, dialectOf(db), periodId, valid.slice(start, start + BATCH), {
          source,
          actorId,
          at: sqliteDate(new Date()),
        });
      }
      await audit(tx, {
        actorId,
        action: `kpi.actuals.${source}`,
        entity: "AppraisalPeriod",
        entityId: periodId,
        after: { rows: valid.length },
      });
      return false;
    },
    { timeout: 120_000 },
  );
  if (closed) return { ok: false, errors: [{ row: 0, message: msg("kpi.errors.periodClosed") }] };
  return { ok: true, upserted: valid.length };
}
