import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { loadPeriodData } from "./period-data.server";
import { scoreFromData } from "./scores.server";
import { progressToTarget } from "./scoring";

/** The employee, if the actor may see their plan: themselves, or kpi.view inside scope. Else null (404). */
export async function employeeForPlan(db: Db, actor: Actor, employeeId: string) {
  const own = actor.employeeId === employeeId;
  if (!own && !may(actor, "kpi.view")) return null;
  return db.employee.findFirst({
    where: { id: employeeId, ...(own ? {} : { unit: unitWhere(actor) }) },
    select: {
      id: true,
      employeeNo: true,
      name: true,
      positionId: true,
      managerId: true,
      unit: { select: { nameZh: true, nameEn: true, path: true } },
      position: { select: { nameZh: true, nameEn: true } },
    },
  });
}

/** One employee's lines, scores, progress and joint targets for a period. */
export async function employeePerformance(db: Db, periodId: string, employeeId: string) {
  const data = await loadPeriodData(db, periodId, [employeeId]);
  const { scores } = scoreFromData(data);
  const score = scores[0] ?? { employeeId, total: null, lines: [] };
  const teamIds = score.lines.flatMap((l) => (l.joint ? [l.joint.teamTargetId] : []));
  const teams = teamIds.length
    ? await db.kpiTeamTarget.findMany({
        where: { id: { in: teamIds } },
        select: { id: true, name: true, members: { select: { share: true, employee: { select: { id: true, name: true } } } } },
      })
    : [];
  const adjustments = await db.kpiAdjustment.findMany({ where: { periodId, employeeId }, select: { kpiId: true, reason: true } });
  return {
    total: score.total,
    lines: score.lines.map((l) => ({
      ...l,
      progress: l.actual === null || l.kind === "rated" ? null : progressToTarget(l, l.actual),
      adjusted: adjustments.some((a) => a.kpiId === l.kpiId),
      team: l.joint ? (teams.find((t) => t.id === l.joint!.teamTargetId) ?? null) : null,
    })),
    adjustmentReason: adjustments.find((a) => a.reason)?.reason ?? null,
  };
}
