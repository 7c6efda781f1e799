import type { Db } from "~/utils/db.server";
import { periodActuals, periodScores } from "~/modules/kpi/scores.server";
import { schemeKpiCodes, type EmployeeInputs, type KpiLine, type RunParams } from "./payroll";

export type KpiNames = Record<string, { nameZh: string; nameEn: string; unit?: string }>;

type EmployeeRow = { id: string; employeeNo: string; unitId: string; path: string; track: string; level: string; positionCode: string; postValue: number | bigint };

/**
 * Everything a run needs about the appraised employees, in a handful of reads: their scores
 * and KPI lines, the actuals the schemes read, and their unit, level and post value.
 * Sorted by employee number: the stable order for pool remainders.
 */
export async function gatherInputs(db: Db, periodId: string, params: RunParams, employeeIds?: string[]): Promise<{ inputs: EmployeeInputs[]; kpiNames: KpiNames }> {
  const codes = schemeKpiCodes(params);
  const [{ scores, missing }, actuals, employees] = await Promise.all([
    periodScores(db, periodId, employeeIds ? { employeeIds } : undefined),
    codes.length ? periodActuals(db, periodId, { kpiCodes: codes, ...(employeeIds ? { employeeIds } : {}) }) : Promise.resolve(new Map<string, Map<string, number>>()),
    db.$queryRawUnsafe<EmployeeRow[]>(
      `SELECT e."id", e."employeeNo", e."unitId", u."path", e."track", e."level", p."code" AS "positionCode", p."postValue"
       FROM "Employee" e JOIN "Unit" u ON u."id" = e."unitId" JOIN "Position" p ON p."id" = e."positionId"`,
    ),
  ]);
  const missingBy = new Map<string, string[]>();
  for (const m of missing) {
    const list = missingBy.get(m.employeeId) ?? [];
    list.push(m.kpiCode);
    missingBy.set(m.employeeId, list);
  }
  const byId = new Map(employees.map((e) => [e.id, e]));
  const kpiNames: KpiNames = {};
  const inputs: EmployeeInputs[] = [];
  for (const s of scores) {
    const e = byId.get(s.employeeId);
    if (!e) continue;
    const lines: KpiLine[] = s.lines.map((l) => {
      kpiNames[l.code] ??= { nameZh: l.nameZh, nameEn: l.nameEn, unit: l.unit };
      // Names are frozen once per run (kpiNames), not on each of 100,000 lines.
      return {
        code: l.code,
        weight: l.weight,
        threshold: l.threshold,
        target: l.target,
        stretch: l.stretch,
        cap: l.cap,
        direction: l.direction,
        actual: l.actual,
        score: l.score,
        kind: l.kind,
        unit: l.unit,
      };
    });
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
      lines,
      actuals: Object.fromEntries(actuals.get(e.id) ?? []),
      missing: missingBy.get(e.id) ?? [],
    });
  }
  inputs.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0));
  return { inputs, kpiNames };
}
