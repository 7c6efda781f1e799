/** What it takes to be promoted into a level; null means "no requirement". */
export type LevelCriteria = {
  minMonthsInLevel: number | null;
  /** Hundredths of a point. */
  minKpiAverage: number | null;
  kpiPeriods: number;
  minTrainingHours: number | null;
  requiredCourses: string[];
  requiredCertificates: string[];
  minRotations: number | null;
};

/** The facts about one employee; a source that does not exist (yet) is "unavailable". */
export type CareerFacts = {
  monthsInLevel: number | null;
  kpi: { average: number | null; periods: number } | "unavailable";
  training: { hoursLast12Months: number; completedCourseCodes: string[]; certificates: string[] } | "unavailable";
  rotations: { completedRotations: number; monthsRotated: number; types: string[] };
};

export const CRITERIA = ["monthsInLevel", "kpiAverage", "trainingHours", "courses", "certificates", "rotations"] as const;
export type Criterion = (typeof CRITERIA)[number] | "quota";

/** met, missing (with why), or noData: the fact is not known, which is never "met". */
export type CriterionStatus = "met" | "missing" | "noData";

export type CriterionResult = {
  criterion: Criterion;
  status: CriterionStatus;
  required: number | string[];
  actual: number | string[] | null;
  /** For missing lists: what is still missing. */
  missing?: string[];
  /** For kpiAverage: periods found vs. needed. */
  periods?: number;
};

function atLeast(criterion: Criterion, required: number, actual: number | null): CriterionResult {
  if (actual === null) return { criterion, status: "noData", required, actual };
  return { criterion, status: actual >= required ? "met" : "missing", required, actual };
}

const sameCode = (held: string, required: string) => held.toLowerCase() === required.toLowerCase();
/** Certificate numbers are "<course code>-<year>-<seq>": a required certificate names the course. */
const certificateOf = (held: string, required: string) =>
  sameCode(held, required) || held.toLowerCase().startsWith(`${required.toLowerCase()}-`);

function contains(criterion: Criterion, required: string[], held: string[] | null, matches = sameCode): CriterionResult {
  if (held === null) return { criterion, status: "noData", required, actual: null };
  const missing = required.filter((r) => !held.some((h) => matches(h, r)));
  return {
    criterion,
    status: missing.length ? "missing" : "met",
    required,
    actual: held.filter((h) => required.some((r) => matches(h, r))),
    missing,
  };
}

/** Each required criterion, met or missing and why. Criteria without a requirement are left out. */
export function evaluateCriteria(criteria: LevelCriteria, facts: CareerFacts): CriterionResult[] {
  const results: CriterionResult[] = [];
  if (criteria.minMonthsInLevel !== null) results.push(atLeast("monthsInLevel", criteria.minMonthsInLevel, facts.monthsInLevel));
  if (criteria.minKpiAverage !== null) {
    const kpi = facts.kpi;
    if (kpi === "unavailable" || kpi.average === null || kpi.periods === 0) {
      results.push({
        criterion: "kpiAverage",
        status: "noData",
        required: criteria.minKpiAverage,
        actual: null,
        periods: kpi === "unavailable" ? 0 : kpi.periods,
      });
    } else {
      // Too few scored periods is "missing", not "met": the average must cover the whole window.
      const enough = kpi.periods >= criteria.kpiPeriods;
      results.push({
        criterion: "kpiAverage",
        status: enough && kpi.average >= criteria.minKpiAverage ? "met" : "missing",
        required: criteria.minKpiAverage,
        actual: kpi.average,
        periods: kpi.periods,
      });
    }
  }
  const training = facts.training === "unavailable" ? null : facts.training;
  if (criteria.minTrainingHours !== null)
    results.push(atLeast("trainingHours", criteria.minTrainingHours, training ? training.hoursLast12Months : null));
  if (criteria.requiredCourses.length)
    results.push(contains("courses", criteria.requiredCourses, training ? training.completedCourseCodes : null));
  if (criteria.requiredCertificates.length)
    results.push(contains("certificates", criteria.requiredCertificates, training ? training.certificates : null, certificateOf));
  if (criteria.minRotations !== null) results.push(atLeast("rotations", criteria.minRotations, facts.rotations.completedRotations));
  return results;
}

/** Eligible only when every criterion is met; "no data" is not met. */
export function isEligible(results: CriterionResult[]): boolean {
  return results.every((r) => r.status === "met");
}

export function parseCodeList(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** Splits a comma- or line-separated list typed by HR into clean, de-duplicated entries. */
export function splitList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\n,，、;；]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}
