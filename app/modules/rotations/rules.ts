import { monthsBetween } from "~/modules/careers/dates";

export const ROTATION_TYPES = ["horizontal_dept", "horizontal_cross", "vertical_county", "vertical_subsidiary"] as const;
export type RotationType = (typeof ROTATION_TYPES)[number];

export const ASSIGNMENT_STATUSES = ["planned", "active", "completed", "cancelled"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

/** Statuses that hold a place (for overlap and capacity). */
export const HOLDING: AssignmentStatus[] = ["planned", "active"];

const TRANSITIONS: Record<AssignmentStatus, AssignmentStatus[]> = {
  planned: ["active", "cancelled"],
  active: ["completed", "cancelled"],
  completed: [],
  cancelled: [],
};

export function canTransition(from: string, to: string): boolean {
  return (TRANSITIONS[from as AssignmentStatus] ?? []).includes(to as AssignmentStatus);
}

export function nextStatuses(from: string): AssignmentStatus[] {
  return TRANSITIONS[from as AssignmentStatus] ?? [];
}

export type Interval = { id?: string; start: Date; end: Date };

/** Closed intervals by day: an assignment ending on the 31st and another starting on the 31st overlap. */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.start.getTime() <= b.end.getTime() && b.start.getTime() <= a.end.getTime();
}

/** The first of the person's other assignments that overlaps the candidate, or null. */
export function findOverlap<I extends Interval>(candidate: Interval, existing: I[]): I | null {
  return existing.find((e) => e.id !== candidate.id && overlaps(candidate, e)) ?? null;
}

/** The largest number of the intervals that run at the same time on some day inside `range`. */
export function peakConcurrency(intervals: Interval[], range: Interval): number {
  const inside = intervals.filter((i) => overlaps(i, range));
  // The peak is reached at the start of some interval (or the start of the range).
  const starts = [range.start, ...inside.map((i) => i.start)].filter(
    (d) => d.getTime() >= range.start.getTime() && d.getTime() <= range.end.getTime(),
  );
  let peak = 0;
  for (const day of starts) {
    const n = inside.filter((i) => i.start.getTime() <= day.getTime() && day.getTime() <= i.end.getTime()).length;
    peak = Math.max(peak, n);
  }
  return peak;
}

/** true when adding the candidate would put more rotators in the host at once than its capacity. */
export function exceedsCapacity(candidate: Interval, hosted: Interval[], capacity: number): boolean {
  const others = hosted.filter((h) => h.id === undefined || h.id !== candidate.id);
  return peakConcurrency(others, candidate) + 1 > capacity;
}

export type EligibilityRules = { minMonthsInPost: number; tracks: string[] };
export type EligibilityFacts = { track: string; postSince: Date; hasOpenAssignment: boolean; hasPendingApplication: boolean };
export type EligibilityCheck = {
  rule: "monthsInPost" | "track" | "noOpenAssignment" | "noPendingApplication";
  met: boolean;
  required?: number | string[];
  actual?: number | string;
};

/** Each programme rule, met or not; time in post counts from hire or the end of the last rotation. */
export function rotationEligibility(
  rules: EligibilityRules,
  facts: EligibilityFacts,
  now: Date,
): { eligible: boolean; checks: EligibilityCheck[] } {
  const months = monthsBetween(facts.postSince, now);
  const checks: EligibilityCheck[] = [
    { rule: "monthsInPost", met: months >= rules.minMonthsInPost, required: rules.minMonthsInPost, actual: months },
    ...(rules.tracks.length
      ? [{ rule: "track" as const, met: rules.tracks.includes(facts.track), required: rules.tracks, actual: facts.track }]
      : []),
    { rule: "noOpenAssignment", met: !facts.hasOpenAssignment },
    { rule: "noPendingApplication", met: !facts.hasPendingApplication },
  ];
  return { eligible: checks.every((c) => c.met), checks };
}

/** Both sides must approve; a rejection on either side ends the application. */
export function applicationOutcome(home: string, host: string): "pending" | "approved" | "rejected" {
  if (home === "rejected" || host === "rejected") return "rejected";
  if (home === "approved" && host === "approved") return "approved";
  return "pending";
}

export const SCORE_FIELDS = ["scoreResults", "scoreLearning", "scoreCollaboration", "scoreOverall"] as const;

export function mean(values: number[]): number | null {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
}
