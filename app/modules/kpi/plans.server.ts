import { audit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { DomainError } from "~/utils/domain-error";
import { requireOpenPeriod } from "./library.server";
import type { CheckedLine, KpiRef } from "./plan-rules";
import type { Direction } from "./scoring";

export async function kpiRefs(db: Db): Promise<Map<string, KpiRef>> {
  const rows = await db.kpi.findMany({ select: { id: true, code: true, unit: true, direction: true, kind: true, active: true } });
  return new Map(rows.map((k) => [k.id, { ...k, direction: k.direction as Direction }]));
}

/** Positions with their plan for the period (if any): HR picks one to edit. */
export async function listPlans(db: Db, periodId: string) {
  const [positions, plans] = await Promise.all([
    db.position.findMany({
      orderBy: { code: "asc" },
      select: { id: true, code: true, nameZh: true, nameEn: true, _count: { select: { employees: { where: { active: true } } } } },
    }),
    db.kpiPlan.findMany({ where: { periodId }, select: { positionId: true, items: { select: { weight: true } } } }),
  ]);
  const byPosition = new Map(plans.map((p) => [p.positionId, p.items]));
  return positions.map((p) => {
    const items = byPosition.get(p.id);
    return {
      ...p,
      staff: p._count.employees,
      planned: Boolean(items),
      kpiCount: items?.length ?? 0,
      weightTotal: items?.reduce((a, i) => a + i.weight, 0) ?? 0,
    };
  });
}

export async function getPlanItems(db: Db, periodId: string, positionId: string) {
  const plan = await db.kpiPlan.findUnique({
    where: { periodId_positionId: { periodId, positionId } },
    select: {
      items: {
        orderBy: { sortOrder: "asc" },
        select: { kpiId: true, weight: true, threshold: true, target: true, stretch: true, cap: true },
      },
    },
  });
  return (plan?.items ?? []).map((i) => ({ ...i, threshold: Number(i.threshold), target: Number(i.target), stretch: Number(i.stretch) }));
}

export async function savePlan(db: Db, actorId: string, periodId: string, positionId: string, lines: CheckedLine[]) {
  await requireOpenPeriod(db, periodId);
  const before = await getPlanItems(db, periodId, positionId);
  await db.$transaction(async (tx) => {
    await requireOpenPeriod(tx, periodId);
    const plan = await tx.kpiPlan.upsert({
      where: { periodId_positionId: { periodId, positionId } },
      create: { periodId, positionId },
      update: {},
      select: { id: true },
    });
    await tx.kpiPlanItem.deleteMany({ where: { planId: plan.id } });
    await tx.kpiPlanItem.createMany({
      data: lines.map((l, sortOrder) => ({
        planId: plan.id,
        kpiId: l.kpiId,
        weight: l.weight,
        threshold: BigInt(l.threshold),
        target: BigInt(l.target),
        stretch: BigInt(l.stretch),
        cap: l.cap,
        sortOrder,
      })),
    });
    await audit(tx, { actorId, action: "kpi.plan.save", entity: "KpiPlan", entityId: plan.id, before, after: lines });
  });
}

/**
 * Stores an employee's lines as adjustments to their position plan: only what differs is
 * kept, a plan line they no longer have is excluded, a KPI outside the plan is added whole.
 */
export async function saveEmployeePlan(
  db: Db,
  actorId: string,
  periodId: string,
  employeeId: string,
  positionId: string,
  lines: CheckedLine[],
  reason: string,
) {
  await requireOpenPeriod(db, periodId);
  const planItems = await getPlanItems(db, periodId, positionId);
  const wanted = new Map(lines.map((l) => [l.kpiId, l]));
  const rows: {
    kpiId: string;
    weight: number | null;
    threshold: bigint | null;
    target: bigint | null;
    stretch: bigint | null;
    cap: number | null;
    excluded: boolean;
  }[] = [];
  for (const item of planItems) {
    const line = wanted.get(item.kpiId);
    if (!line) {
      rows.push({ kpiId: item.kpiId, weight: null, threshold: null, target: null, stretch: null, cap: null, excluded: true });
      continue;
    }
    const same = (k: "weight" | "threshold" | "target" | "stretch" | "cap") => line[k] === item[k];
    if (same("weight") && same("threshold") && same("target") && same("stretch") && same("cap")) continue;
    rows.push({
      kpiId: item.kpiId,
      weight: same("weight") ? null : line.weight,
      threshold: same("threshold") ? null : BigInt(line.threshold),
      target: same("target") ? null : BigInt(line.target),
      stretch: same("stretch") ? null : BigInt(line.stretch),
      cap: same("cap") ? null : line.cap,
      excluded: false,
    });
  }
  const inPlan = new Set(planItems.map((i) => i.kpiId));
  for (const line of lines) {
    if (inPlan.has(line.kpiId)) continue;
    rows.push({
      kpiId: line.kpiId,
      weight: line.weight,
      threshold: BigInt(line.threshold),
      target: BigInt(line.target),
      stretch: BigInt(line.stretch),
      cap: line.cap,
      excluded: false,
    });
  }
  await db.$transaction(async (tx) => {
    await requireOpenPeriod(tx, periodId);
    const before = await tx.kpiAdjustment.findMany({
      where: { periodId, employeeId },
      select: { kpiId: true, weight: true, target: true, excluded: true },
    });
    await tx.kpiAdjustment.deleteMany({ where: { periodId, employeeId } });
    if (rows.length) await tx.kpiAdjustment.createMany({ data: rows.map((r) => ({ ...r, periodId, employeeId, reason })) });
    await audit(tx, {
      actorId,
      action: "kpi.adjustment.save",
      entity: "Employee",
      entityId: employeeId,
      before: stringifyBig(before),
      after: { periodId, reason, lines },
    });
  });
}

/** BigInt does not survive JSON.stringify; audit entries carry decimal strings instead. */
export function stringifyBig<T>(value: T): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

/**
 * "Copy last period's plans": every position plan of the latest earlier period that has plans,
 * copied into this (open) period for the positions that have no plan here yet; plans already
 * made here are left as they are. Employees' own adjustments are not copied (they belong to a
 * period). Audited once, with what was copied. A changed target asks employees to confirm again.
 */
export async function copyPreviousPlans(db: Db, actorId: string, periodId: string) {
  await requireOpenPeriod(db, periodId);
  const period = await db.appraisalPeriod.findUniqueOrThrow({ where: { id: periodId }, select: { startsOn: true } });
  const source = await db.appraisalPeriod.findFirst({
    where: { id: { not: periodId }, startsOn: { lt: period.startsOn }, plans: { some: {} } },
    orderBy: { startsOn: "desc" },
    select: { id: true, code: true },
  });
  if (!source) throw new DomainError("kpi.errors.noEarlierPlans", { status: 409 });
  return db.$transaction(async (tx) => {
    await requireOpenPeriod(tx, periodId);
    const [plans, existing] = await Promise.all([
      tx.kpiPlan.findMany({
        where: { periodId: source.id },
        select: {
          positionId: true,
          items: { select: { kpiId: true, weight: true, threshold: true, target: true, stretch: true, cap: true, sortOrder: true } },
        },
      }),
      tx.kpiPlan.findMany({ where: { periodId }, select: { positionId: true } }),
    ]);
    const taken = new Set(existing.map((p) => p.positionId));
    const copied: string[] = [];
    for (const plan of plans) {
      if (taken.has(plan.positionId)) continue;
      await tx.kpiPlan.create({ data: { periodId, positionId: plan.positionId, items: { create: plan.items } } });
      copied.push(plan.positionId);
    }
    await audit(tx, {
      actorId,
      action: "kpi.plan.copy",
      entity: "AppraisalPeriod",
      entityId: periodId,
      after: { from: source.code, positions: copied, kept: plans.length - copied.length },
    });
    return { from: source.code, copied: copied.length, kept: plans.length - copied.length };
  });
}
