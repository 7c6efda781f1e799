import type { Direction, KpiKind } from "./scoring";

/** A KPI as the scoring needs it. */
export type KpiInfo = {
  id: string;
  code: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  direction: Direction;
  kind: KpiKind;
  basicWork: boolean;
};

export type PlanItem = {
  kpiId: string;
  weight: number;
  threshold: number;
  target: number;
  stretch: number;
  cap: number;
  sortOrder: number;
};
export type Adjustment = {
  kpiId: string;
  weight: number | null;
  threshold: number | null;
  target: number | null;
  stretch: number | null;
  cap: number | null;
  excluded: boolean;
};
export type TeamLine = {
  teamTargetId: string;
  kpiId: string;
  threshold: number;
  target: number;
  stretch: number;
  cap: number;
  actual: number | null;
  share: number;
};

/** One line of an employee's plan after adjustments and joint targets. */
export type EffectiveLine = {
  kpiId: string;
  weight: number;
  threshold: number;
  target: number;
  stretch: number;
  cap: number;
  sortOrder: number;
  adjusted: boolean;
  /** Set when the line is a joint KPI: the team's target and actual replace the employee's own. */
  team: { teamTargetId: string; actual: number | null; share: number } | null;
};

/**
 * The employee's lines: the position plan, each line overlaid by the employee's adjustment
 * for that KPI (null fields inherit, `excluded` drops it), plus KPIs added by a complete
 * adjustment; then joint targets replace the curve of the line for their KPI.
 */
export function resolveLines(planItems: PlanItem[], adjustments: Adjustment[], teams: TeamLine[] = []): EffectiveLine[] {
  const byKpi = new Map(adjustments.map((a) => [a.kpiId, a]));
  const lines: EffectiveLine[] = [];
  for (const item of planItems) {
    const a = byKpi.get(item.kpiId);
    if (a?.excluded) continue;
    lines.push({
      kpiId: item.kpiId,
      weight: a?.weight ?? item.weight,
      threshold: a?.threshold ?? item.threshold,
      target: a?.target ?? item.target,
      stretch: a?.stretch ?? item.stretch,
      cap: a?.cap ?? item.cap,
      sortOrder: item.sortOrder,
      adjusted: Boolean(a),
      team: null,
    });
  }
  const inPlan = new Set(planItems.map((i) => i.kpiId));
  for (const a of adjustments) {
    if (inPlan.has(a.kpiId) || a.excluded) continue;
    if (a.weight === null || a.threshold === null || a.target === null || a.stretch === null || a.cap === null) continue;
    lines.push({
      kpiId: a.kpiId,
      weight: a.weight,
      threshold: a.threshold,
      target: a.target,
      stretch: a.stretch,
      cap: a.cap,
      sortOrder: 1000,
      adjusted: true,
      team: null,
    });
  }
  for (const team of teams) {
    const line = lines.find((l) => l.kpiId === team.kpiId);
    if (!line) continue;
    Object.assign(line, {
      threshold: team.threshold,
      target: team.target,
      stretch: team.stretch,
      cap: team.cap,
      team: { teamTargetId: team.teamTargetId, actual: team.actual, share: team.share },
    });
  }
  return lines;
}
