import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { pathIds } from "./population";
import { responseRates } from "./rates";
import { SurveyRuleError } from "./campaigns.server";
import { isAnswerable } from "./settings";

/**
 * Invited and answered per unit while a survey runs, under the survey's group minimum
 * (see `responseRates`). The overall total is the first row, unless it is suppressed too.
 */
export async function responseRatesFor(db: Db, survey: { id: string; minGroupSize: number }) {
  const grouped = await db.surveyParticipation.groupBy({ by: ["unitId", "answered"], where: { surveyId: survey.id }, _count: { _all: true } });
  const counts = new Map<string, { unitId: string; invited: number; answered: number }>();
  for (const g of grouped) {
    const c = counts.get(g.unitId) ?? { unitId: g.unitId, invited: 0, answered: 0 };
    c.invited += g._count._all;
    if (g.answered) c.answered += g._count._all;
    counts.set(g.unitId, c);
  }
  const direct = await db.unit.findMany({ where: { id: { in: [...counts.keys()] } }, select: { path: true } });
  const ids = new Set(direct.flatMap((u) => pathIds(u.path)));
  const units = await db.unit.findMany({ where: { id: { in: [...ids] } }, select: { id: true, path: true, nameZh: true, nameEn: true, sortOrder: true, code: true } });
  const byId = new Map(units.map((u) => [u.id, u]));
  const order = (a: string, b: string) => (byId.get(a)?.sortOrder ?? 0) - (byId.get(b)?.sortOrder ?? 0) || (byId.get(a)?.code ?? a).localeCompare(byId.get(b)?.code ?? b);
  return responseRates(units, [...counts.values()], survey.minGroupSize, order).map((row) => {
    const unit = byId.get(row.unitId);
    return { ...row, nameZh: unit?.nameZh ?? "", nameEn: unit?.nameEn ?? "" };
  });
}

/**
 * Queues a reminder to everyone invited who has not answered yet. The caller learns only how
 * many were reminded; the recipients exist only in the outbox rows the delivery worker reads.
 */
export async function sendReminders(db: Db, actorId: string, surveyId: string, now = new Date()) {
  const survey = await db.survey.findUnique({ where: { id: surveyId }, select: { id: true, status: true, opensAt: true, closesAt: true, titleZh: true, titleEn: true } });
  if (!survey) throw new SurveyRuleError("errors.notFound", 404);
  if (!isAnswerable(survey, now)) throw new SurveyRuleError("surveys.errors.notOpen", 409);
  return db.$transaction(async (tx) => {
    const pending = await tx.surveyParticipation.findMany({ where: { surveyId, answered: false }, select: { employeeId: true } });
    if (pending.length === 0) return 0;
    await enqueueNotification(tx, {
      type: "survey.reminder",
      recipientIds: pending.map((p) => p.employeeId),
      payload: { surveyId, titleZh: survey.titleZh, titleEn: survey.titleEn, closesAt: survey.closesAt.toISOString(), link: `/surveys/${surveyId}` },
    });
    await audit(tx, { actorId, action: "survey.remind", entity: "Survey", entityId: surveyId, after: { reminded: pending.length } });
    return pending.length;
  });
}

/** Participation totals for the admin list and page; the answered count only at or above the group minimum. */
export async function participationTotals(db: Db, survey: { id: string; minGroupSize: number }) {
  const [invited, answered] = await Promise.all([
    db.surveyParticipation.count({ where: { surveyId: survey.id } }),
    db.surveyParticipation.count({ where: { surveyId: survey.id, answered: true } }),
  ]);
  return { invited, answered: invited >= survey.minGroupSize ? answered : null };
}
