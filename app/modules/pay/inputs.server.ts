import type { Db } from "~/utils/db.server";
import { loadPeriodData } from "~/modules/kpi/period-data.server";
import { actualsByCode, scoreFromData } from "~/modules/kpi/scores.server";
import { readPacked } from "~/utils/packed-rows.server";
import { schemeKpiCodes, type RunParams } from "./payroll";
import { inputsPacker, type PackedLine, type PrepackedInputs } from "./line-snapshot";
import { dayNumber, daysInclusive, employedDays } from "./prorate";
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
  const employees = employeeRows.map(([id, employeeNo, unitId, path, track, level, positionCode, postValue, hiredOn, leftOn]) => ({
    id,
    employeeNo,
    unitId,
    path,
    track,
    level,
    positionCode,
    postValue,
    hiredOn,
    leftOn,
  }));
  // Pro-rating: a joiner is paid from the hire date, a leaver up to the last day worked (both
  // ends inclusive); someone who left before the period began is not paid in it.
  const span = options.period ? { startsOn: options.period.startsOn, endsOn: options.period.endsOn } : null;
  const periodStart = span ? dayNumber(span.startsOn) : null;
  const periodEnd = span ? dayNumber(span.endsOn) : null;
  const periodDays = span ? daysInclusive(span.startsOn, span.endsOn) : 0;
  // Most people share a few hire dates and have no leaving date: each hire date is turned into
  // days once; the few leavers are cached by the pair of dates.
  const daysByHireDate = new Map<string, number | undefined>();
  const daysOf = (hiredOn: string) => {
    if (periodStart === null || periodEnd === null || !hiredOn) return undefined;
    if (daysByHireDate.has(hiredOn)) return daysByHireDate.get(hiredOn);
    const hired = dayNumber(`${hiredOn}T00:00:00Z`);
    const days = hired > periodStart ? Math.max(0, periodEnd - hired + 1) : undefined;
    daysByHireDate.set(hiredOn, days);
    return days;
  };
  /** A leaver's days: undefined for the whole period, null when they left before it began. */
  const leaverDays = new Map<string, number | null | undefined>();
  const leaverDaysOf = (hiredOn: string, leftOn: string) => {
    const key = `${hiredOn}/${leftOn}`;
    if (leaverDays.has(key)) return leaverDays.get(key);
    const left = dayNumber(`${leftOn}T00:00:00Z`);
    const days =
      left < periodStart! ? null : employedDays(span!, { hiredOn: hiredOn ? `${hiredOn}T00:00:00Z` : null, leftOn: `${leftOn}T00:00:00Z` });
    const result = days === periodDays ? undefined : days;
    leaverDays.set(key, result);
    return result;
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
    let days: number | null | undefined;
    if (e.leftOn && span) {
      days = leaverDaysOf(e.hiredOn, e.leftOn);
      if (days === null) continue;
    } else days = daysOf(e.hiredOn);
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
    if (days !== undefined) inputs[inputs.length - 1].days = days;
    // The leaving date is kept for the payslip when it cut the period short.
    if (e.leftOn && periodEnd !== null && dayNumber(`${e.leftOn}T00:00:00Z`) < periodEnd) inputs[inputs.length - 1].leftOn = e.leftOn;
    const rating = options.calibrated?.get(e.id);
    if (rating !== undefined) inputs[inputs.length - 1].rating = rating;
  }
  inputs.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0));
  return { inputs, kpiNames, packer };
}
