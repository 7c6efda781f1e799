/**
 * The four levels of evaluation as plain arithmetic. Scores come in as integers (test
 * points; KPI totals in hundredths of a point). Every figure goes out computed exactly from
 * integer sums and rounded once, half away from zero, to the precision a page shows it at:
 * money in fen, KPI figures in hundredths, test means and reaction means to 0.1, normalised
 * gains to 0.01. Binary floating point never decides a rounding.
 */
import { divideRounded } from "~/utils/exact-round";

export type Suppressed = { status: "suppressed"; n: number };

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);

// ───────────── learning ─────────────

/**
 * One participant's gain: raw (post − pre) and normalised (Hake's g = (post − pre) / (max − pre),
 * the share of the possible improvement achieved). g is undefined when the pre-test was full marks.
 */
export function learningGain(pre: number, post: number, maxScore: number) {
  const raw = post - pre;
  const normalised = pre >= maxScore ? null : raw / (maxScore - pre);
  return { raw, normalised };
}

export type SessionLearning = {
  /** Participants with both tests. */
  n: number;
  meanPre: number;
  meanPost: number;
  meanRawGain: number;
  /** Class normalised gain ⟨g⟩ = (mean post − mean pre) / (max − mean pre). */
  normalisedGain: number | null;
};

/** Gain of a session (or any group): only participants with both a pre- and a post-test count. */
export function groupLearning(scores: { pre: number | null; post: number | null }[], maxScore: number): SessionLearning | null {
  const paired = scores.filter((s): s is { pre: number; post: number } => s.pre !== null && s.post !== null);
  if (paired.length === 0) return null;
  const n = paired.length;
  const pre = sum(paired.map((s) => s.pre));
  const post = sum(paired.map((s) => s.post));
  // ⟨g⟩ = (post/n − pre/n) / (max − pre/n) = (post − pre) / (n·max − pre).
  return {
    n,
    meanPre: divideRounded(pre, n, 1),
    meanPost: divideRounded(post, n, 1),
    meanRawGain: divideRounded(post - pre, n, 1),
    normalisedGain: pre >= n * maxScore ? null : divideRounded(post - pre, n * maxScore - pre, 2),
  };
}

// ───────────── results: difference in differences ─────────────

export type KpiPair = { before: number; after: number };

/** A group's mean KPI total before and after, and its change, each in hundredths rounded once. */
export type GroupChange = { n: number; before: number; after: number; change: number };

export type DidResult =
  | { status: "ok"; treated: GroupChange; control: GroupChange; /** KPI hundredths, exact and rounded once. */ did: number }
  | { status: "insufficient"; treatedN: number; controlN: number; minGroupSize: number };

/**
 * Difference in differences: the participants' KPI change minus the change of comparable
 * employees who did not attend, over the same window. Only people with a score on both sides
 * count. No figure is given unless both groups have at least `minGroupSize` people.
 */
export function differenceInDifferences(treated: KpiPair[], control: KpiPair[], minGroupSize: number): DidResult {
  return differenceInDifferencesOfSums(pairSums(treated), pairSums(control), minGroupSize);
}

/** A group of before/after pairs as counts and sums: all the difference in differences needs. */
export type PairSums = { n: number; before: number; after: number };

export function pairSums(pairs: KpiPair[]): PairSums {
  const sums = { n: 0, before: 0, after: 0 };
  for (const p of pairs) addPair(sums, p, 1);
  return sums;
}

/** Adds (sign 1) or takes out (sign -1) one pair. KPI totals are integers, so the sums stay exact. */
export function addPair(sums: PairSums, p: KpiPair, sign: 1 | -1) {
  sums.n += sign;
  sums.before += sign * p.before;
  sums.after += sign * p.after;
}

/** The same from sums, for comparison groups of a whole organisation that are never listed one by one. */
export function differenceInDifferencesOfSums(treated: PairSums, control: PairSums, minGroupSize: number): DidResult {
  if (treated.n < minGroupSize || control.n < minGroupSize) {
    return { status: "insufficient", treatedN: treated.n, controlN: control.n, minGroupSize };
  }
  const summarise = (group: PairSums): GroupChange => ({
    n: group.n,
    before: divideRounded(group.before, group.n),
    after: divideRounded(group.after, group.n),
    change: divideRounded(group.after - group.before, group.n),
  });
  // DiD = Δt/nt − Δc/nc = (Δt·nc − Δc·nt) / (nt·nc), exact, then rounded once.
  const t = BigInt(treated.after - treated.before) * BigInt(control.n) - BigInt(control.after - control.before) * BigInt(treated.n);
  const did = divideRounded(t, BigInt(treated.n) * BigInt(control.n));
  return { status: "ok", treated: summarise(treated), control: summarise(control), did };
}

// ───────────── cost ─────────────

function divideFen(numerator: number, denominator: number) {
  return denominator > 0 ? divideRounded(numerator, denominator) : null;
}

/** Cost per participant, per hour delivered and per learner-hour, in fen (null when there is nothing to divide by). */
export function costFigures(costFen: number, participants: number, hoursTenths: number) {
  return {
    perParticipant: divideFen(costFen, participants),
    perHour: divideFen(costFen * 10, hoursTenths),
    perLearnerHour: divideFen(costFen * 10, hoursTenths * participants),
  };
}

// ───────────── reaction ─────────────

/** A reaction figure exists only when at least `minGroupSize` people answered. */
export function reactionFigure(
  responses: number,
  sum: number,
  answers: number,
  minGroupSize: number,
): { status: "ok"; n: number; mean: number } | Suppressed {
  if (responses < minGroupSize || answers === 0) return { status: "suppressed", n: responses };
  return { status: "ok", n: responses, mean: Number.isInteger(sum) ? divideRounded(sum, answers, 1) : sum / answers };
}

// ───────────── behaviour ─────────────

const DAY = 24 * 3600_000;

export function behaviourWindow(endsAt: Date, window: { from: number; until: number }) {
  return { dueFrom: new Date(endsAt.getTime() + window.from * DAY), dueUntil: new Date(endsAt.getTime() + window.until * DAY) };
}

export type BehaviourState = "upcoming" | "due" | "overdue" | "submitted";

export function behaviourState(a: { dueFrom: Date; dueUntil: Date; submittedAt: Date | null }, now: Date): BehaviourState {
  if (a.submittedAt) return "submitted";
  if (now < a.dueFrom) return "upcoming";
  return now <= a.dueUntil ? "due" : "overdue";
}
