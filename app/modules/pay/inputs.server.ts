import type { Db } from "~/utils/db.server";
import { loadPeriodData } from "~/modules/kpi/period-data.server";
import { actualsByCode, scoreFromData } from "~/modules/kpi/scores.server";
import { packedRows } from "~/utils/packed-rows.server";
import { schemeKpiCodes, type EmployeeInputs, type RunParams } from "./payroll";

export type KpiNames = Record<string, { nameZh: string; nameEn: string; unit?: string }>;

/**
 * Everything a run needs about the appraised employees, in a handful of reads: their scores
 * and KPI lines, the actuals the schemes read (from the same read of the period), and their
 * unit, level and post value.
 * Sorted by employee number: the stable order for pool remainders.
 */
export async function gatherInputs(db: Db, periodId: string, params: RunParams, employeeIds?: string[]): Promise<{ inputs: EmployeeInputs[]; kpiNames: KpiNames }> {
  const codes = schemeKpiCodes(params);
  const [data, employeeRows] = await Promise.all([
    loadPeriodData(db, periodId, employeeIds),
    packedRows(
      db,
      [`e."id"`, `e."employeeNo"`, `e."unitId"`, `u."path"`, `e."track"`, `e."level"`, `p."code"`, `p."postValue"`],
      `FROM "Employee" e JOIN "Unit" u ON u."id" = e."unitId" JOIN "Position" p ON p."id" = e."positionId"`,
    ),
  ]);
  const { scores, missing, malformed } = scoreFromData(data);
  const actuals = codes.length ? actualsByCode(data, codes, data.lines) : new Map<string, Map<string, number>>();
  const employees = employeeRows.map(([id, employeeNo, unitId, path, track, level, positionCode, postValue]) => ({ id, employeeNo, unitId, path, track, level, positionCode, postValue }));
  const missingBy = new Map<string, string[]>();
  for (const m of missing) {
    const list = missingBy.get(m.employeeId) ?? [];
    list.push(m.kpiCode);
    missingBy.set(m.employeeId, list);
  }
  const malformedBy = new Map<string, string[]>();
  for (const m of malformed) malformedBy.set(m.employeeId, [...(malformedBy.get(m.employeeId) ?? []), m.kpiCode]);
  const byId = new Map(employees.map((e) => [e.id, e]));
  const kpiNames: KpiNames = {};
  const inputs: EmployeeInputs[] = [];
  for (const s of scores) {
    const e = byId.get(s.employeeId);
    if (!e) continue;
    // Names are frozen once per run (kpiNames), not on each of 100,000 lines.
    for (const l of s.lines) kpiNames[l.code] ??= { nameZh: l.nameZh, nameEn: l.nameEn, unit: l.unit };
    inputs.push({
      employeeId: e.id,
      employeeNo: e.employeeNo,
      unitId: e.unitId,
      unitPath: e.path,
      track: e.track,
      level: e.level,
      positionCode: e.positionCode,
      postValue: Number(e.postValue),
      score: s.total,
      lines: s.lines,
      actuals: Object.fromEntries(actuals.get(e.id) ?? []),
      missing: missingBy.get(e.id) ?? [],
      ...(malformedBy.has(e.id) ? { malformed: malformedBy.get(e.id) } : {}),
    });
  }
  inputs.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0));
  return { inputs, kpiNames };
}
