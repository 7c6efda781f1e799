import { audit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { allocationCurves, compareSplits } from "./allocation";
import { planConflict, requireOpenPeriod } from "./library.server";
import { loadPeriodData } from "./period-data.server";
import type { Curve, Direction } from "./scoring";

/**
 * The people of a room whose plan has the KPI (in employee-number order), with their saved
 * baseline (null when none was saved: never counted as zero), their current target and the
 * plan's curve for the KPI, from which an allocation scales.
 */
export async function roomPeople(db: Db, periodId: string, unitId: string, kpiId: string) {
  const employees = await db.employee.findMany({
    where: { unitId, active: true },
    orderBy: { employeeNo: "asc" },
    select: { id: true, employeeNo: true, name: true, positionId: true, position: { select: { nameZh: true, nameEn: true } } },
  });
  const [data, baselines, kpi, planItems] = await Promise.all([
    loadPeriodData(
      db,
      periodId,
      employees.map((e) => e.id),
    ),
    db.kpiPortfolioBaseline.findMany({
      where: { periodId, employeeId: { in: employees.map((e) => e.id) } },
      select: { employeeId: true, revenueFen: true, importance: true },
    }),
    db.kpi.findUnique({ where: { id: kpiId }, select: { direction: true } }),
    db.kpiPlanItem.findMany({
      where: { kpiId, plan: { periodId, positionId: { in: [...new Set(employees.map((e) => e.positionId))] } } },
      select: { threshold: true, target: true, stretch: true, cap: true, plan: { select: { positionId: true } } },
    }),
  ]);
  const baseline = new Map(baselines.map((b) => [b.employeeId, b]));
  const planOf = new Map(planItems.map((i) => [i.plan.positionId, i]));
  const direction = (kpi?.direction ?? "higher") as Direction;
  return employees.flatMap((e) => {
    const line = data.lines.get(e.id)?.find((l) => l.kpiId === kpiId && !l.team);
    if (!line) return [];
    const b = baseline.get(e.id);
    const item = planOf.get(e.positionId);
    // A KPI the person's position plan lacks (added by an adjustment) scales from that line.
    const plan: Curve = item
      ? { direction, threshold: Number(item.threshold), target: Number(item.target), stretch: Number(item.stretch), cap: item.cap }
      : { direction, threshold: line.threshold, target: line.target, stretch: line.stretch, cap: line.cap };
    const { positionId: _positionId, ...person } = e;
    return [
      {
        ...person,
        hasBaseline: Boolean(b),
        revenueFen: b ? Number(b.revenueFen) : 0,
        importance: b?.importance ?? 0,
        currentTarget: line.target,
        plan,
      },
    ];
  });
}

/** Both splits of `total`, each with the people whose curve it would break. */
export async function roomAllocation(db: Db, periodId: string, unitId: string, kpiId: string, total: number, revenueWeight: number) {
  const people = await roomPeople(db, periodId, unitId, kpiId);
  const splits = compareSplits(total, people, revenueWeight);
  const brokenIds = (parts: number[]) => allocationCurves(people, parts).broken.map((b) => b.id);
  return { people, ...splits, broken: { equal: brokenIds(splits.equal), byBaseline: brokenIds(splits.byBaseline) } };
}

const names = (people: { employeeNo: string; name: string }[]) => people.map((p) => `${p.employeeNo} ${p.name}`).join("、");

export async function saveBaselines(
  db: Db,
  actorId: string,
  periodId: string,
  rows: { employeeId: string; revenueFen: number; importance: number }[],
) {
  await requireOpenPeriod(db, periodId);
  await db.$transaction(async (tx) => {
    await requireOpenPeriod(tx, periodId);
    for (const r of rows) {
      await tx.kpiPortfolioBaseline.upsert({
        where: { periodId_employeeId: { periodId, employeeId: r.employeeId } },
        create: { periodId, employeeId: r.employeeId, revenueFen: BigInt(r.revenueFen), importance: r.importance },
        update: { revenueFen: BigInt(r.revenueFen), importance: r.importance },
      });
    }
    await audit(tx, { actorId, action: "kpi.baseline.save", entity: "AppraisalPeriod", entityId: periodId, after: rows });
  });
}

/**
 * Commits the chosen split: each person's target for the KPI becomes their part, and threshold
 * and stretch are scaled from the plan's curve. Refused, with nothing written, when a split by
 * baseline would use a baseline nobody saved, or when any person's new curve would not score.
 */
export async function commitAllocation(
  db: Db,
  actorId: string,
  periodId: string,
  unitId: string,
  kpiId: string,
  split: "equal" | "byBaseline",
  total: number,
  revenueWeight: number,
) {
  await requireOpenPeriod(db, periodId);
  const allocation = await roomAllocation(db, periodId, unitId, kpiId, total, revenueWeight);
  if (allocation.people.length === 0) throw planConflict("unitId", "kpi.errors.noPeopleForKpi");
  const unsaved = allocation.people.filter((p) => !p.hasBaseline);
  if (split === "byBaseline" && unsaved.length > 0) throw planConflict("split", "kpi.errors.missingBaselines", { people: names(unsaved) });
  const parts = allocation[split];
  const { curves, broken } = allocationCurves(allocation.people, parts);
  for (const problem of ["order", "cap"] as const) {
    const people = broken.filter((b) => b.problem === problem);
    if (people.length > 0) throw planConflict("split", `kpi.errors.allocationBreaks.${problem}`, { people: names(people) });
  }
  await db.$transaction(async (tx) => {
    await requireOpenPeriod(tx, periodId);
    for (const [i, person] of allocation.people.entries()) {
      const curve = curves[i];
      const values = { target: BigInt(curve.target), threshold: BigInt(curve.threshold), stretch: BigInt(curve.stretch) };
      await tx.kpiAdjustment.upsert({
        where: { periodId_employeeId_kpiId: { periodId, employeeId: person.id, kpiId } },
        create: { periodId, employeeId: person.id, kpiId, ...values, reason: "kpi.adjustReason.allocation" },
        update: values,
      });
    }
    await audit(tx, {
      actorId,
      action: "kpi.allocation.commit",
      entity: "Unit",
      entityId: unitId,
      after: { periodId, kpiId, split, total, revenueWeight, parts },
    });
  });
  return allocation;
}
