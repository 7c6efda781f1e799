import type { Db } from "~/utils/db.server";
import { loadPeriodData } from "~/modules/kpi/period-data.server";
import { actualsByCode, scoreFromData } from "~/modules/kpi/scores.server";
import { readPacked } from "~/utils/packed-rows.server";
import { schemeKpiCodes, type RunParams } from "./payroll";
import { inputsPacker, type PackedLine, type PrepackedInputs } from "./line-snapshot";
import { dayNumber } from "./prorate";
import { runEmployees } from "./queries.server";

export type KpiNames = Record<string, { nameZh: string; nameEn: string; unit?: string }>;

/**
 * Everything a run needs about the appraised employees, in a handful of reads: their scores
 * and KPI lines, the actuals the schemes read (from the same read of the period), and their
 * unit, level and post value.
 * Sorted by employee number: the stable order for pool remainders. KPI lines are packed as they
 * are scored, against the run's table of curves (`packer`), so no line object is built for
 * 100,000 people: the computation never reads them, the payslip unpacks them.
 */
export async function gatherInputs(
  db: Db,
  periodId: string,
  params: RunParams,
  options: { period?: { startsOn: Date; endsOn: Date }; calibrated?: Map<string, string> } = {},
): Promise<{ inputs: PrepackedInputs[]; kpiNames: KpiNames; packer: ReturnType<typeof inputsPacker> }> {
  const codes = schemeKpiCodes(params);
  const packer = inputsPacker(codes);
  const kpiNames: KpiNames = {};
  const packedLines = new Map<string, PackedLine[]>();
  let current: PackedLine[] = [];
  let currentId = "";
  const [data, employeeRows] = await Promise.all([loadPeriodData(db, periodId), readPacked(db, runEmployees)]);
  const { scores, missing, malformed } = scoreFromData(data, {
    onLine(employeeId, line, kpi, actual, score) {
      if (employeeId !== currentId) packedLines.set((currentId = employeeId), (current = []));
      const curve = packer.curveOf(line, () => {
        // Names are frozen once per run (kpiNames), not on each of 100,000 lines.
        kpiNames[kpi.code] ??= { nameZh: kpi.nameZh, nameEn: kpi.nameEn, unit: kpi.unit };
        const { weight, threshold, target, stretch, cap } = line;
        return { code: kpi.code, weight, threshold, target, stretch, cap, direction: kpi.direction, kind: kpi.kind, unit: kpi.unit };
      });
      current.push([curve, actual, score]);
    },
  });
  const actuals = codes.length ? actualsByCode(data, codes, data.lines) : new Map<string, Map<string, number>>();
  const employees = employeeRows.map(([id, employeeNo, unitId, path, track, level, positionCode, postValue, hiredOn]) => ({
    id,
    employeeNo,
    unitId,
    path,
    track,
    level,
    positionCode,
    postValue,
    hiredOn,
  }));
  // Pro-rating: a joiner is paid from the hire date (both ends of the period inclusive).
  const periodStart = options.period ? dayNumber(options.period.startsOn) : null;
  const periodEnd = options.period ? dayNumber(options.period.endsOn) : null;
  // Most people share a few hire dates: each is turned into days once.
  const daysByHireDate = new Map<string, number | undefined>();
  const daysOf = (hiredOn: string) => {
    if (periodStart === null || periodEnd === null || !hiredOn) return undefined;
    if (daysByHireDate.has(hiredOn)) return daysByHireDate.get(hiredOn);
    const hired = dayNumber(`${hiredOn}T00:00:00Z`);
    const days = hired > periodStart ? Math.max(0, periodEnd - hired + 1) : undefined;
    daysByHireDate.set(hiredOn, days);
    return days;
  };
  const missingBy = new Map<string, string[]>();
  for (const m of missing) {
    const list = missingBy.get(m.employeeId) ?? [];
    list.push(m.kpiCode);
    missingBy.set(m.employeeId, list);
  }
  const malformedBy = new Map<string, string[]>();
  for (const m of malformed) malformedBy.set(m.employeeId, [...(malformedBy.get(m.employeeId) ?? []), m.kpiCode]);
  const byId = new Map(employees.map((e) => [e.id, e]));
  const inputs: PrepackedInputs[] = [];
  for (const s of scores) {
    const e = byId.get(s.employeeId);
    if (!e) continue;
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
      packedLines: packedLines.get(e.id) ?? [],
      actuals: Object.fromEntries(actuals.get(e.id) ?? []),
      missing: missingBy.get(e.id) ?? [],
      ...(malformedBy.has(e.id) ? { malformed: malformedBy.get(e.id) } : {}),
    });
    const days = daysOf(e.hiredOn);
    if (days !== undefined) inputs[inputs.length - 1].days = days;
    const rating = options.calibrated?.get(e.id);
    if (rating !== undefined) inputs[inputs.length - 1].rating = rating;
  }
  inputs.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0));
  return { inputs, kpiNames, packer };
}
