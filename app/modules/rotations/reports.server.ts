import type { Db } from "~/utils/db.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import { sortTree } from "~/modules/org/units.server";
import { mean, ROTATION_TYPES, SCORE_FIELDS } from "./rules";

/** Share of each unit's active staff (home unit, scope) who rotated (active or completed) in the last three years. */
export async function rotatedShareByUnit(db: Db, actor: Actor, now = new Date()) {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 3);
  const [units, staff, rotated] = await Promise.all([
    db.unit.findMany({
      where: { ...unitWhere(actor), active: true },
      select: { id: true, code: true, nameZh: true, nameEn: true, kind: true, parentId: true, path: true, active: true, sortOrder: true },
    }),
    db.employee.groupBy({ by: ["unitId"], where: { active: true, unit: unitWhere(actor) }, _count: { _all: true } }),
    db.rotationAssignment.findMany({
      where: {
        status: { in: ["active", "completed"] },
        startDate: { gte: since, lte: now },
        employee: { active: true, unit: unitWhere(actor) },
      },
      select: { employeeId: true, employee: { select: { unitId: true } } },
    }),
  ]);
  return sortTree(units)
    .map((u) => {
      const total = staff.find((s) => s.unitId === u.id)?._count._all ?? 0;
      const people = new Set(rotated.filter((r) => r.employee.unitId === u.id).map((r) => r.employeeId)).size;
      return {
        unitId: u.id,
        nameZh: u.nameZh,
        nameEn: u.nameEn,
        depth: u.depth,
        staff: total,
        rotated: people,
        share: total ? people / total : null,
      };
    })
    .filter((r) => r.staff > 0);
}

/** Assignments (home or host in scope) by type and status, with the host's average scores where evaluated. */
export async function byTypeAndEvaluation(db: Db, actor: Actor) {
  const scope = unitWhere(actor);
  const rows = await db.rotationAssignment.findMany({
    where: { OR: [{ homeUnit: scope }, { hostUnit: scope }] },
    select: {
      type: true,
      status: true,
      scoreResults: true,
      scoreLearning: true,
      scoreCollaboration: true,
      scoreOverall: true,
      evaluatedAt: true,
    },
  });
  return ROTATION_TYPES.map((type) => {
    const ofType = rows.filter((r) => r.type === type);
    const evaluated = ofType.filter((r) => r.evaluatedAt);
    return {
      type,
      planned: ofType.filter((r) => r.status === "planned").length,
      active: ofType.filter((r) => r.status === "active").length,
      completed: ofType.filter((r) => r.status === "completed").length,
      cancelled: ofType.filter((r) => r.status === "cancelled").length,
      evaluated: evaluated.length,
      scores: Object.fromEntries(SCORE_FIELDS.map((f) => [f, mean(evaluated.map((r) => r[f] ?? 0))])) as Record<
        (typeof SCORE_FIELDS)[number],
        number | null
      >,
    };
  });
}
