import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { createInvitation, notifyOwner } from "~/modules/auth/auth.server";
import { isRole, type Role } from "~/modules/auth/roles";
import { may, type Actor } from "~/modules/auth/scope";
import { invalidateUserSessions } from "~/modules/auth/session.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import {
  decisionRefusal,
  resetNeedsApproval,
  resetRefusal,
  roleRequestRefusal,
  type AccountActor,
  type AccountTarget,
} from "./account-rules";
import { fieldError, formError } from "~/utils/domain-error";

async function targetOf(db: Db, userId: string): Promise<(AccountTarget & { scopeUnitId: string | null }) | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, role: true, scopeUnitId: true } });
  if (!user || !isRole(user.role)) return null;
  return { userId: user.id, role: user.role, scopeUnitId: user.scopeUnitId };
}

/** Writes nothing but an audit entry, then throws the refusal. */
async function refuse(db: Db, actor: AccountActor, userId: string, what: string, key: string): Promise<never> {
  await audit(db, { actorId: actor.userId, action: "account.refused", entity: "User", entityId: userId, after: { what, reason: key } });
  throw formError(key);
}

/** Admins who may decide a request about `target` (other than the requester and the target), for the outbox. */
async function approversFor(tx: Pick<Db, "user">, sysadminOnly: boolean, exclude: string[]) {
  const rows = await tx.user.findMany({
    where: {
      role: { in: sysadminOnly ? ["sysadmin"] : ["hr_admin", "sysadmin"] },
      disabled: false,
      id: { notIn: exclude },
      employeeId: { not: null },
    },
    select: { employeeId: true },
  });
  return rows.map((r) => r.employeeId!);
}

/** An employee without an account gets one, as a plain employee; roles are granted by request. */
export async function createAccount(db: Db, actorId: string, employeeId: string) {
  const employee = await db.employee.findUnique({
    where: { id: employeeId },
    select: { email: true, active: true, user: { select: { id: true } } },
  });
  if (!employee) throw fieldError("id", "errors.notFound");
  if (employee.user) return employee.user.id;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: { email: employee.email, employeeId, role: "employee", disabled: !employee.active },
      select: { id: true },
    });
    await audit(tx, { actorId, action: "user.create", entity: "User", entityId: user.id, after: { role: "employee" } });
    return user.id;
  });
}

/**
 * Asks for a role (and scope) change; it applies when another admin approves it. Nobody asks
 * for their own account; only sysadmins ask for anything that grants or removes sysadmin.
 */
export async function requestRoleChange(db: Db, actor: AccountActor, userId: string, input: { role: Role; scopeUnitId?: string }) {
  const target = await targetOf(db, userId);
  if (!target) throw formError("errors.notFound");
  if (input.role === "dept_head" && !input.scopeUnitId) throw fieldError("scopeUnitId", "org.errors.scopeRequired");
  if (input.scopeUnitId && !(await db.unit.findUnique({ where: { id: input.scopeUnitId }, select: { id: true } }))) {
    throw fieldError("scopeUnitId", "errors.unknownUnit");
  }
  const scopeUnitId = input.role === "dept_head" ? input.scopeUnitId! : null;
  const changed = input.role !== target.role || scopeUnitId !== target.scopeUnitId;
  const refusal = roleRequestRefusal(actor, target, { role: input.role, changed });
  if (refusal) await refuse(db, actor, userId, "role.request", refusal);
  if (await db.accountRequest.findFirst({ where: { userId, kind: "role", status: "pending" }, select: { id: true } })) {
    await refuse(db, actor, userId, "role.request", "accounts.errors.alreadyPending");
  }
  return db.$transaction(async (tx) => {
    const request = await tx.accountRequest.create({
      data: { kind: "role", userId, role: input.role, scopeUnitId, requestedById: actor.userId },
      select: { id: true },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: "account.role.request",
      entity: "AccountRequest",
      entityId: request.id,
      before: { role: target.role, scopeUnitId: target.scopeUnitId },
      after: { userId, role: input.role, scopeUnitId },
    });
    const sysadminOnly = target.role === "sysadmin" || input.role === "sysadmin";
    await enqueueNotification(tx, {
      type: "account.approvalRequest",
      recipientIds: await approversFor(tx, sysadminOnly, [actor.userId, userId]),
      payload: { kind: "role" },
    });
    return request.id;
  });
}

/**
 * A set-password link. For an employee's account it is issued at once (to the admin asking);
 * for a privileged account it becomes a request, and the link is shown to the second admin who
 * approves it. Never for one's own account.
 */
export async function requestPasswordReset(
  db: Db,
  actor: AccountActor,
  userId: string,
): Promise<{ token: string } | { requestId: string }> {
  const target = await targetOf(db, userId);
  if (!target) throw formError("errors.notFound");
  const refusal = resetRefusal(actor, target);
  if (refusal) await refuse(db, actor, userId, "reset.request", refusal);
  if (!resetNeedsApproval(target)) return { token: await db.$transaction((tx) => createInvitation(tx, userId, actor.userId)) };
  if (await db.accountRequest.findFirst({ where: { userId, kind: "reset", status: "pending" }, select: { id: true } })) {
    await refuse(db, actor, userId, "reset.request", "accounts.errors.alreadyPending");
  }
  return db.$transaction(async (tx) => {
    const request = await tx.accountRequest.create({ data: { kind: "reset", userId, requestedById: actor.userId }, select: { id: true } });
    await audit(tx, {
      actorId: actor.userId,
      action: "account.reset.request",
      entity: "AccountRequest",
      entityId: request.id,
      after: { userId },
    });
    await enqueueNotification(tx, {
      type: "account.approvalRequest",
      recipientIds: await approversFor(tx, target.role === "sysadmin", [actor.userId, userId]),
      payload: { kind: "reset" },
    });
    return { requestId: request.id };
  });
}

/**
 * Approves or rejects a pending request. The approver is neither the requester nor the owner of
 * the account. An approved role change applies from the next request and starts the waiting
 * period for pay sign-off (`roleGrantedAt`); an approved reset returns the link, shown once.
 */
export async function decideRequest(
  db: Db,
  actor: AccountActor,
  requestId: string,
  decision: "approve" | "reject",
  now = new Date(),
): Promise<{ token?: string }> {
  const request = await db.accountRequest.findUnique({ where: { id: requestId } });
  if (!request) throw formError("errors.notFound");
  const target = await targetOf(db, request.userId);
  if (!target) throw formError("errors.notFound");
  const refusal = decisionRefusal(actor, request, target);
  if (refusal) await refuse(db, actor, request.userId, `${request.kind}.${decision}`, refusal);
  return db.$transaction(async (tx) => {
    const decided = await tx.accountRequest.updateMany({
      where: { id: requestId, status: "pending" },
      data: { status: decision === "approve" ? "approved" : "rejected", decidedById: actor.userId, decidedAt: now },
    });
    if (decided.count !== 1) throw formError("accounts.errors.notPending");
    await audit(tx, {
      actorId: actor.userId,
      action: `account.${request.kind}.${decision}`,
      entity: "AccountRequest",
      entityId: requestId,
      after: { userId: request.userId },
    });
    if (decision === "reject") return {};
    if (request.kind === "role") {
      const role = request.role as Role;
      await tx.user.update({ where: { id: request.userId }, data: { role, scopeUnitId: request.scopeUnitId, roleGrantedAt: now } });
      await audit(tx, {
        actorId: actor.userId,
        action: "user.role",
        entity: "User",
        entityId: request.userId,
        before: { role: target.role, scopeUnitId: target.scopeUnitId },
        after: { role, scopeUnitId: request.scopeUnitId, requestedById: request.requestedById },
      });
      await notifyOwner(tx, request.userId, "account.roleChanged", { role });
      return {};
    }
    return { token: await createInvitation(tx, request.userId, actor.userId, now) };
  });
}

/** Pending requests, newest first, with enough to show and decide them. */
export function pendingRequests(db: Db, where: { userId?: string } = {}) {
  return db.accountRequest.findMany({
    where: { status: "pending", ...where },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { id: true, kind: true, userId: true, role: true, scopeUnitId: true, requestedById: true, createdAt: true },
  });
}

/**
 * The pending requests about employees' accounts that HR decides on the employee's page, each
 * with its employee; nothing for anyone who does not both decide requests and manage the organisation.
 */
export async function pendingEmployeeRequests(db: Db, actor: Actor) {
  if (!may(actor, "accounts.request") || !may(actor, "org.manage")) return [];
  const pending = await pendingRequests(db);
  const accounts = await db.user.findMany({
    where: { id: { in: pending.map((r) => r.userId) }, employeeId: { not: null } },
    select: { id: true, employee: { select: { id: true, name: true, employeeNo: true } } },
  });
  const byUser = new Map(accounts.map((a) => [a.id, a.employee!]));
  return pending.flatMap((r) => {
    const employee = byUser.get(r.userId);
    return employee ? [{ id: r.id, kind: r.kind, role: r.role, employee }] : [];
  });
}

/** Disables or enables an account (not one's own; a sysadmin's only by a sysadmin). Disabling ends its sessions. */
export async function setUserDisabled(db: Db, actor: AccountActor, userId: string, disabled: boolean) {
  const actorId = actor.userId;
  if (userId === actorId) throw fieldError("disabled", disabled ? "org.errors.cannotDisableSelf" : "accounts.errors.self");
  const target = await targetOf(db, userId);
  if (!target) throw formError("errors.notFound");
  if (target.role === "sysadmin" && actor.role !== "sysadmin")
    await refuse(db, actor, userId, disabled ? "disable" : "enable", "accounts.errors.sysadminOnly");
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabled } });
    await audit(tx, { actorId, action: disabled ? "user.disable" : "user.enable", entity: "User", entityId: userId });
  });
  if (disabled) await invalidateUserSessions(db, userId);
}

/** What happened to the account lately, for its owner: role changes, password changes, links issued. */
export async function accountChanges(db: Db, userId: string, since?: Date) {
  const rows = await db.auditLog.findMany({
    where: {
      entity: "User",
      entityId: userId,
      action: { in: ["user.role", "password.change", "invitation.accept", "invitation.create"] },
      ...(since ? { at: { gte: since } } : {}),
    },
    orderBy: { id: "desc" },
    take: 20,
    select: { action: true, at: true, after: true },
  });
  return rows.map((r) => ({
    action: r.action,
    at: r.at,
    role: r.action === "user.role" && r.after ? ((JSON.parse(r.after) as { role?: string }).role ?? null) : null,
  }));
}
