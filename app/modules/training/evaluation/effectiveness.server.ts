import type { Db } from "~/utils/db.server";
import type { Actor } from "~/modules/auth/scope";
import { readPacked } from "~/utils/packed-rows.server";
import { costFigures, groupLearning, type SessionLearning } from "./evaluation";
import { completedSessionsWhere } from "../training";
import { sessionEnrolments } from "../queries.server";
import { reactionData, reactionFigures, type ReactionData, type ReactionFigures } from "./reaction.server";

export type BehaviourFigures = { n: number; application: number | null; improvement: number | null; awaiting: number };

function behaviourOf(rows: { applicationScore: number | null; improvementScore: number | null; submitted: boolean }[]): BehaviourFigures {
  const done = rows.filter((r) => r.submitted && r.applicationScore !== null && r.improvementScore !== null);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : null);
  return {
    n: done.length,
    application: avg(done.map((r) => r.applicationScore!)),
    improvement: avg(done.map((r) => r.improvementScore!)),
    awaiting: rows.length - done.length,
  };
}

/** Test scores as a percentage of the session's maximum, so sessions with different tests pool. */
const asPercent = (score: number | null, max: number) => (score === null ? null : (score * 100) / max);

type ScopedEnrolment = {
  attendance: string | null;
  completed: boolean;
  preScore: number | null;
  postScore: number | null;
  behaviour: { applicationScore: number | null; improvementScore: number | null; submitted: boolean } | null;
};

const orNull = (v: string) => (v === "" ? null : Number(v));

/**
 * Completed sessions of the courses that ended in the window (its end excluded), newest first,
 * each with its enrolments of people in the actor's scope. The enrolments of every session come
 * in one read packed by SQLite: tens of thousands of them cost seconds as Prisma objects.
 */
async function loadSessions(db: Db, actor: Actor, courseIds: string[], options: { from?: Date; to?: Date }) {
  const sessions = await db.trainingSession.findMany({
    where: completedSessionsWhere(courseIds, options),
    orderBy: { startsAt: "desc" },
    select: {
      id: true,
      courseId: true,
      startsAt: true,
      endsAt: true,
      trainer: true,
      costFen: true,
      testMaxScore: true,
      reactionSurveyId: true,
      course: { select: { hoursTenths: true } },
      _count: { select: { enrolments: { where: { completedAt: { not: null } } } } },
    },
  });
  const bySession = new Map(sessions.map((s) => [s.id, [] as ScopedEnrolment[]]));
  if (sessions.length > 0) {
    const enrolments = sessionEnrolments(
      actor,
      sessions.map((s) => s.id),
    );
    const rows = await readPacked(db, enrolments);
    for (const [sessionId, attendance, completed, pre, post, assessed, application, improvement, submitted] of rows) {
      bySession.get(sessionId)!.push({
        attendance: attendance === "" ? null : attendance,
        completed: completed === "1",
        preScore: orNull(pre),
        postScore: orNull(post),
        behaviour:
          assessed === "1"
            ? { applicationScore: orNull(application), improvementScore: orNull(improvement), submitted: submitted === "1" }
            : null,
      });
    }
  }
  return sessions.map((s) => ({ ...s, enrolments: bySession.get(s.id)! }));
}

type EffectivenessSession = Awaited<ReturnType<typeof loadSessions>>[number];

/** The completed sessions of many courses with what `courseEffectiveness` reads, in one query, by course. */
export async function effectivenessSessions(db: Db, actor: Actor, courseIds: string[], options: { from?: Date; to?: Date } = {}) {
  const byCourse = new Map<string, EffectivenessSession[]>(courseIds.map((id) => [id, []]));
  for (const s of await loadSessions(db, actor, courseIds, options)) byCourse.get(s.courseId)?.push(s);
  return byCourse;
}

/**
 * Reaction, learning and behaviour plus cost, per session and for the course. People-level
 * figures (learning, behaviour) cover only participants in the actor's scope; reaction and cost
 * belong to the session as a whole. A report over many courses passes their sessions and reaction
 * surveys, read at once (`effectivenessSessions`, `reactionData`).
 */
export async function courseEffectiveness(
  db: Db,
  actor: Actor,
  courseId: string,
  options: { from?: Date; to?: Date; sessions?: EffectivenessSession[]; reaction?: ReactionData } = {},
) {
  const sessions = options.sessions ?? (await loadSessions(db, actor, [courseId], options));
  const surveyIds = sessions.flatMap((s) => (s.reactionSurveyId ? [s.reactionSurveyId] : []));
  const reaction = reactionFigures(options.reaction ?? (await reactionData(db, surveyIds)), surveyIds);
  const perSession = sessions.map((s) => {
    const completers = s._count.enrolments;
    const scoped = s.enrolments;
    return {
      id: s.id,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
      trainer: s.trainer,
      costFen: s.costFen,
      enrolledInScope: scoped.length,
      attendedInScope: scoped.filter((e) => e.attendance === "attended").length,
      completedInScope: scoped.filter((e) => e.completed).length,
      completers,
      reaction: (s.reactionSurveyId ? reaction.bySurvey.get(s.reactionSurveyId) : undefined) ?? ({ status: "none" } as ReactionFigures),
      learning: groupLearning(
        scoped.filter((e) => e.completed).map((e) => ({ pre: e.preScore, post: e.postScore })),
        s.testMaxScore,
      ),
      testMaxScore: s.testMaxScore,
      behaviour: behaviourOf(scoped.flatMap((e) => (e.behaviour ? [e.behaviour] : []))),
      cost: costFigures(s.costFen, completers, s.course.hoursTenths),
    };
  });
  const allScoped = sessions.flatMap((s) =>
    s.enrolments
      .filter((e) => e.completed)
      .map((e) => ({ pre: asPercent(e.preScore, s.testMaxScore), post: asPercent(e.postScore, s.testMaxScore) })),
  );
  const totalCost = sessions.reduce((t, s) => t + s.costFen, 0);
  const totalCompleters = sessions.reduce((t, s) => t + s._count.enrolments, 0);
  const hoursTenths = sessions[0]?.course.hoursTenths ?? 0;
  const enrolled = perSession.reduce((t, s) => t + s.enrolledInScope, 0);
  const completed = perSession.reduce((t, s) => t + s.completedInScope, 0);
  const course = {
    sessions: sessions.length,
    enrolledInScope: enrolled,
    completedInScope: completed,
    completionRate: enrolled ? completed / enrolled : null,
    completers: totalCompleters,
    reaction: reaction.course,
    learning: groupLearning(allScoped, 100) as SessionLearning | null,
    behaviour: behaviourOf(sessions.flatMap((s) => s.enrolments.flatMap((e) => (e.behaviour ? [e.behaviour] : [])))),
    costFen: totalCost,
    cost: {
      perParticipant: costFigures(totalCost, totalCompleters, hoursTenths).perParticipant,
      perLearnerHour: costFigures(totalCost, totalCompleters, hoursTenths).perLearnerHour,
    },
  };
  return { perSession, course };
}
