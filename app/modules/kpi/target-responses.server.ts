import { audit } from "~/modules/audit/audit.server";
import { may, unitWhere, type Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { formError } from "~/utils/domain-error";
import { loadPeriodData } from "./period-data.server";
import { createHash } from "node:crypto";
import type { EffectiveLine } from "./lines";
import { countByUnit, mayRespond, targetState, type TargetState } from "./target-responses";

/** The fingerprint of the targets an employee answers: every line's KPI, weight and curve, in plan order. */
export function targetsHash(lines: Pick<EffectiveLine, "kpiId" | "weight" | "threshold" | "target" | "stretch" | "cap">[]) {
  const text = JSON.stringify(lines.map((l) => [l.kpiId, l.weight, l.threshold, l.target, l.stretch, l.cap]));
  return createHash("sha256").update(text).digest("hex");
}

const RESPONSE = {
  employeeId: true,
  kind: true,
  targetsHash: true,
  reason: true,
  respondedAt: true,
  answerOutcome: true,
  answer: true,
  answeredAt: true,
} as const;

/** Today's fingerprint of each person's targets (people without targets are left out). */
async function currentHashes(db: Db, periodId: string, employeeIds: string[]) {
  const data = await loadPeriodData(db, periodId, employeeIds);
  const hashes = new Map<string, string>();
  for (const [employeeId, lines] of data.lines) if (lines.length > 0) hashes.set(employeeId, targetsHash(lines));
  return hashes;
}

/** The employee's own standing on their targets for a period (null when they have none). */
export async function myTargetResponse(db: Db, actor: Actor, periodId: string) {
  if (!actor.employeeId) return null;
  const period = await db.appraisalPeriod.findUnique({ where: { id: periodId }, select: { status: true } });
  if (!period) return null;
  const hash = (await currentHashes(db, periodId, [actor.employeeId])).get(actor.employeeId);
  if (!hash) return null;
  const response = await db.kpiTargetResponse.findUnique({
    where: { periodId_employeeId: { periodId, employeeId: actor.employeeId } },
    select: RESPONSE,
  });
  const state = targetState(response, hash);
  const open = period.status === "open";
  return {
    state,
    // What was said about earlier targets stays visible, marked as such.
    response: response ? { ...response, current: response.targetsHash === hash } : null,
    can: { confirm: open && mayRespond(state, "confirm"), object: open && mayRespond(state, "object") },
  };
}

/**
 * The employee confirms their own targets, or objects with a reason: once per set of targets
 * (after the head answered an objection, a confirmation). Nobody answers for someone else: the
 * person is the actor. Audited.
 */
export async function respondToTargets(
  db: Db,
  actor: Actor,
  periodId: string,
  input: { intent: "confirmTargets" } | { intent: "objectTargets"; reason: string },
) {
  const employeeId = actor.employeeId;
  if (!employeeId || !may(actor, "self.view")) throw formError("talk.errors.notAnEmployee", 403);
  const period = await db.appraisalPeriod.findUnique({ where: { id: periodId }, select: { status: true } });
  if (!period) throw formError("errors.notFound", 404);
  if (period.status !== "open") throw formError("kpi.errors.periodClosed", 409);
  const hash = (await currentHashes(db, periodId, [employeeId])).get(employeeId);
  if (!hash) throw formError("talk.errors.noTargets", 409);
  const kind = input.intent === "confirmTargets" ? "confirmed" : "objected";
  const reason = input.intent === "objectTargets" ? input.reason : null;
  await db.$transaction(async (tx) => {
    const before = await tx.kpiTargetResponse.findUnique({ where: { periodId_employeeId: { periodId, employeeId } }, select: RESPONSE });
    const state = targetState(before, hash);
    if (!mayRespond(state, kind === "confirmed" ? "confirm" : "object"))
      throw formError(state === "confirmed" ? "talk.errors.alreadyConfirmed" : "talk.errors.alreadyAnswered", 409);
    const row = {
      kind,
      targetsHash: hash,
      reason,
      respondedById: actor.userId,
      respondedAt: new Date(),
      answerOutcome: null,
      answer: null,
      answeredById: null,
      answeredAt: null,
    };
    await tx.kpiTargetResponse.upsert({
      where: { periodId_employeeId: { periodId, employeeId } },
      create: { periodId, employeeId, ...row },
      update: row,
    });
    await audit(tx, {
      actorId: actor.userId,
      action: kind === "confirmed" ? "kpi.targets.confirm" : "kpi.targets.object",
      entity: "KpiTargetResponse",
      entityId: `${periodId}:${employeeId}`,
      before: before ? { kind: before.kind, state } : undefined,
      after: { kind, reason, targetsHash: hash },
    });
  });
}

/**
 * The people in the actor's scope with their standing (heads: their subtree; HR: everyone),
 * and per unit how many confirmed, objected or are still pending.
 */
export async function targetResponses(db: Db, actor: Actor, periodId: string) {
  if (!may(actor, "kpi.view")) throw formError("errors.page.forbidden.body", 403);
  const people = await db.employee.findMany({
    where: { active: true, unit: unitWhere(actor) },
    orderBy: { employeeNo: "asc" },
    select: { id: true, employeeNo: true, name: true, unitId: true, unit: { select: { nameZh: true, nameEn: true, path: true } } },
  });
  const hashes = await currentHashes(
    db,
    periodId,
    people.map((p) => p.id),
  );
  const responses = await db.kpiTargetResponse.findMany({
    where: { periodId, employeeId: { in: [...hashes.keys()] } },
    select: RESPONSE,
  });
  const byEmployee = new Map(responses.map((r) => [r.employeeId, r]));
  const rows = people
    .filter((p) => hashes.has(p.id))
    .map((p) => {
      const response = byEmployee.get(p.id) ?? null;
      const state: TargetState = targetState(response, hashes.get(p.id)!);
      return {
        employeeId: p.id,
        employeeNo: p.employeeNo,
        name: p.name,
        unitId: p.unitId,
        unit: p.unit,
        state,
        respondedAt: state === "pending" ? null : (response?.respondedAt ?? null),
        reason: state === "objected" || state === "answered" ? response!.reason : null,
        answer: state === "answered" ? { outcome: response!.answerOutcome, text: response!.answer, at: response!.answeredAt } : null,
        own: p.id === actor.employeeId,
      };
    });
  const counts = countByUnit(rows);
  const units = [...counts.entries()]
    .map(([unitId, c]) => ({ unitId, unit: rows.find((r) => r.unitId === unitId)!.unit, ...c }))
    .sort((a, b) => (a.unit.path < b.unit.path ? -1 : 1));
  return { people: rows, units };
}

/**
 * The head of the employee's unit (or HR) answers an open objection with a reason: the target
 * stays, or it will be changed (through the plan, which then asks the employee again). Never
 * one's own objection. Audited.
 */
export async function answerObjection(
  db: Db,
  actor: Actor,
  periodId: string,
  input: { employeeId: string; outcome: "keep" | "change"; answer: string },
) {
  if (!may(actor, "kpi.view")) throw formError("errors.page.forbidden.body", 403);
  const employee = await db.employee.findFirst({ where: { id: input.employeeId, unit: unitWhere(actor) }, select: { id: true } });
  if (!employee) throw formError("errors.notFound", 404);
  if (employee.id === actor.employeeId) throw formError("talk.errors.ownObjection", 403);
  const hash = (await currentHashes(db, periodId, [employee.id])).get(employee.id);
  const response = await db.kpiTargetResponse.findUnique({
    where: { periodId_employeeId: { periodId, employeeId: employee.id } },
    select: RESPONSE,
  });
  if (!hash || targetState(response, hash) !== "objected") throw formError("talk.errors.noOpenObjection", 409);
  await db.$transaction(async (tx) => {
    const updated = await tx.kpiTargetResponse.updateMany({
      where: { periodId, employeeId: employee.id, kind: "objected", targetsHash: hash, answeredAt: null },
      data: { answerOutcome: input.outcome, answer: input.answer, answeredById: actor.userId, answeredAt: new Date() },
    });
    if (updated.count !== 1) throw formError("talk.errors.noOpenObjection", 409);
    await audit(tx, {
      actorId: actor.userId,
      action: "kpi.targets.answer",
      entity: "KpiTargetResponse",
      entityId: `${periodId}:${employee.id}`,
      after: { outcome: input.outcome, answer: input.answer },
    });
  });
}
