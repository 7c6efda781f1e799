import type { Prisma } from "~/generated/prisma/client";
import { audit } from "~/modules/audit/audit.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { checkTransition, isOlderThan, OPEN_STATUSES, type SuggestionCategory, type SuggestionStatus } from "./rules";
import { appendReply, PAGE_SIZE } from "./suggestions.server";
import { DomainError, fieldError } from "~/utils/domain-error";
import { paginate, pageWindow } from "~/utils/pagination";

export type HandlerFilters = {
  status?: SuggestionStatus | "open" | "stale";
  category?: SuggestionCategory;
  unitId?: string;
  q?: string;
  page?: number;
};

function scopeWhere(actor: Actor): Prisma.SuggestionWhereInput {
  return { unit: unitWhere(actor) };
}

/** Suggestions concerning units in the handler's scope, newest month first. */
export async function listForHandler(db: Db, actor: Actor, filters: HandlerFilters, now = new Date()) {
  const page = filters.page ?? 1;
  const unitFilter = filters.unitId
    ? await db.unit.findFirst({ where: { id: filters.unitId, ...unitWhere(actor) }, select: { path: true } })
    : null;
  const where: Prisma.SuggestionWhereInput = {
    AND: [
      scopeWhere(actor),
      filters.status === "open" || filters.status === "stale"
        ? { status: { in: [...OPEN_STATUSES] }, mergedIntoId: null }
        : filters.status
          ? { status: filters.status }
          : {},
      filters.category ? { category: filters.category } : {},
      filters.unitId ? (unitFilter ? { unit: { path: { startsWith: unitFilter.path } } } : { id: { in: [] } }) : {},
      filters.q ? { OR: [{ title: { contains: filters.q } }, { body: { contains: filters.q } }] } : {},
    ],
  };
  const select = {
    id: true,
    title: true,
    category: true,
    status: true,
    anonymous: true,
    period: true,
    hiddenReason: true,
    mergedIntoId: true,
    unit: { select: { nameZh: true, nameEn: true } },
    owner: { select: { employee: { select: { name: true } }, email: true } },
    author: { select: { submittedAt: true } },
    replies: { orderBy: { seq: "desc" as const }, take: 1, select: { author: true } },
  };
  const shape = (r: Prisma.SuggestionGetPayload<{ select: typeof select }>) => ({
    id: r.id,
    title: r.title,
    category: r.category,
    status: r.status as SuggestionStatus,
    anonymous: r.anonymous,
    period: r.period,
    hidden: Boolean(r.hiddenReason),
    merged: Boolean(r.mergedIntoId),
    unit: r.unit,
    owner: r.owner ? (r.owner.employee?.name ?? r.owner.email) : null,
    awaitingReply: (r.replies[0]?.author ?? "submitter") === "submitter",
  });
  if (filters.status === "stale") {
    // Age is known exactly for named items and only by month for anonymous ones, so it is filtered here.
    const rows = (await db.suggestion.findMany({ where, select, orderBy: [{ period: "asc" }, { id: "asc" }] })).filter((r) =>
      isOlderThan({ submittedAt: r.author?.submittedAt ?? null, period: r.period }, 30, now),
    );
    const window = pageWindow(page, PAGE_SIZE);
    return {
      rows: rows.slice(window.skip, window.skip + window.take).map(shape),
      total: rows.length,
      page,
      pageCount: paginate({ page, pageSize: PAGE_SIZE, total: rows.length }).pageCount,
    };
  }
  const [total, rows] = await Promise.all([
    db.suggestion.count({ where }),
    db.suggestion.findMany({
      where,
      select,
      orderBy: [{ period: "desc" }, { status: "asc" }, { id: "asc" }],
      ...pageWindow(page, PAGE_SIZE),
    }),
  ]);
  return { rows: rows.map(shape), total, page, pageCount: paginate({ page, pageSize: PAGE_SIZE, total }).pageCount };
}

/** One suggestion for its handlers, with everything they see; null outside the actor's scope. */
export async function getForHandler(db: Db, actor: Actor, id: string) {
  const row = await db.suggestion.findFirst({
    where: { id, ...scopeWhere(actor) },
    select: {
      id: true,
      title: true,
      body: true,
      category: true,
      anonymous: true,
      period: true,
      status: true,
      declineReason: true,
      hiddenReason: true,
      ownerUserId: true,
      unit: { select: { id: true, path: true, nameZh: true, nameEn: true } },
      owner: { select: { email: true, employee: { select: { name: true } } } },
      author: { select: { submittedAt: true, employee: { select: { name: true, employeeNo: true } } } },
      mergedInto: { select: { id: true, title: true, status: true } },
      duplicates: { select: { id: true, title: true } },
      reward: { select: { amountFen: true, points: true, note: true, awardedAt: true } },
      replies: { orderBy: { seq: "asc" } },
      notes: { orderBy: { createdAt: "asc" }, select: { id: true, body: true, createdAt: true, authorUserId: true } },
    },
  });
  if (!row) return null;
  const noteAuthors = await db.user.findMany({
    where: { id: { in: [...new Set(row.notes.map((n) => n.authorUserId))] } },
    select: { id: true, email: true, employee: { select: { name: true } } },
  });
  const names = new Map(noteAuthors.map((u) => [u.id, u.employee?.name ?? u.email]));
  return {
    ...row,
    status: row.status as SuggestionStatus,
    notes: row.notes.map((n) => ({
      id: n.id,
      body: n.body,
      createdAt: n.createdAt.toISOString(),
      author: names.get(n.authorUserId) ?? "",
    })),
  };
}
export type HandlerView = NonNullable<Awaited<ReturnType<typeof getForHandler>>>;

async function inScope(db: Db, actor: Actor, id: string) {
  const row = await db.suggestion.findFirst({
    where: { id, ...scopeWhere(actor) },
    select: {
      id: true,
      status: true,
      anonymous: true,
      mergedIntoId: true,
      hiddenReason: true,
      unit: { select: { path: true } },
      author: { select: { employeeId: true } },
    },
  });
  if (!row) throw new DomainError("errors.notFound", { field: "id", status: 404 });
  return row;
}

/** Only named submitters are notified; an anonymous thread never leaves a trace in the outbox. */
async function notifySubmitter(
  tx: Pick<Db, "outboxMessage">,
  row: { anonymous: boolean; author: { employeeId: string } | null },
  type: string,
  id: string,
) {
  if (row.anonymous || !row.author) return;
  await enqueueNotification(tx, { type, recipientIds: [row.author.employeeId], payload: { suggestionId: id } });
}

export async function changeStatus(db: Db, actor: Actor, id: string, to: SuggestionStatus, reason?: string) {
  const row = await inScope(db, actor, id);
  const check = checkTransition(row.status as SuggestionStatus, to, { reason, merged: Boolean(row.mergedIntoId) });
  if (!check.ok) throw fieldError(check.error === "suggestions.errors.reasonRequired" ? "reason" : "status", check.error);
  await db.$transaction(async (tx) => {
    await tx.suggestion.update({ where: { id }, data: { status: to, declineReason: to === "declined" ? reason!.trim() : null } });
    await notifySubmitter(tx, row, "suggestion.status", id);
    await audit(tx, {
      actorId: actor.userId,
      action: "suggestion.status",
      entity: "Suggestion",
      entityId: id,
      before: { status: row.status },
      after: { status: to, reason },
    });
  });
}

/** Users who may own a suggestion on this unit: HR, and heads whose scope contains it. */
export async function eligibleOwners(db: Db, unitPath: string) {
  const users = await db.user.findMany({
    where: { disabled: false, role: { in: ["hr_admin", "dept_head"] } },
    select: {
      id: true,
      role: true,
      email: true,
      employee: { select: { name: true } },
      scopeUnit: { select: { path: true, nameZh: true, nameEn: true } },
    },
  });
  return users
    .filter((u) => u.role === "hr_admin" || (u.scopeUnit && unitPath.startsWith(u.scopeUnit.path)))
    .map((u) => ({
      id: u.id,
      role: u.role,
      name: u.employee?.name ?? u.email,
      scopeUnit: u.scopeUnit ? { nameZh: u.scopeUnit.nameZh, nameEn: u.scopeUnit.nameEn } : null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, "zh-CN"));
}

export async function setOwner(db: Db, actor: Actor, id: string, ownerUserId: string | null) {
  const row = await inScope(db, actor, id);
  if (ownerUserId && !(await eligibleOwners(db, row.unit.path)).some((u) => u.id === ownerUserId))
    throw fieldError("ownerUserId", "suggestions.errors.ownerNotEligible");
  await db.$transaction(async (tx) => {
    await tx.suggestion.update({ where: { id }, data: { ownerUserId } });
    await audit(tx, { actorId: actor.userId, action: "suggestion.owner", entity: "Suggestion", entityId: id, after: { ownerUserId } });
  });
}

/** The signature a reply carries: the handler's role and unit, and their name only when they choose. */
export async function signatureFor(db: Db, actor: Actor, withName: boolean) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: actor.userId },
    select: {
      role: true,
      scopeUnit: { select: { nameZh: true, nameEn: true } },
      employee: { select: { name: true, unit: { select: { nameZh: true, nameEn: true } } } },
    },
  });
  const unit = (user.role === "dept_head" ? user.scopeUnit : null) ?? user.employee?.unit ?? { nameZh: "", nameEn: "" };
  return {
    signatureRole: user.role,
    signatureUnitZh: unit.nameZh,
    signatureUnitEn: unit.nameEn,
    signatureName: withName ? (user.employee?.name ?? null) : null,
  };
}

export async function addHandlerReply(db: Db, actor: Actor, id: string, body: string, signWithName: boolean, now = new Date()) {
  const row = await inScope(db, actor, id);
  const signature = await signatureFor(db, actor, signWithName);
  await db.$transaction(async (tx) => {
    const reply = await appendReply(tx, id, { author: "handler", body, handlerUserId: actor.userId, sentAt: now, ...signature });
    await notifySubmitter(tx, row, "suggestion.reply", id);
    await audit(tx, {
      actorId: actor.userId,
      action: "suggestion.reply",
      entity: "Suggestion",
      entityId: id,
      after: { replyId: reply.id },
    });
  });
}

export async function addNote(db: Db, actor: Actor, id: string, body: string) {
  await inScope(db, actor, id);
  await db.suggestionNote.create({ data: { suggestionId: id, authorUserId: actor.userId, body } });
}

/** Marks `id` a duplicate of `targetId`; it then follows the target's status. No chains. */
export async function mergeInto(db: Db, actor: Actor, id: string, targetId: string) {
  const row = await inScope(db, actor, id);
  if (id === targetId) throw fieldError("targetId", "suggestions.errors.mergeSelf");
  const target = await db.suggestion.findFirst({ where: { id: targetId, ...scopeWhere(actor) }, select: { id: true, mergedIntoId: true } });
  if (!target) throw fieldError("targetId", "suggestions.errors.mergeTargetUnknown");
  if (target.mergedIntoId || row.mergedIntoId) throw fieldError("targetId", "suggestions.errors.mergeChain");
  if ((await db.suggestion.count({ where: { mergedIntoId: id } })) > 0)
    throw fieldError("targetId", "suggestions.errors.mergeHasDuplicates");
  await db.$transaction(async (tx) => {
    await tx.suggestion.update({ where: { id }, data: { mergedIntoId: targetId } });
    await notifySubmitter(tx, row, "suggestion.status", id);
    await audit(tx, {
      actorId: actor.userId,
      action: "suggestion.merge",
      entity: "Suggestion",
      entityId: id,
      after: { mergedIntoId: targetId },
    });
  });
}

export async function setHidden(db: Db, actor: Actor, id: string, reason: string | null) {
  await inScope(db, actor, id);
  await db.$transaction(async (tx) => {
    await tx.suggestion.update({ where: { id }, data: { hiddenReason: reason } });
    await audit(tx, {
      actorId: actor.userId,
      action: reason ? "suggestion.hide" : "suggestion.unhide",
      entity: "Suggestion",
      entityId: id,
      after: { reason },
    });
  });
}

export async function hideReply(db: Db, actor: Actor, id: string, replyId: string, reason: string) {
  await inScope(db, actor, id);
  const reply = await db.suggestionReply.findFirst({ where: { id: replyId, suggestionId: id, author: "submitter" }, select: { id: true } });
  if (!reply) throw fieldError("replyId", "errors.notFound");
  await db.$transaction(async (tx) => {
    await tx.suggestionReply.update({ where: { id: replyId }, data: { hiddenReason: reason } });
    await audit(tx, {
      actorId: actor.userId,
      action: "suggestion.hideReply",
      entity: "Suggestion",
      entityId: id,
      after: { replyId, reason },
    });
  });
}

/** Rewards an adopted named suggestion (replacing an earlier reward); anonymous ones cannot be rewarded. */
export async function rewardSuggestion(db: Db, actor: Actor, id: string, input: { amountFen: number; points: number; note: string }) {
  const row = await inScope(db, actor, id);
  if (row.anonymous || !row.author) throw fieldError("note", "suggestions.errors.rewardAnonymous");
  if (row.status !== "accepted" && row.status !== "implemented") throw fieldError("note", "suggestions.errors.rewardNotAdopted");
  if (input.amountFen <= 0 && input.points <= 0) throw fieldError("amountYuan", "suggestions.errors.rewardEmpty");
  await db.$transaction(async (tx) => {
    const data = { amountFen: input.amountFen, points: input.points, note: input.note, awardedById: actor.userId };
    await tx.suggestionReward.upsert({
      where: { suggestionId: id },
      create: { suggestionId: id, ...data },
      update: { ...data, awardedAt: new Date() },
    });
    await notifySubmitter(tx, row, "suggestion.reward", id);
    await audit(tx, { actorId: actor.userId, action: "suggestion.reward", entity: "Suggestion", entityId: id, after: data });
  });
}
