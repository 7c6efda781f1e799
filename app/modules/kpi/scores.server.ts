import type { Db } from "~/utils/db.server";
import { splitTeamQuantity } from "./joint";
import type { EffectiveLine, KpiInfo } from "./lines";
import { loadActuals, loadKpis, loadPeriodData, type PeriodData } from "./period-data.server";
import { curveProblem, curveScoreUnchecked, divideHalfUp, ratingScore, type Curve, type CurveProblem, type KpiKind } from "./scoring";

export { importActuals } from "./actuals.server";

/** Scores are integers in hundredths of a point: 8750 = 87.50 points. Weights are integer percent (sum 100). */
export type KpiLineScore = {
  kpiId: string;
  code: string;
  nameZh: string;
  nameEn: string;
  weight: number;
  threshold: number;
  target: number;
  stretch: number;
  cap: number;
  direction: "higher" | "lower";
  actual: number | null;
  score: number | null;
  /** Beyond the contract: what a breakdown or what-if needs to explain the line. */
  kind: KpiKind;
  unit: string;
  basicWork: boolean;
  /** A joint KPI: `actual` and the curve are the team's; `share` is the member's agreed share. */
  joint: { teamTargetId: string; share: number } | null;
  /** Why the line's curve cannot score (then `score` is null and HR repairs the line); null when well-formed. */
  problem: CurveProblem | null;
};
export type EmployeeScore = { employeeId: string; total: number | null; lines: KpiLineScore[] };
export type MissingActual = { employeeId: string; kpiCode: string };
export type MalformedLine = { employeeId: string; kpiCode: string; problem: CurveProblem };

/** Each scored line, employee by employee in plan order: the shared line, its KPI, the actual and the score. */
export type LineVisitor = (employeeId: string, line: EffectiveLine, kpi: KpiInfo, actual: number | null, score: number | null) => void;

type LineInfo = { kpi: KpiInfo; curve: Curve & { kind: KpiKind }; problem: CurveProblem | null };

/**
 * Scores every line from data already loaded; shared by the period and employee views. A line
 * whose curve cannot score (say threshold = target) has no score and is listed in `malformed`:
 * its employee has no total until HR repairs the line, and everyone else still scores.
 */
export function scoreFromData(
  data: PeriodData,
  options: { lines?: boolean; onLine?: LineVisitor } = {},
): { scores: EmployeeScore[]; missing: MissingActual[]; malformed: MalformedLine[] } {
  // Without lines (totals only: the training results read four quarters of a whole organisation) no line objects are built;
  // a caller that keeps lines its own way (the pay run, packed) is handed each one instead.
  const { onLine } = options;
  const withLines = options.lines ?? !onLine;
  const scores: EmployeeScore[] = [];
  const missing: MissingActual[] = [];
  const malformed: MalformedLine[] = [];
  // Lines are shared between people on an unchanged position plan: check each curve once.
  const info = new WeakMap<EffectiveLine, LineInfo>();
  const lineInfo = (line: EffectiveLine) => {
    let found = info.get(line);
    if (!found) {
      const kpi = data.kpis.get(line.kpiId)!;
      const curve = {
        direction: kpi.direction,
        kind: kpi.kind,
        threshold: line.threshold,
        target: line.target,
        stretch: line.stretch,
        cap: line.cap,
      };
      const problem = kpi.kind === "rated" ? null : curveProblem(curve);
      info.set(line, (found = { kpi, curve, problem }));
    }
    return found;
  };
  for (const [employeeId, lines] of data.lines) {
    const own = data.actuals.get(employeeId);
    const scored: KpiLineScore[] = withLines ? new Array(lines.length) : [];
    let weighted = 0;
    let complete = lines.length > 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i];
      const { kpi, curve, problem } = lineInfo(line);
      const actual = line.team ? line.team.actual : (own?.get(line.kpiId) ?? null);
      let score: number | null = null;
      if (problem) {
        malformed.push({ employeeId, kpiCode: kpi.code, problem });
        complete = false;
      } else if (actual === null) {
        missing.push({ employeeId, kpiCode: kpi.code });
        complete = false;
      } else {
        score = kpi.kind === "rated" ? ratingScore(actual, line.cap) : curveScoreUnchecked(curve, actual);
        weighted += line.weight * score;
      }
      if (onLine) onLine(employeeId, line, kpi, actual, score);
      if (!withLines) continue;
      scored[i] = {
        kpiId: line.kpiId,
        code: kpi.code,
        nameZh: kpi.nameZh,
        nameEn: kpi.nameEn,
        weight: line.weight,
        threshold: line.threshold,
        target: line.target,
        stretch: line.stretch,
        cap: line.cap,
        direction: kpi.direction,
        actual,
        score,
        kind: kpi.kind,
        unit: kpi.unit,
        basicWork: kpi.basicWork,
        joint: line.team ? { teamTargetId: line.team.teamTargetId, share: line.team.share } : null,
        problem,
      };
    }
    scores.push({ employeeId, total: complete ? divideHalfUp(weighted, 100) : null, lines: scored });
  }
  return { scores, missing, malformed };
}

/**
 * Every appraised employee's line scores and weighted total for a period. A missing actual
 * gives a null score and total and is listed in `missing` for HR: never a silent zero.
 */
export async function periodScores(db: Db, periodId: string, options?: { employeeIds?: string[] }) {
  const data = await loadPeriodData(db, periodId, options?.employeeIds);
  return scoreFromData(data);
}

/** Every appraised employee's weighted total for a period (those with one), without the lines. */
export async function periodTotals(db: Db, periodId: string): Promise<Map<string, number>> {
  const { scores } = scoreFromData(await loadPeriodData(db, periodId), { lines: false });
  const totals = new Map<string, number>();
  for (const s of scores) if (s.total !== null) totals.set(s.employeeId, s.total);
  return totals;
}

/**
 * Raw actuals by employee and KPI code. For a joint KPI a member is credited their agreed
 * share of the team actual (the parts add up exactly to the team actual).
 */
export async function periodActuals(
  db: Db,
  periodId: string,
  options?: { employeeIds?: string[]; kpiCodes?: string[] },
): Promise<Map<string, Map<string, number>>> {
  const kpis = await loadKpis(db);
  const wanted = options?.kpiCodes ? new Set(options.kpiCodes) : null;
  const kpiIds = wanted ? [...kpis.values()].filter((k) => wanted.has(k.code)).map((k) => k.id) : undefined;
  const small = options?.employeeIds && options.employeeIds.length <= 500 ? options.employeeIds : null;
  const [actuals, teams] = await Promise.all([
    loadActuals(db, periodId, small, kpiIds),
    db.kpiTeamTarget.findMany({
      where: { periodId, ...(kpiIds ? { kpiId: { in: kpiIds } } : {}) },
      select: {
        kpiId: true,
        actual: true,
        members: { select: { employeeId: true, share: true, employee: { select: { employeeNo: true } } } },
      },
    }),
  ]);
  const data = {
    kpis,
    actuals,
    teams: teams.map((t) => ({
      kpiId: t.kpiId,
      actual: t.actual === null ? null : Number(t.actual),
      members: t.members.map((m) => ({ employeeId: m.employeeId, employeeNo: m.employee.employeeNo, share: m.share })),
    })),
  };
  return actualsByCode(data, options?.kpiCodes, options?.employeeIds ? new Set(options.employeeIds) : undefined);
}

/** `periodActuals` from data already loaded (a pay run reads the period once for scores and actuals). */
export function actualsByCode(
  data: Pick<PeriodData, "kpis" | "actuals" | "teams">,
  kpiCodes?: string[],
  employees?: { has(id: string): boolean },
) {
  const wanted = kpiCodes ? new Set(kpiCodes) : null;
  const result = new Map<string, Map<string, number>>();
  const put = (employeeId: string, kpiId: string, value: number) => {
    const code = data.kpis.get(kpiId)!.code;
    if ((wanted && !wanted.has(code)) || (employees && !employees.has(employeeId))) return;
    let m = result.get(employeeId);
    if (!m) result.set(employeeId, (m = new Map()));
    m.set(code, value);
  };
  for (const [employeeId, values] of data.actuals) for (const [kpiId, value] of values) put(employeeId, kpiId, value);
  for (const t of data.teams) {
    if (t.actual === null) continue;
    for (const [employeeId, part] of splitTeamQuantity(t.actual, t.members)) put(employeeId, t.kpiId, part);
  }
  return result;
}

/**
 * Average weighted total over the employee's last `count` closed periods of a kind
 * (quarters unless told), over the periods in which they have a total; null when none.
 */
export async function averageTotalScore(db: Db, employeeId: string, count: number, kind: "month" | "quarter" | "year" = "quarter") {
  const periods = await db.appraisalPeriod.findMany({
    where: { kind, status: "closed" },
    orderBy: { endsOn: "desc" },
    take: Math.max(0, count),
    select: { id: true },
  });
  const totals: number[] = [];
  for (const p of periods) {
    const { scores } = await periodScores(db, p.id, { employeeIds: [employeeId] });
    const total = scores[0]?.total;
    if (total !== null && total !== undefined) totals.push(total);
  }
  if (totals.length === 0) return { average: null, periods: 0 };
  return {
    average: divideHalfUp(
      totals.reduce((a, b) => a + b, 0),
      totals.length,
    ),
    periods: totals.length,
  };
}
