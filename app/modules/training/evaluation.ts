/**
 * The four levels of evaluation as plain arithmetic. Scores come in as integers (test
 * points; KPI totals in hundredths of a point); figures go out unrounded unless they are
 * money or KPI hundredths, which are rounded once, half away from zero.
 */

export type Suppressed = { status: "suppressed"; n: number };

/** Half away from zero to an integer: the one rounding rule for fen and KPI hundredths. */
export function roundHalfAway(value: number) {
  return Math.sign(value) * Math.round(Math.abs(value));
}

function mean(values: number[]) {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

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
  const meanPre = mean(paired.map((s) => s.pre));
  const meanPost = mean(paired.map((s) => s.post));
  return {
    n: paired.length,
    meanPre,
    meanPost,
    meanRawGain: meanPost - meanPre,
    normalisedGain: meanPre >= maxScore ? null : (meanPost - meanPre) / (maxScore - meanPre),
  };
}

// ───────────── results: difference in differences ─────────────

export type KpiPair = { before: number; after: number };

export type GroupChange = { n: number; before: number; after: number; change: number };

export type DidResult =
  | { status: "ok"; treated: GroupChange; control: GroupChange; /** KPI hundredths, rounded once. */ did: number }
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
  const summarise = (group: PairSums): GroupChange => {
    const before = group.before / group.n;
    const after = group.after / group.n;
    return { n: group.n, before, after, change: after - before };
  };
  const t = summarise(treated);
  const c = summarise(control);
  return { status: "ok", treated: t, control: c, did: roundHalfAway(t.change - c.change) };
}

// ───────────── cost ─────────────

function divideFen(numerator: number, denominator: number) {
  return denominator > 0 ? roundHalfAway(numerator / denominator) : null;
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
export function reactionFigure(responses: number, sum: number, answers: number, minGroupSize: number): { status: "ok"; n: number; mean: number } | Suppressed {
  if (responses < minGroupSize || answers === 0) return { status: "suppressed", n: responses };
  return { status: "ok", n: responses, mean: sum / answers };
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
