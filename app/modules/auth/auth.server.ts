import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { hashPassword, passwordProblem, verifyPassword } from "./password.server";
import { createSession, invalidateUserSessions } from "./session.server";
import { clearAccountFailures, isKnownDevice, isThrottled, recordFailure } from "./throttle.server";

export type SignInResult =
  | { ok: true; token: string; expiresAt: Date; userId: string }
  | { ok: false; reason: "invalid" | "throttled" };

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
  const user = await db.user.findUnique({ where: { email }, select: { id: true, passwordHash: true, disabled: true } });
  const knownDevice = isKnownDevice(user?.id, input.deviceToken);
  if (await isThrottled(db, { email, address: input.address, knownDevice }, now)) {
    return { ok: false, reason: "throttled" };
  }
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid || user.disabled) {
    await recordFailure(db, { email, address: input.address }, now);
    return { ok: false, reason: "invalid" };
  }
  await clearAccountFailures(db, email);
  const session = await createSession(db, user.id, now);
  return { ok: true, userId: user.id, ...session };
}

export async function changePassword(db: Db, userId: string, current: string, next: string) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, current))) return { ok: false as const, field: "current", error: "errors.passwordWrong" };
  const problem = passwordProblem(next);
  if (problem) return { ok: false as const, field: "next", error: problem };
  await db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(next) } });
  await invalidateUserSessions(db, userId);
  await audit(db, { actorId: userId, action: "password.change", entity: "User", entityId: userId });
  return { ok: true as const };
}

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

function hashToken(token: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** HR issues a one-time link to set a first (or new) password; only the hash is stored. */
export async function createInvitation(db: Db, userId: string, createdById: string, now = new Date()) {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  await db.invitation.updateMany({ where: { userId, usedAt: null }, data: { usedAt: now } });
  await db.invitation.create({
    data: { tokenHash: hashToken(token), userId, createdById, expiresAt: new Date(now.getTime() + INVITATION_TTL_MS) },
  });
  await audit(db, { actorId: createdById, action: "invitation.create", entity: "User", entityId: userId });
  return token;
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
  const used = await db.invitation.updateMany({ where: { id: invitation.id, usedAt: null }, data: { usedAt: now } });
  if (used.count !== 1) return { ok: false as const, error: "errors.invitationInvalid" };
  await db.user.update({ where: { id: invitation.userId }, data: { passwordHash } });
  await invalidateUserSessions(db, invitation.userId);
  await audit(db, { actorId: invitation.userId, action: "invitation.accept", entity: "User", entityId: invitation.userId });
  return { ok: true as const, userId: invitation.userId, email: invitation.user.email };
}
