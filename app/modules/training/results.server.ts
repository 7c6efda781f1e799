import type { Db } from "~/utils/db.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import { periodScores } from "~/modules/kpi/scores.server";
import { differenceInDifferences, type DidResult, type KpiPair } from "./evaluation";
import { MIN_GROUP_SIZE } from "./training";

type Period = { id: string; code: string };

/** The closed quarters either side of a session: the last that ended before it, the first that began after. */
async function windowAround(db: Db, startsAt: Date, endsAt: Date): Promise<{ before: Period; after: Period } | null> {
  const [before, after] = await Promise.all([
    db.appraisalPeriod.findFirst({ where: { kind: "quarter", status: "closed", endsOn: { lte: startsAt } }, orderBy: { endsOn: "desc" }, select: { id: true, code: true } }),
    db.appraisalPeriod.findFirst({ where: { kind: "quarter", status: "closed", startsOn: { gte: endsAt } }, orderBy: { startsOn: "asc" }, select: { id: true, code: true } }),
  ]);
  return before && after ? { before, after } : null;
}

export type CourseResults =
  | { status: "noWindow"; sessions: number }
  | (DidResult & { sessions: number; sessionsWithWindow: number; periods: { before: string; after: string }[] });

/**
 * The results level: KPI totals (hundredths of a point) of participants in the closed quarter
 * before and the closed quarter after each session, against employees in the same position and
 * track who never completed the course, pooled over the course's sessions (stacked
 * difference in differences). People without a total on both sides are left out of both groups.
 */
export async function courseResults(db: Db, actor: Actor, courseId: string, options: { from?: Date; to?: Date } = {}): Promise<CourseResults> {
  const sessions = await db.trainingSession.findMany({
    where: { courseId, status: "completed", ...(options.from || options.to ? { endsAt: { ...(options.from ? { gte: options.from } : {}), ...(options.to ? { lt: options.to } : {}) } } : {}) },
    select: { id: true, startsAt: true, endsAt: true, enrolments: { where: { completedAt: { not: null }, employee: { unit: unitWhere(actor) } }, select: { employee: { select: { id: true, positionId: true, track: true } } } } },
  });
  const everCompleted = new Set(
    (await db.trainingEnrolment.findMany({ where: { completedAt: { not: null }, session: { courseId } }, select: { employeeId: true } })).map((e) => e.employeeId),
  );
  const cache = new Map<string, Map<string, number>>();
  const totals = async (periodId: string) => {
    let m = cache.get(periodId);
    if (!m) {
      const { scores } = await periodScores(db, periodId);
      m = new Map(scores.flatMap((s) => (s.total === null ? [] : [[s.employeeId, s.total] as const])));
      cache.set(periodId, m);
    }
    return m;
  };
  const treated: KpiPair[] = [];
  const control: KpiPair[] = [];
  const periods: { before: string; after: string }[] = [];
  for (const s of sessions) {
    const window = await windowAround(db, s.startsAt, s.endsAt);
    if (!window || s.enrolments.length === 0) continue;
    periods.push({ before: window.before.code, after: window.after.code });
    const [before, after] = await Promise.all([totals(window.before.id), totals(window.after.id)]);
    const pair = (id: string): KpiPair | null => (before.has(id) && after.has(id) ? { before: before.get(id)!, after: after.get(id)! } : null);
    for (const e of s.enrolments) {
      const p = pair(e.employee.id);
      if (p) treated.push(p);
    }
    const profiles = [...new Set(s.enrolments.map((e) => `${e.employee.positionId}|${e.employee.track}`))].map((k) => k.split("|"));
    const similar = await db.employee.findMany({
      where: { active: true, unit: unitWhere(actor), OR: profiles.map(([positionId, track]) => ({ positionId, track })), id: { notIn: [...everCompleted] } },
      select: { id: true },
    });
    for (const e of similar) {
      const p = pair(e.id);
      if (p) control.push(p);
    }
  }
  if (periods.length === 0) return { status: "noWindow", sessions: sessions.length };
  return { ...differenceInDifferences(treated, control, MIN_GROUP_SIZE), sessions: sessions.length, sessionsWithWindow: periods.length, periods };
}
