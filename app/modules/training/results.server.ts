import type { Db } from "~/utils/db.server";
import { unitPathScope, unitWhere, type Actor } from "~/modules/auth/scope";
import { packedRows } from "~/utils/packed-rows.server";
import { periodTotals } from "~/modules/kpi/scores.server";
import { addPair, differenceInDifferencesOfSums, type DidResult, type KpiPair, type PairSums } from "./evaluation";
import { MIN_GROUP_SIZE } from "./training";

type Period = { id: string; code: string };


const profileKey = (positionId: string, track: string) => `${positionId}|${track}`;

/**
 * What the results level reads for every session of every course, read once per report: each
 * period's weighted KPI totals (scoring a period of 100,000 people takes a second or two) and
 * the active employees in the actor's scope by position and track (the comparison groups).
 */
export function resultsContext(db: Db, actor: Actor) {
  const totals = new Map<string, Promise<Map<string, number>>>();
  let employees: Promise<{ byProfile: Map<string, string[]>; profileOf: Map<string, string> }> | undefined;
  let quarters: Promise<{ id: string; code: string; startsOn: Date; endsOn: Date }[]> | undefined;
  const sums = new Map<string, Promise<PairSums>>();
  const loadEmployees = async () => {
    const scope = unitPathScope(actor);
    const rows =
      scope === undefined
        ? []
        : await packedRows(db, [`e."id"`, `e."positionId"`, `e."track"`], `FROM "Employee" e JOIN "Unit" u ON u."id" = e."unitId" WHERE e."active" = 1 AND substr(u."path", 1, length(?)) = ?`, scope ?? "", scope ?? "");
    const byProfile = new Map<string, string[]>();
    const profileOf = new Map<string, string>();
    for (const [id, positionId, track] of rows) {
      const key = profileKey(positionId, track);
      profileOf.set(id, key);
      const list = byProfile.get(key);
      if (list) list.push(id);
      else byProfile.set(key, [id]);
    }
    return { byProfile, profileOf };
  };
  const context = {
    totals(periodId: string) {
      let m = totals.get(periodId);
      if (!m) {
        m = periodTotals(db, periodId);
        totals.set(periodId, m);
      }
      return m;
    },
    /** The closed quarters either side of a session: the last that ended before it, the first that began after. */
    async window(startsAt: Date, endsAt: Date): Promise<{ before: Period; after: Period } | null> {
      const all = await (quarters ??= db.appraisalPeriod.findMany({ where: { kind: "quarter", status: "closed" }, select: { id: true, code: true, startsOn: true, endsOn: true } }));
      let before: (typeof all)[number] | undefined;
      let after: (typeof all)[number] | undefined;
      for (const q of all) {
        if (q.endsOn <= startsAt && (!before || q.endsOn > before.endsOn)) before = q;
        if (q.startsOn >= endsAt && (!after || q.startsOn < after.startsOn)) after = q;
      }
      return before && after ? { before: { id: before.id, code: before.code }, after: { id: after.id, code: after.code } } : null;
    },
    /** Active employees in scope by their position|track profile. */
    async profileOf() {
      return (await (employees ??= loadEmployees())).profileOf;
    },
    /** Before/after sums of everyone in scope with this profile and a total in both periods. */
    profileSums(profile: string, beforeId: string, afterId: string) {
      const key = `${profile}|${beforeId}|${afterId}`;
      let found = sums.get(key);
      if (!found) {
        found = (async () => {
          const [{ byProfile }, before, after] = await Promise.all([(employees ??= loadEmployees()), context.totals(beforeId), context.totals(afterId)]);
          const result: PairSums = { n: 0, before: 0, after: 0 };
          for (const id of byProfile.get(profile) ?? []) {
            const b = before.get(id);
            const a = after.get(id);
            if (b !== undefined && a !== undefined) addPair(result, { before: b, after: a }, 1);
          }
          return result;
        })();
        sums.set(key, found);
      }
      return found;
    },
  };
  return context;
}
export type ResultsContext = ReturnType<typeof resultsContext>;

export type CourseResults =
  | { status: "noWindow"; sessions: number }
  | (DidResult & { sessions: number; sessionsWithWindow: number; periods: { before: string; after: string }[] });

/**
 * The results level: KPI totals (hundredths of a point) of participants in the closed quarter
 * before and the closed quarter after each session, against employees in the same position and
 * track who never completed the course, pooled over the course's sessions (stacked
 * difference in differences). People without a total on both sides are left out of both groups.
 */
function loadSessions(db: Db, actor: Actor, courseIds: string[], options: { from?: Date; to?: Date }) {
  return db.trainingSession.findMany({
    where: { courseId: { in: courseIds }, status: "completed", ...(options.from || options.to ? { endsAt: { ...(options.from ? { gte: options.from } : {}), ...(options.to ? { lt: options.to } : {}) } } : {}) },
    select: { id: true, courseId: true, startsAt: true, endsAt: true, enrolments: { where: { completedAt: { not: null }, employee: { unit: unitWhere(actor) } }, select: { employee: { select: { id: true, positionId: true, track: true } } } } },
  });
}

type ResultsSession = Awaited<ReturnType<typeof loadSessions>>[number];
type CourseInput = { sessions: ResultsSession[]; everCompleted: Set<string> };

/** What `courseResults` reads for many courses, in two queries, by course. */
export async function resultsInputs(db: Db, actor: Actor, courseIds: string[], options: { from?: Date; to?: Date } = {}) {
  const [sessions, completed] = await Promise.all([
    loadSessions(db, actor, courseIds, options),
    db.trainingEnrolment.findMany({ where: { completedAt: { not: null }, session: { courseId: { in: courseIds } } }, select: { employeeId: true, session: { select: { courseId: true } } } }),
  ]);
  const byCourse = new Map<string, CourseInput>(courseIds.map((id) => [id, { sessions: [], everCompleted: new Set() }]));
  for (const s of sessions) byCourse.get(s.courseId)?.sessions.push(s);
  for (const e of completed) byCourse.get(e.session.courseId)?.everCompleted.add(e.employeeId);
  return byCourse;
}

export async function courseResults(db: Db, actor: Actor, courseId: string, options: { from?: Date; to?: Date; context?: ResultsContext; input?: CourseInput } = {}): Promise<CourseResults> {
  const { sessions, everCompleted } = options.input ?? (await resultsInputs(db, actor, [courseId], options)).get(courseId)!;
  const context = options.context ?? resultsContext(db, actor);
  const treated: PairSums = { n: 0, before: 0, after: 0 };
  const control: PairSums = { n: 0, before: 0, after: 0 };
  const periods: { before: string; after: string }[] = [];
  for (const s of sessions) {
    const window = await context.window(s.startsAt, s.endsAt);
    if (!window || s.enrolments.length === 0) continue;
    periods.push({ before: window.before.code, after: window.after.code });
    const [before, after] = await Promise.all([context.totals(window.before.id), context.totals(window.after.id)]);
    const pair = (id: string): KpiPair | null => (before.has(id) && after.has(id) ? { before: before.get(id)!, after: after.get(id)! } : null);
    for (const e of s.enrolments) {
      const p = pair(e.employee.id);
      if (p) addPair(treated, p, 1);
    }
    // The comparison group: everyone in scope with a participant's position and track, less
    // anyone who ever completed the course; summed per profile once, then corrected.
    const profiles = new Set(s.enrolments.map((e) => profileKey(e.employee.positionId, e.employee.track)));
    for (const profile of profiles) {
      const sums = await context.profileSums(profile, window.before.id, window.after.id);
      control.n += sums.n;
      control.before += sums.before;
      control.after += sums.after;
    }
    const profileOf = await context.profileOf();
    for (const id of everCompleted) {
      const profile = profileOf.get(id);
      const p = profile !== undefined && profiles.has(profile) ? pair(id) : null;
      if (p) addPair(control, p, -1);
    }
  }
  if (periods.length === 0) return { status: "noWindow", sessions: sessions.length };
  return { ...differenceInDifferencesOfSums(treated, control, MIN_GROUP_SIZE), sessions: sessions.length, sessionsWithWindow: periods.length, periods };
}
