import { audit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { compareSplits, scaleAround } from "./allocation";
import { KpiRuleError, requireOpenPeriod } from "./library.server";
import { loadPeriodData } from "./period-data.server";

/** The account managers of a room whose plan has the KPI, with their baseline and current target. */
export async function roomPeople(db: Db, periodId: string, unitId: string, kpiId: string) {
  const employees = await db.employee.findMany({
    where: { unitId, active: true },
    orderBy: { employeeNo: "asc" },
    select: { id: true, employeeNo: true, name: true, position: { select: { nameZh: true, nameEn: true } } },
  });
  const data = await loadPeriodData(db, periodId, employees.map((e) => e.id));
  const baselines = await db.kpiPortfolioBaseline.findMany({ where: { periodId, employeeId: { in: employees.map((e) => e.id) } }, select: { employeeId: true, revenueFen: true, importance: true } });
  const baseline = new Map(baselines.map((b) => [b.employeeId, b]));
  return employees.flatMap((e) => {
    const line = data.lines.get(e.id)?.find((l) => l.kpiId === kpiId && !l.team);
    if (!line) return [];
    const b = baseline.get(e.id);
    return [{ ...e, revenueFen: b ? Number(b.revenueFen) : 0, importance: b?.importance ?? 0, currentTarget: line.target }];
  });
}

export async function roomAllocation(db: Db, periodId: string, unitId: string, kpiId: string, total: number, revenueWeight: number) {
  const people = await roomPeople(db, periodId, unitId, kpiId);
  const splits = compareSplits(total, people, revenueWeight);
  return { people, ...splits };
}

export async function saveBaselines(db: Db, actorId: string, periodId: string, rows: { employeeId: string; revenueFen: number; importance: number }[]) {
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
 * Commits the chosen split: each person's target for the KPI becomes their part, and
 * threshold and stretch move with it (same ratio to target as in their current line).
 */
export async function commitAllocation(db: Db, actorId: string, periodId: string, unitId: string, kpiId: string, split: "equal" | "byBaseline", total: number, revenueWeight: number) {
  await requireOpenPeriod(db, periodId);
  const allocation = await roomAllocation(db, periodId, unitId, kpiId, total, revenueWeight);
  if (allocation.people.length === 0) throw new KpiRuleError("unitId", "kpi.errors.noPeopleForKpi");
  const parts = allocation[split];
  const data = await loadPeriodData(db, periodId, allocation.people.map((p) => p.id));
  await db.$transaction(async (tx) => {
    await requireOpenPeriod(tx, periodId);
    for (const [i, person] of allocation.people.entries()) {
      const line = data.lines.get(person.id)!.find((l) => l.kpiId === kpiId)!;
      const target = parts[i];
      const values = {
        target: BigInt(target),
        threshold: BigInt(scaleAround(line.threshold, line.target, target)),
        stretch: BigInt(scaleAround(line.stretch, line.target, target)),
      };
      await tx.kpiAdjustment.upsert({
        where: { periodId_employeeId_kpiId: { periodId, employeeId: person.id, kpiId } },
        create: { periodId, employeeId: person.id, kpiId, ...values, reason: "kpi.adjustReason.allocation" },
        update: values,
      });
    }
    await audit(tx, { actorId, action: "kpi.allocation.commit", entity: "Unit", entityId: unitId, after: { periodId, kpiId, split, total, revenueWeight, parts } });
  });
  return allocation;
}
