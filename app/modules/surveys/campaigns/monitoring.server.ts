import type { Db } from "~/utils/db.server";
import { firstRow } from "~/utils/sql.server";
import { audit } from "~/modules/audit/audit.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { pathIds } from "./population";
import { answeredShowable, responseRates } from "./rates";
import { liveUnitCounts, surveyCuts } from "../queries.server";
import { isAnswerable, parseCuts } from "../settings";
import { formError } from "~/utils/domain-error";

/**
 * Invited and answered per reporting unit of a running survey. Invitations are counted by the
 * unit each person's answer is filed under (their unit rolled up at launch); answers by the unit
 * their response carries. The server no longer knows who has answered, only how many per unit.
 * When the survey does not collect the unit, everything is counted at the top of the population.
 */
export async function liveCounts(db: Db, surveyId: string): Promise<{ unitId: string; invited: number; answered: number }[]> {
  const survey = await firstRow(db, surveyCuts, [surveyId]);
  if (!survey) return [];
  const { invited, answered } = await liveUnitCounts(db, surveyId);
  if (!parseCuts(survey.cutsJson).includes("unit")) {
    if (invited.length === 0) return [];
    const top = await commonAncestor(
      db,
      invited.map((r) => r.unitId),
    );
    return [{ unitId: top, invited: invited.reduce((s, r) => s + r.n, 0), answered: answered.reduce((s, r) => s + r.n, 0) }];
  }
  const counts = new Map(invited.map((r) => [r.unitId, { unitId: r.unitId, invited: r.n, answered: 0 }]));
  for (const r of answered) {
    const c = r.unitId ? counts.get(r.unitId) : undefined;
    if (c) c.answered += r.n;
  }
  return [...counts.values()];
}

async function commonAncestor(db: Db, unitIds: string[]) {
  const units = await db.unit.findMany({ where: { id: { in: unitIds } }, select: { path: true } });
  const chains = units.map((u) => pathIds(u.path));
  const common = chains.reduce((acc, chain) => acc.filter((id, i) => chain[i] === id), chains[0] ?? []);
  return common.at(-1) ?? unitIds[0];
}

/**
 * Invited and answered per unit while a survey runs, under the survey's group minimum
 * (see `responseRates`). The overall total is the first row, unless it is suppressed too.
 */
export async function responseRatesFor(db: Db, survey: { id: string; minGroupSize: number }) {
  const counts = new Map((await liveCounts(db, survey.id)).map((c) => [c.unitId, c]));
  const direct = await db.unit.findMany({ where: { id: { in: [...counts.keys()] } }, select: { path: true } });
  const ids = new Set(direct.flatMap((u) => pathIds(u.path)));
  const units = await db.unit.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, path: true, nameZh: true, nameEn: true, sortOrder: true, code: true },
  });
  const byId = new Map(units.map((u) => [u.id, u]));
  const order = (a: string, b: string) =>
    (byId.get(a)?.sortOrder ?? 0) - (byId.get(b)?.sortOrder ?? 0) || (byId.get(a)?.code ?? a).localeCompare(byId.get(b)?.code ?? b);
  return responseRates(units, [...counts.values()], survey.minGroupSize, order).map((row) => {
    const unit = byId.get(row.unitId);
    return { ...row, nameZh: unit?.nameZh ?? "", nameEn: unit?.nameEn ?? "" };
  });
}

/**
 * Queues a reminder to everyone invited who has not taken a response token yet (the server
 * cannot know who has answered). Nobody learns how many were reminded: a count that moves when
 * one person answers would tell HR that they did. The recipients exist only in the outbox rows
 * the delivery worker reads.
 */
export async function sendReminders(db: Db, actorId: string, surveyId: string, now = new Date()): Promise<void> {
  const survey = await db.survey.findUnique({
    where: { id: surveyId },
    select: { id: true, status: true, opensAt: true, closesAt: true, titleZh: true, titleEn: true },
  });
  if (!survey) throw formError("errors.notFound", 404);
  if (!isAnswerable(survey, now)) throw formError("surveys.errors.notOpen", 409);
  await db.$transaction(async (tx) => {
    const pending = await tx.surveyParticipation.findMany({ where: { surveyId, tokenTaken: false }, select: { employeeId: true } });
    if (pending.length > 0) {
      await enqueueNotification(tx, {
        type: "survey.reminder",
        recipientIds: pending.map((p) => p.employeeId),
        payload: {
          surveyId,
          titleZh: survey.titleZh,
          titleEn: survey.titleEn,
          closesAt: survey.closesAt.toISOString(),
          link: `/surveys/${surveyId}`,
        },
      });
    }
    await audit(tx, { actorId, action: "survey.remind", entity: "Survey", entityId: surveyId });
  });
}

/**
 * Participation totals for the admin list and page. The answered count is shown only when both
 * the answered and the not-yet-answered are 0 or at least the group minimum: otherwise a change
 * of one would tell who has just answered, or who has not.
 */
export async function participationTotals(db: Db, survey: { id: string; minGroupSize: number }) {
  const [invited, answered] = await Promise.all([
    db.surveyParticipation.count({ where: { surveyId: survey.id } }),
    db.surveyResponse.count({ where: { surveyId: survey.id } }),
  ]);
  return {
    invited,
    answered: invited >= survey.minGroupSize && answeredShowable(invited, answered, survey.minGroupSize) ? answered : null,
  };
}
