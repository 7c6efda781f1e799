import { msg } from "~/utils/i18n";
import { curveProblem, FOCUS_LIMIT, weightProblem, type Direction } from "./scoring";
import { parseValue } from "./units";

export type TypedLine = { kpiId: string; weight: number; threshold: string; target: string; stretch: string; cap: number };
export type KpiRef = { id: string; code: string; unit: string; direction: Direction; kind: string; active: boolean };
export type CheckedLine = { kpiId: string; weight: number; threshold: number; target: number; stretch: number; cap: number };

/** A rated KPI is scored from the rating alone; its curve fields are fixed for display. */
export const RATED_CURVE = { threshold: 1, target: 4, stretch: 5 } as const;

/**
 * Checks a plan's lines: known KPIs, each once, values in the KPI's unit, a well-formed
 * curve, weights totalling 100. Errors are keyed by form field ("lines[2].target"); too
 * many KPIs is a warning only.
 */
export function checkPlanLines(lines: TypedLine[], kpis: Map<string, KpiRef>) {
  const errors: Record<string, string[]> = {};
  const add = (field: string, message: string) => (errors[field] ??= []).push(message);
  const checked: CheckedLine[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const kpi = kpis.get(line.kpiId);
    if (!kpi || !kpi.active) return add(`lines[${i}].kpiId`, msg("kpi.errors.unknownKpi", { code: line.kpiId }));
    if (seen.has(kpi.id)) return add(`lines[${i}].kpiId`, msg("kpi.errors.duplicateKpi", { code: kpi.code }));
    seen.add(kpi.id);
    if (kpi.kind === "rated") {
      checked.push({ kpiId: kpi.id, weight: line.weight, ...RATED_CURVE, cap: line.cap });
      return;
    }
    const values = {
      threshold: parseValue(kpi.unit, line.threshold),
      target: parseValue(kpi.unit, line.target),
      stretch: parseValue(kpi.unit, line.stretch),
    };
    let ok = true;
    for (const [field, value] of Object.entries(values)) {
      if (value === null) {
        add(`lines[${i}].${field}`, msg("kpi.errors.value"));
        ok = false;
      }
    }
    if (!ok) return;
    const curve = {
      direction: kpi.direction,
      threshold: values.threshold!,
      target: values.target!,
      stretch: values.stretch!,
      cap: line.cap,
    };
    const problem = curveProblem(curve);
    if (problem === "order")
      return add(`lines[${i}].target`, msg(kpi.direction === "higher" ? "kpi.errors.orderHigher" : "kpi.errors.orderLower"));
    if (problem === "cap") return add(`lines[${i}].cap`, msg("kpi.errors.cap"));
    checked.push({
      kpiId: kpi.id,
      weight: line.weight,
      threshold: curve.threshold,
      target: curve.target,
      stretch: curve.stretch,
      cap: curve.cap,
    });
  });
  const weights = weightProblem(lines.map((l) => l.weight));
  if (weights === "total") add("lines", msg("kpi.errors.weightTotal", { total: lines.reduce((a, l) => a + l.weight, 0) }));
  if (weights === "empty") add("lines", msg("kpi.errors.noLines"));
  const warnings = lines.length > FOCUS_LIMIT ? [msg("kpi.warnings.tooManyKpis", { count: lines.length, limit: FOCUS_LIMIT })] : [];
  return { errors, warnings, lines: Object.keys(errors).length ? [] : checked };
}
