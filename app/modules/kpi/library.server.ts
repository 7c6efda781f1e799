import { audit } from "~/modules/audit/audit.server";
import type { Db } from "~/utils/db.server";
import { DomainError, fieldError } from "~/utils/domain-error";
import type { Params } from "~/utils/i18n";
import type { KpiInput, PeriodInput } from "./kpi";
import { discardPeriodTotals, keepPeriodTotals } from "./period-totals.server";

/** A change the period's state or plans forbid (409), on the form field `field`. */
export function planConflict(field: string, key: string, params?: Params) {
  return new DomainError(key, { field, params, status: 409 });
}

const kpiSelect = {
  id: true,
  code: true,
  nameZh: true,
  nameEn: true,
  unit: true,
  direction: true,
  kind: true,
  source: true,
  basicWork: true,
  active: true,
} as const;

export function listKpis(db: Db, options: { activeOnly?: boolean } = {}) {
  return db.kpi.findMany({
    where: options.activeOnly ? { active: true } : {},
    orderBy: [{ basicWork: "asc" }, { code: "asc" }],
    select: kpiSelect,
  });
}

export function getKpi(db: Db, id: string) {
  return db.kpi.findUnique({ where: { id }, select: kpiSelect });
}

export async function saveKpi(db: Db, actorId: string, input: KpiInput, id?: string) {
  const owner = await db.kpi.findUnique({ where: { code: input.code }, select: { id: true } });
  if (owner && owner.id !== id) throw fieldError("code", "errors.codeTaken");
  return db.$transaction(async (tx) => {
    if (id) {
      const before = await tx.kpi.findUnique({ where: { id }, select: kpiSelect });
      if (!before) throw fieldError("code", "errors.notFound");
      // A KPI already scored keeps its unit and kind: changing them would change old scores.
      const used = await tx.kpiPlanItem.count({ where: { kpiId: id } });
      if (used && (before.unit !== input.unit || before.kind !== input.kind || before.direction !== input.direction))
        throw fieldError("unit", "kpi.errors.kpiInUse");
      await tx.kpi.update({ where: { id }, data: input });
      await audit(tx, { actorId, action: "kpi.update", entity: "Kpi", entityId: id, before, after: input });
      return { id };
    }
    const created = await tx.kpi.create({ data: { ...input, active: true }, select: { id: true } });
    await audit(tx, { actorId, action: "kpi.create", entity: "Kpi", entityId: created.id, after: input });
    return created;
  });
}

const periodSelect = { id: true, code: true, kind: true, startsOn: true, endsOn: true, status: true, closedAt: true } as const;

export function listPeriods(db: Db) {
  return db.appraisalPeriod.findMany({ orderBy: [{ endsOn: "desc" }, { kind: "asc" }], select: periodSelect });
}

export function getPeriod(db: Db, id: string) {
  return db.appraisalPeriod.findUnique({ where: { id }, select: periodSelect });
}

/** The open period of the kind that contains `day`, else the latest open one, else the latest. */
export async function currentPeriod(db: Db, day = new Date()) {
  return (
    (await db.appraisalPeriod.findFirst({
      where: { status: "open", startsOn: { lte: day }, endsOn: { gte: day } },
      orderBy: { endsOn: "asc" },
      select: periodSelect,
    })) ??
    (await db.appraisalPeriod.findFirst({ where: { status: "open" }, orderBy: { endsOn: "desc" }, select: periodSelect })) ??
    (await db.appraisalPeriod.findFirst({ orderBy: { endsOn: "desc" }, select: periodSelect }))
  );
}

export async function createPeriod(db: Db, actorId: string, input: PeriodInput) {
  if (await db.appraisalPeriod.findUnique({ where: { code: input.code } })) throw fieldError("code", "errors.codeTaken");
  return db.$transaction(async (tx) => {
    const created = await tx.appraisalPeriod.create({
      data: {
        code: input.code,
        kind: input.kind,
        startsOn: new Date(`${input.startsOn}T00:00:00Z`),
        endsOn: new Date(`${input.endsOn}T00:00:00Z`),
      },
      select: { id: true },
    });
    await audit(tx, { actorId, action: "kpi.period.create", entity: "AppraisalPeriod", entityId: created.id, after: input });
    return created;
  });
}

/** Closing freezes plans and actuals; reopening is allowed (and audited) for corrections. */
export async function setPeriodStatus(db: Db, actorId: string, id: string, status: "open" | "closed") {
  await db.$transaction(async (tx) => {
    const before = await tx.appraisalPeriod.findUnique({ where: { id }, select: { status: true } });
    if (!before) throw fieldError("status", "errors.notFound");
    await tx.appraisalPeriod.update({ where: { id }, data: { status, closedAt: status === "closed" ? new Date() : null } });
    await audit(tx, {
      actorId,
      action: `kpi.period.${status === "closed" ? "close" : "reopen"}`,
      entity: "AppraisalPeriod",
      entityId: id,
      before,
      after: { status },
    });
    if (status === "open") await discardPeriodTotals(tx, id);
  });
  // A closed period's totals are kept for reports (the training results level reads whole
  // quarters). Reports compute them when missing, so a failure here costs time, not data.
  if (status === "closed")
    await keepPeriodTotals(db, id).catch((error) =>
      console.error("storing period totals failed", error instanceof Error ? error.message : error),
    );
}

/**
 * Refuses changes to a closed (or unknown) period. Writers call it before their work (a clear
 * error early) and again first thing inside their transaction: closing takes its turn like any
 * write, so a change can never land in a period after it closed (its KPI totals are kept then).
 */
export async function requireOpenPeriod(db: Pick<Db, "appraisalPeriod">, periodId: string) {
  const period = await db.appraisalPeriod.findUnique({ where: { id: periodId }, select: { status: true } });
  if (!period) throw planConflict("periodId", "errors.notFound");
  if (period.status !== "open") throw planConflict("periodId", "kpi.errors.periodClosed");
}
