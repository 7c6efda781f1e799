import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { passwordSignInAllowed } from "~/modules/identity/policy.server";
import { hashPassword, passwordProblem, verifyPassword } from "./password.server";
import { createSession, invalidateUserSessions } from "./session.server";
import { isKnownDevice, isThrottled, recordFailure, recordSuccess } from "./throttle.server";

export type SignInResult =
  { ok: true; token: string; expiresAt: Date; userId: string } | { ok: false; reason: "invalid" | "throttled" | "ssoRequired" };

export function normaliseEmail(email: string) {
  return email.trim().toLowerCase();
}

/**
 * Unknown user, disabled user, no password yet and wrong password all answer "invalid"
 * after the same argon2 work.
 */
export async function signIn(
  db: Db,
  input: { email: string; password: string; address: string; deviceToken?: string },
  now = new Date(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email);
  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabled: true, role: true } });
  const knownDevice = isKnownDevice(user?.id, input.deviceToken);
  if (await isThrottled(db, { email, address: input.address, knownDevice }, now)) {
    return { ok: false, reason: "throttled" };
  }
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid || user.disabled) {
    await recordFailure(db, { email, address: input.address }, now);
    return { ok: false, reason: "invalid" };
  }
  await recordSuccess(db, { email, address: input.address }, now);
  // Told only to someone who knows the password.
  if (!(await passwordSignInAllowed(db, user.role))) return { ok: false, reason: "ssoRequired" };
  const session = await createSession(db, user.id, now);
  return { ok: true, userId: user.id, ...session };
}

export async function changePassword(db: Db, userId: string, current: string, next: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, current))) return { ok: false as const, field: "current", error: "errors.passwordWrong" };
  const problem = passwordProblem(next);
  if (problem) return { ok: false as const, field: "next", error: problem };
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash } });
    await audit(tx, { actorId: userId, action: "password.change", entity: "User", entityId: userId });
    await notifyOwner(tx, userId, "account.passwordChanged", {});
  });
  await invalidateUserSessions(db, userId);
  return { ok: true as const };
}

/** A first-password invitation lasts 7 days; a reset link (the account has a password) 24 hours. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

function hashToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

type InvitationTx = Pick<Db, "invitation" | "auditLog" | "user">;

/**
 * A one-time link to set a first (or new) password; only the hash is stored. Any earlier
 * unused link of the account stops working. Who may ask for one is decided by the caller
 * (`~/modules/org/accounts.server`): never for one's own account, and for a privileged account
 * only with a second admin's approval.
 */
export async function createInvitation(db: InvitationTx, userId: string, createdById: string, now = new Date(), ttlMs?: number) {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  const ttl = ttlMs ?? (user.passwordHash ? RESET_TTL_MS : INVITATION_TTL_MS);
  await db.invitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await db.invitation.create({
    data: { tokenHash: hashToken(token), userId, createdById, expiresAt: new Date(now.getTime() + ttl) },
  });
  await audit(db, { actorId: createdById, action: "invitation.create", entity: "User", entityId: userId });
  return token;
}

/** Tells the owner of an account (through the outbox) that something about it changed. */
export async function notifyOwner(
  tx: Pick<Db, "user" | "outboxMessage">,
  userId: string,
  type: "account.passwordChanged" | "account.roleChanged",
  payload: Record<string, unknown>,
) {
  const owner = await tx.user.findUnique({ where: { id: userId }, select: { employeeId: true } });
  if (owner?.employeeId) await enqueueNotification(tx, { type, recipientIds: [owner.employeeId], payload });
}

export async function findInvitation(db: Db, token: string, now = new Date()) {
  if (!/^[a-z2-7]{32}$/.test(token)) return null;
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, expiresAt: true, usedAt: true, user: { select: { email: true, disabled: true } } },
  });
  if (!invitation || invitation.usedAt || invitation.expiresAt <= now || invitation.user.disabled) return null;
  return invitation;
}

export async function acceptInvitation(db: Db, token: string, password: string, now = new Date()) {
  const invitation = await findInvitation(db, token, now);
  if (!invitation) return { ok: false as const, error: "errors.invitationInvalid" };
  const problem = passwordProblem(password);
  if (problem) return { ok: false as const, error: problem };
  const passwordHash = await hashPassword(password);
  const accepted = await db.$transaction(async (tx) => {
    const used = await tx.invitation.updateMany({
      where: { id: invitation.id, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (used.count !== 1) return false;
    await tx.user.update({ where: { id: invitation.userId }, data: { passwordHash } });
    await audit(tx, { actorId: invitation.userId, action: "invitation.accept", entity: "User", entityId: invitation.userId });
    await notifyOwner(tx, invitation.userId, "account.passwordChanged", {});
    return true;
  });
  if (!accepted) return { ok: false as const, error: "errors.invitationInvalid" };
  await invalidateUserSessions(db, invitation.userId);
  return { ok: true as const, userId: invitation.userId, email: invitation.user.email };
}
