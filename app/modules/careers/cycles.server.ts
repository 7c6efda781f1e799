import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { isInScope, may, unitWhere, type Actor } from "~/modules/auth/scope";
import { decisionProblem, nextCycleStatus, nominationProblem, type NominationSource } from "./cycle-rules";
import { dayStart } from "./dates";
import { evaluatePromotion } from "./eligibility.server";
import { recordLevelChange } from "./history.server";
import { nextLevelCode } from "./ladder";
import { quotaExceeded, quotasFor } from "./quota";
import { fieldError } from "~/utils/domain-error";
import { pageOf } from "~/utils/pagination";

export const CANDIDATE_PAGE_SIZE = 25;

export function listCycles(db: Db) {
  return db.promotionCycle.findMany({
    orderBy: { createdAt: "desc" },
    select: {
      id: true,
      name: true,
      status: true,
      effectiveDate: true,
      allowSelfNomination: true,
      createdAt: true,
      _count: { select: { nominations: true } },
    },
  });
}

export async function createCycle(db: Db, actorId: string, input: { name: string; effectiveDate: string; allowSelfNomination: boolean }) {
  return db.$transaction(async (tx) => {
    const cycle = await tx.promotionCycle.create({
      data: {
        name: input.name,
        effectiveDate: dayStart(input.effectiveDate),
        allowSelfNomination: input.allowSelfNomination,
        createdById: actorId,
      },
      select: { id: true },
    });
    await audit(tx, { actorId, action: "career.cycle.create", entity: "PromotionCycle", entityId: cycle.id, after: input });
    return cycle;
  });
}

export function getCycle(db: Db, id: string) {
  return db.promotionCycle.findUnique({
    where: { id },
    select: { id: true, name: true, status: true, effectiveDate: true, allowSelfNomination: true, completedAt: true },
  });
}

/** Quotas of the cycle with approvals used so far (heads see those that touch their scope). */
export async function quotaUse(db: Db, cycleId: string) {
  const [quotas, approved] = await Promise.all([
    db.promotionQuota.findMany({
      where: { cycleId },
      select: { unitId: true, posts: true, unit: { select: { path: true, nameZh: true, nameEn: true } } },
    }),
    db.promotionNomination.findMany({
      where: { cycleId, status: "approved" },
      select: { employee: { select: { unit: { select: { path: true } } } } },
    }),
  ]);
  const list = quotas.map((q) => ({
    unitId: q.unitId,
    unitPath: q.unit.path,
    posts: q.posts,
    nameZh: q.unit.nameZh,
    nameEn: q.unit.nameEn,
  }));
  const approvedPaths = approved.map((a) => a.employee.unit.path);
  return { list, approvedPaths, uses: list.map((q) => ({ ...q, used: approvedPaths.filter((p) => p.startsWith(q.unitPath)).length })) };
}

/**
 * The quotas the actor sees, with approvals used so far: HR (who sets them) sees every quota, a
 * head those of active units inside their scope.
 */
export async function quotasInScope(db: Db, actor: Actor, cycleId: string) {
  const manages = may(actor, "career.manage");
  const [{ uses }, activeUnits] = await Promise.all([
    quotaUse(db, cycleId),
    manages ? null : db.unit.findMany({ where: { ...unitWhere(actor), active: true }, select: { path: true } }),
  ]);
  const visible = new Set(activeUnits?.map((u) => u.path));
  return uses.filter((q) => manages || (isInScope(actor, q.unitPath) && visible.has(q.unitPath))).map(({ unitPath: _p, ...q }) => q);
}

/** Everyone in scope below the top of their track, with the next level's criteria checked; eligible first. */
export async function candidates(
  db: Db,
  actor: Actor,
  cycleId: string,
  options: { page: number; eligibleOnly: boolean },
  now = new Date(),
) {
  // Nobody nominates themselves here: a head's own promotion is for the level above.
  const employees = await db.employee.findMany({
    where: { active: true, unit: unitWhere(actor), ...(actor.employeeId ? { id: { not: actor.employeeId } } : {}) },
    orderBy: { employeeNo: "asc" },
    select: { id: true, employeeNo: true, name: true, track: true, level: true, unit: { select: { nameZh: true, nameEn: true } } },
  });
  const climbing = employees.filter((e) => nextLevelCode(e.track, e.level));
  const [evaluations, nominated] = await Promise.all([
    evaluatePromotion(db, climbing, now),
    db.promotionNomination.findMany({
      where: { cycleId, employeeId: { in: climbing.map((e) => e.id) } },
      select: { employeeId: true, status: true },
    }),
  ]);
  const nominationOf = new Map(nominated.map((n) => [n.employeeId, n.status]));
  const rows = climbing
    .map((e) => {
      const ev = evaluations.get(e.id)!;
      return {
        ...e,
        nextLevel: ev.next?.code ?? null,
        eligible: ev.eligible,
        results: ev.results,
        nomination: nominationOf.get(e.id) ?? null,
      };
    })
    .filter((r) => !options.eligibleOnly || r.eligible)
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || a.employeeNo.localeCompare(b.employeeNo));
  const list = pageOf(rows, options.page, CANDIDATE_PAGE_SIZE);
  return {
    total: rows.length,
    eligibleCount: rows.filter((r) => r.eligible).length,
    page: list.page,
    pageCount: list.pageCount,
    rows: list.rows,
  };
}

/** Nominations of the cycle inside the actor's scope, with the criteria as they stand today. */
export async function nominationsInScope(db: Db, actor: Actor, cycleId: string, now = new Date()) {
  // One's own nomination is reviewed by others (a head's by the level above), never listed to oneself here.
  const rows = await db.promotionNomination.findMany({
    where: { cycleId, employee: { unit: unitWhere(actor), ...(actor.employeeId ? { id: { not: actor.employeeId } } : {}) } },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      track: true,
      fromLevel: true,
      toLevel: true,
      source: true,
      justification: true,
      eligible: true,
      status: true,
      reviewComment: true,
      decidedAt: true,
      employee: {
        select: { id: true, employeeNo: true, name: true, track: true, level: true, unit: { select: { nameZh: true, nameEn: true } } },
      },
    },
  });
  const live = await evaluatePromotion(
    db,
    rows.filter((r) => r.status !== "approved").map((r) => r.employee),
    now,
  );
  return rows.map((r) => ({ ...r, results: live.get(r.employee.id)?.results ?? null }));
}

export async function nominate(
  db: Db,
  actor: Actor,
  input: { cycleId: string; employeeId: string; justification: string; self?: boolean },
  now = new Date(),
) {
  // One's own request, or a review's nomination: HR's (who decides) or a head's.
  const source: NominationSource = input.self ? "self" : may(actor, "career.manage") ? "hr" : "head";
  const cycle = await getCycle(db, input.cycleId);
  if (!cycle) throw fieldError("cycleId", "errors.notFound");
  if (source !== "self" && input.employeeId === actor.employeeId) {
    // A head or HR nominating themselves: refused, and the attempt audited.
    await audit(db, {
      actorId: actor.userId,
      action: "career.refused",
      entity: "PromotionCycle",
      entityId: cycle.id,
      after: { what: "nominate", reason: "careers.errors.selfNomination" },
    });
    throw fieldError("employeeId", "careers.errors.selfNomination");
  }
  // Self-nominations concern only oneself; others only people inside the nominator's scope.
  const employee = await db.employee.findFirst({
    where: source === "self" ? { id: input.employeeId, active: true } : { id: input.employeeId, active: true, unit: unitWhere(actor) },
    select: { id: true, track: true, level: true },
  });
  if (!employee || (source === "self" && input.employeeId !== actor.employeeId)) return null;
  const evaluation = (await evaluatePromotion(db, [employee], now)).get(employee.id)!;
  const existing = await db.promotionNomination.findUnique({
    where: { cycleId_employeeId: { cycleId: cycle.id, employeeId: employee.id } },
    select: { status: true },
  });
  const problem = nominationProblem({
    cycleStatus: cycle.status,
    source,
    allowSelfNomination: cycle.allowSelfNomination,
    nextLevel: evaluation.next?.code ?? null,
    eligible: evaluation.eligible,
    alreadyNominated: Boolean(existing && existing.status !== "withdrawn"),
  });
  if (problem) throw fieldError(source === "self" ? "justification" : "employeeId", problem);
  const data = {
    track: employee.track,
    fromLevel: employee.level,
    toLevel: evaluation.next!.code,
    source,
    nominatedById: actor.userId,
    justification: input.justification,
    criteriaJson: JSON.stringify(evaluation.results),
    eligible: evaluation.eligible,
    status: "nominated",
    reviewComment: null,
    decidedById: null,
    decidedAt: null,
  };
  return db.$transaction(async (tx) => {
    const saved = await tx.promotionNomination.upsert({
      where: { cycleId_employeeId: { cycleId: cycle.id, employeeId: employee.id } },
      create: { cycleId: cycle.id, employeeId: employee.id, ...data },
      update: data,
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: "career.nominate",
      entity: "PromotionNomination",
      entityId: saved.id,
      after: { ...data, criteriaJson: undefined },
    });
    return saved;
  });
}

/** Records a review decision (HR). Approvals are held to every quota that covers the employee's unit. */
export async function decide(
  db: Db,
  actorId: string,
  input: { cycleId: string; nominationId: string; decision: "approved" | "rejected"; comment: string },
  now = new Date(),
) {
  const nomination = await db.promotionNomination.findFirst({
    where: { id: input.nominationId, cycleId: input.cycleId },
    select: {
      id: true,
      status: true,
      eligible: true,
      cycle: { select: { status: true } },
      employee: { select: { id: true, track: true, level: true, unit: { select: { path: true } } } },
    },
  });
  if (!nomination) return null;
  const reviewer = await db.user.findUnique({ where: { id: actorId }, select: { employeeId: true } });
  if (reviewer?.employeeId && reviewer.employeeId === nomination.employee.id) {
    await audit(db, {
      actorId,
      action: "career.refused",
      entity: "PromotionNomination",
      entityId: nomination.id,
      after: { what: "decide", reason: "careers.errors.selfReview" },
    });
    throw fieldError("comment", "careers.errors.selfReview");
  }
  const { list, approvedPaths } = await quotaUse(db, input.cycleId);
  const eligible = (await evaluatePromotion(db, [nomination.employee], now)).get(nomination.employee.id)!.eligible;
  const problem = decisionProblem({
    cycleStatus: nomination.cycle.status,
    nominationStatus: nomination.status,
    decision: input.decision,
    eligible,
    comment: input.comment,
    quotaFull: nomination.status !== "approved" && quotaExceeded(list, approvedPaths, nomination.employee.unit.path) !== null,
  });
  if (problem) throw fieldError("comment", problem);
  await db.$transaction(async (tx) => {
    await tx.promotionNomination.update({
      where: { id: nomination.id },
      data: { status: input.decision, reviewComment: input.comment || null, decidedById: actorId, decidedAt: now, eligible },
    });
    await audit(tx, {
      actorId,
      action: `career.nomination.${input.decision}`,
      entity: "PromotionNomination",
      entityId: nomination.id,
      before: { status: nomination.status },
      after: { status: input.decision, comment: input.comment, eligible },
    });
  });
  return nomination.id;
}

export async function setQuota(db: Db, actorId: string, cycleId: string, unitId: string, posts: number) {
  const [cycle, unit] = await Promise.all([
    getCycle(db, cycleId),
    db.unit.findUnique({ where: { id: unitId }, select: { id: true, path: true } }),
  ]);
  if (!cycle || !unit) throw fieldError("unitId", "errors.unknownUnit");
  if (cycle.status === "completed") throw fieldError("posts", "careers.errors.cycleCompleted");
  const { list, approvedPaths } = await quotaUse(db, cycleId);
  const used = quotasFor([{ unitId, unitPath: unit.path, posts }], approvedPaths, unit.path)[0].used;
  if (posts < used) throw fieldError("posts", "careers.errors.quotaBelowApproved");
  await db.$transaction(async (tx) => {
    await tx.promotionQuota.upsert({
      where: { cycleId_unitId: { cycleId, unitId } },
      create: { cycleId, unitId, posts },
      update: { posts },
    });
    await audit(tx, {
      actorId,
      action: "career.quota.set",
      entity: "PromotionCycle",
      entityId: cycleId,
      before: list.find((q) => q.unitId === unitId)?.posts ?? null,
      after: { unitId, posts },
    });
  });
}

/**
 * Moves the cycle on. Completing it makes every approved promotion effective from the
 * cycle's date: the employee's level changes, a history row is written, all in one transaction.
 */
export async function advanceCycle(db: Db, actorId: string, cycleId: string) {
  const cycle = await getCycle(db, cycleId);
  if (!cycle) return null;
  const next = nextCycleStatus(cycle.status);
  if (!next) throw fieldError("status", "careers.errors.cycleCompleted");
  if (next === "completed" && (await db.promotionNomination.count({ where: { cycleId, status: "nominated" } })) > 0) {
    throw fieldError("status", "careers.errors.undecidedNominations");
  }
  let promoted = 0;
  await db.$transaction(
    async (tx) => {
      if (next === "completed") {
        const approved = await tx.promotionNomination.findMany({
          where: { cycleId, status: "approved" },
          select: { id: true, track: true, fromLevel: true, toLevel: true, employee: { select: { id: true, track: true, level: true } } },
        });
        for (const n of approved) {
          // Someone whose level changed since the nomination is left for HR to look at again.
          if (n.employee.track !== n.track || n.employee.level !== n.fromLevel) continue;
          await tx.employee.update({ where: { id: n.employee.id }, data: { level: n.toLevel } });
          await recordLevelChange(tx, {
            employeeId: n.employee.id,
            track: n.track,
            level: n.toLevel,
            effectiveFrom: cycle.effectiveDate,
            reason: "promotion",
            cycleId,
            actorId,
          });
          await audit(tx, {
            actorId,
            action: "career.promotion.effective",
            entity: "Employee",
            entityId: n.employee.id,
            before: { level: n.fromLevel },
            after: { level: n.toLevel, effectiveFrom: cycle.effectiveDate, cycleId },
          });
          promoted++;
        }
      }
      await tx.promotionCycle.update({
        where: { id: cycleId },
        data: { status: next, ...(next === "completed" ? { completedAt: new Date() } : {}) },
      });
      await audit(tx, {
        actorId,
        action: "career.cycle.advance",
        entity: "PromotionCycle",
        entityId: cycleId,
        before: { status: cycle.status },
        after: { status: next, promoted },
      });
    },
    { timeout: 60_000 },
  );
  return { status: next, promoted };
}
