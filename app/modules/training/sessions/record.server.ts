import type { Db } from "~/utils/db.server";
import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import { learningGain } from "../evaluation/evaluation";
import { hoursFromTenths } from "../training";

/** 1 January of `now`'s year in China Standard Time. */
export function yearStartCst(now: Date) {
  const year = new Date(now.getTime() + 8 * 3600_000).getUTCFullYear();
  return new Date(`${year}-01-01T00:00:00+08:00`);
}

/** The employee, if the actor may read their training record: themself, HR, or a head in scope. */
export function employeeForRecord(db: Db, actor: Actor, employeeId: string) {
  if (actor.employeeId !== employeeId && !may(actor, "training.report")) return Promise.resolve(null);
  return db.employee.findFirst({
    where: { id: employeeId, ...(actor.employeeId === employeeId ? {} : { unit: unitWhere(actor) }) },
    select: {
      id: true,
      name: true,
      employeeNo: true,
      unit: { select: { nameZh: true, nameEn: true } },
      position: { select: { nameZh: true, nameEn: true } },
    },
  });
}

/** One employee's training record: hours this year, history and what is coming up. */
export async function trainingRecord(db: Db, employeeId: string, now = new Date()) {
  const rows = await db.trainingEnrolment.findMany({
    where: { employeeId },
    orderBy: { session: { startsAt: "desc" } },
    take: 500,
    select: {
      id: true,
      status: true,
      source: true,
      attendance: true,
      completedAt: true,
      certificateNo: true,
      preScore: true,
      postScore: true,
      queuedAt: true,
      session: {
        select: {
          id: true,
          startsAt: true,
          endsAt: true,
          place: true,
          trainer: true,
          status: true,
          testMaxScore: true,
          reactionSurveyId: true,
          course: { select: { id: true, code: true, titleZh: true, titleEn: true, format: true, hoursTenths: true } },
        },
      },
    },
  });
  const yearStart = yearStartCst(now);
  const upcoming = rows
    .filter((r) => r.session.status === "scheduled" && r.session.endsAt >= now && (r.status === "enrolled" || r.status === "waitlisted"))
    .reverse();
  const waitlistPositions = new Map<string, number>();
  for (const r of upcoming.filter((u) => u.status === "waitlisted")) {
    const ahead = await db.trainingEnrolment.count({
      where: { sessionId: r.session.id, status: "waitlisted", queuedAt: { lt: r.queuedAt } },
    });
    waitlistPositions.set(r.id, ahead + 1);
  }
  const history = rows
    .filter((r) => !upcoming.includes(r) && r.status !== "cancelled")
    .map((r) => ({
      ...r,
      gain: r.preScore !== null && r.postScore !== null ? learningGain(r.preScore, r.postScore, r.session.testMaxScore) : null,
    }));
  const completedThisYear = rows.filter((r) => r.completedAt && r.session.endsAt >= yearStart && r.session.endsAt <= now);
  return {
    hoursThisYear: hoursFromTenths(completedThisYear.reduce((s, r) => s + r.session.course.hoursTenths, 0)),
    coursesThisYear: completedThisYear.length,
    certificates: rows.flatMap((r) => (r.certificateNo ? [{ no: r.certificateNo, course: r.session.course, on: r.session.endsAt }] : [])),
    upcoming: upcoming.map((r) => ({ ...r, waitlistPosition: waitlistPositions.get(r.id) ?? null })),
    history,
  };
}
