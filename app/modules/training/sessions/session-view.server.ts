import type { Db } from "~/utils/db.server";
import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import { learningGain } from "../evaluation/evaluation";

/** The roster as the actor may see it: HR (training.manage) everyone; a head (training.nominate) the people in scope; others nobody. */
export async function sessionRoster(db: Db, actor: Actor, sessionId: string, maxScore: number) {
  const seeAll = may(actor, "training.manage");
  if (!seeAll && !may(actor, "training.nominate")) return [];
  const rows = await db.trainingEnrolment.findMany({
    where: { sessionId, status: { in: ["enrolled", "waitlisted"] }, ...(seeAll ? {} : { employee: { unit: unitWhere(actor) } }) },
    orderBy: [{ status: "asc" }, { queuedAt: "asc" }, { id: "asc" }],
    take: 1000,
    select: {
      id: true,
      status: true,
      source: true,
      attendance: true,
      completedAt: true,
      certificateNo: true,
      preScore: true,
      postScore: true,
      employee: { select: { id: true, name: true, employeeNo: true, unit: { select: { nameZh: true, nameEn: true } } } },
    },
  });
  return rows.map((r) => ({
    ...r,
    gain: r.preScore !== null && r.postScore !== null ? learningGain(r.preScore, r.postScore, maxScore) : null,
  }));
}

export async function myEnrolment(db: Db, employeeId: string, sessionId: string) {
  const row = await db.trainingEnrolment.findUnique({
    where: { sessionId_employeeId: { sessionId, employeeId } },
    select: {
      id: true,
      status: true,
      queuedAt: true,
      attendance: true,
      completedAt: true,
      certificateNo: true,
      preScore: true,
      postScore: true,
    },
  });
  if (!row || row.status === "cancelled") return row && { ...row, waitlistPosition: null };
  const waitlistPosition =
    row.status === "waitlisted"
      ? (await db.trainingEnrolment.count({ where: { sessionId, status: "waitlisted", queuedAt: { lt: row.queuedAt } } })) + 1
      : null;
  return { ...row, waitlistPosition };
}

/** Active people in the actor's scope who are not on this session yet, for the nomination list. */
export function nominationCandidates(db: Db, actor: Actor, sessionId: string) {
  return db.employee.findMany({
    where: {
      active: true,
      unit: unitWhere(actor),
      trainingEnrolments: { none: { sessionId, status: { in: ["enrolled", "waitlisted"] } } },
    },
    orderBy: [{ unit: { path: "asc" } }, { employeeNo: "asc" }],
    take: 1000,
    select: { id: true, name: true, employeeNo: true, unit: { select: { nameZh: true, nameEn: true } } },
  });
}

export async function reactionStatus(db: Db, surveyId: string | null) {
  if (!surveyId) return null;
  const survey = await db.survey.findUnique({
    where: { id: surveyId },
    select: { id: true, status: true, closesAt: true, minGroupSize: true },
  });
  if (!survey) return null;
  const [invited, answered] = await Promise.all([
    db.surveyParticipation.count({ where: { surveyId } }),
    db.surveyResponse.count({ where: { surveyId } }),
  ]);
  return { ...survey, invited, answered };
}
