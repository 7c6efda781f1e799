import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { LEVELS, type Track } from "~/modules/org/org";
import type { CriterionResult } from "./criteria";
import { dayStart } from "./dates";
import { evaluatePromotion } from "./eligibility.server";
import { historyOf, recordLevelChange } from "./history.server";
import { equivalentMoves, isTrack } from "./ladder";
import { listLevels } from "./ladder.server";
import { payBandFor } from "./pay-band.server";
import { quotasFor } from "./quota";
import { quotaUse } from "./cycles.server";
import { fieldError } from "~/utils/domain-error";

/**
 * One employee's career page: where they are, the next level and what it takes (each
 * criterion met or missing), the equivalent moves on the other tracks, their history,
 * track-change requests and the cycle open for nominations.
 */
export async function careerOverview(db: Db, employeeId: string, now = new Date()) {
  const employee = await db.employee.findUnique({
    where: { id: employeeId },
    select: {
      id: true,
      employeeNo: true,
      name: true,
      track: true,
      level: true,
      unit: { select: { path: true, nameZh: true, nameEn: true } },
      position: { select: { nameZh: true, nameEn: true } },
    },
  });
  if (!employee) return null;
  const levels = await listLevels(db);
  const evaluation = (await evaluatePromotion(db, [employee], now, levels)).get(employee.id)!;
  const current = levels.find((l) => l.code === employee.level) ?? null;
  const [history, trackRequests, openCycle, band, nextBand] = await Promise.all([
    historyOf(db, employee.id),
    db.trackChangeRequest.findMany({
      where: { employeeId },
      orderBy: { createdAt: "desc" },
      take: 10,
      select: {
        id: true,
        fromTrack: true,
        fromLevel: true,
        toTrack: true,
        toLevel: true,
        reason: true,
        status: true,
        decisionComment: true,
        createdAt: true,
        effectiveFrom: true,
      },
    }),
    db.promotionCycle.findFirst({
      where: { status: { in: ["nominating", "reviewing"] } },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        name: true,
        status: true,
        allowSelfNomination: true,
        effectiveDate: true,
        nominations: { where: { employeeId }, select: { status: true, toLevel: true, source: true } },
      },
    }),
    payBandFor(db, employee.track, employee.level),
    evaluation.next ? payBandFor(db, employee.track, evaluation.next.code) : null,
  ]);
  let quotaResult: CriterionResult | null = null;
  if (openCycle && evaluation.next) {
    const { list, approvedPaths } = await quotaUse(db, openCycle.id);
    const applying = quotasFor(list, approvedPaths, employee.unit.path);
    if (applying.length) {
      const tightest = applying.reduce((a, b) => (b.remaining < a.remaining ? b : a));
      quotaResult = {
        criterion: "quota",
        status: tightest.remaining > 0 ? "met" : "missing",
        required: tightest.posts,
        actual: tightest.used,
      };
    }
  }
  const { facts: _facts, ...rest } = evaluation;
  return {
    employee,
    current,
    band,
    nextBand,
    ...rest,
    quota: quotaResult,
    moves: equivalentMoves(levels, employee.level),
    history,
    trackRequests,
    openCycle: openCycle ? { ...openCycle, nomination: openCycle.nominations[0] ?? null, nominations: undefined } : null,
    levels: levels.map((l) => ({ code: l.code, track: l.track, titleZh: l.titleZh, titleEn: l.titleEn })),
  };
}

export async function requestTrackChange(
  db: Db,
  actor: { userId: string; employeeId: string },
  input: { toTrack: Track; toLevel: string; reason: string },
) {
  const employee = await db.employee.findUniqueOrThrow({ where: { id: actor.employeeId }, select: { track: true, level: true } });
  if (input.toTrack === employee.track) throw fieldError("toTrack", "careers.errors.sameTrack");
  if (!LEVELS[input.toTrack].includes(input.toLevel)) throw fieldError("toLevel", "errors.levelNotOnTrack");
  if (await db.trackChangeRequest.count({ where: { employeeId: actor.employeeId, status: "pending" } }))
    throw fieldError("toTrack", "careers.errors.requestPending");
  return db.$transaction(async (tx) => {
    const saved = await tx.trackChangeRequest.create({
      data: {
        employeeId: actor.employeeId,
        fromTrack: employee.track,
        fromLevel: employee.level,
        toTrack: input.toTrack,
        toLevel: input.toLevel,
        reason: input.reason,
      },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: "career.trackRequest.create",
      entity: "TrackChangeRequest",
      entityId: saved.id,
      after: input,
    });
    return saved;
  });
}

export async function withdrawTrackRequest(db: Db, actor: { userId: string; employeeId: string }, requestId: string) {
  const { count } = await db.trackChangeRequest.updateMany({
    where: { id: requestId, employeeId: actor.employeeId, status: "pending" },
    data: { status: "withdrawn" },
  });
  if (count)
    await audit(db, { actorId: actor.userId, action: "career.trackRequest.withdraw", entity: "TrackChangeRequest", entityId: requestId });
  return count > 0;
}

export function pendingTrackRequests(db: Db) {
  return db.trackChangeRequest.findMany({
    where: { status: "pending" },
    orderBy: { createdAt: "asc" },
    select: {
      id: true,
      fromTrack: true,
      fromLevel: true,
      toTrack: true,
      toLevel: true,
      reason: true,
      createdAt: true,
      employee: { select: { id: true, employeeNo: true, name: true, unit: { select: { nameZh: true, nameEn: true } } } },
    },
  });
}

/** HR decides; an approval moves the employee to the new track and level from the given date. */
export async function decideTrackRequest(
  db: Db,
  actorId: string,
  input: { requestId: string; decision: "approved" | "rejected"; comment: string; effectiveFrom: string },
) {
  const request = await db.trackChangeRequest.findUnique({
    where: { id: input.requestId },
    select: {
      id: true,
      status: true,
      employeeId: true,
      fromTrack: true,
      fromLevel: true,
      toTrack: true,
      toLevel: true,
      employee: { select: { track: true, level: true } },
    },
  });
  if (!request) return null;
  if (request.status !== "pending") throw fieldError("decision", "careers.errors.requestDecided");
  if (input.decision === "rejected" && !input.comment.trim()) throw fieldError("comment", "careers.errors.rejectionNeedsComment");
  if (!isTrack(request.toTrack)) throw fieldError("decision", "errors.invalidChoice");
  const approved = input.decision === "approved";
  if (approved && (request.employee.track !== request.fromTrack || request.employee.level !== request.fromLevel))
    throw fieldError("decision", "careers.errors.levelChangedSince");
  const effectiveFrom = dayStart(input.effectiveFrom);
  await db.$transaction(async (tx) => {
    await tx.trackChangeRequest.update({
      where: { id: request.id },
      data: {
        status: input.decision,
        decisionComment: input.comment || null,
        decidedById: actorId,
        decidedAt: new Date(),
        effectiveFrom: approved ? effectiveFrom : null,
      },
    });
    if (approved) {
      await tx.employee.update({ where: { id: request.employeeId }, data: { track: request.toTrack, level: request.toLevel } });
      await recordLevelChange(tx, {
        employeeId: request.employeeId,
        track: request.toTrack,
        level: request.toLevel,
        effectiveFrom,
        reason: "track_change",
        actorId,
      });
    }
    await audit(tx, {
      actorId,
      action: `career.trackRequest.${input.decision}`,
      entity: "TrackChangeRequest",
      entityId: request.id,
      before: { track: request.fromTrack, level: request.fromLevel },
      after: approved ? { track: request.toTrack, level: request.toLevel, effectiveFrom: input.effectiveFrom } : { comment: input.comment },
    });
  });
  return request.id;
}
