import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import type { Db } from "~/utils/db.server";
import { firstRow } from "~/utils/sql.server";
import { sessionWithUser } from "./queries.server";
import { isRole } from "./roles";
import type { Actor } from "./scope";

/** Idle timeout, renewed (sliding) when less than half remains. */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** No session outlives this, however active. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;

function randomToken(bytes: number) {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return encodeBase32LowerCaseNoPadding(buffer);
}

function hashSecret(secret: string) {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(secret)));
}

export type SessionUser = Actor & {
  email: string;
  locale: string;
  name: string;
  unitId: string | null;
};

export type ValidSession = {
  id: string;
  expiresAt: Date;
  /** true when the expiry moved forward and the cookie must be sent again. */
  renewed: boolean;
  user: SessionUser;
};

/** Creates a new session (never reuses one: no fixation). Returns the cookie token "id.secret". */
export async function createSession(db: Db, userId: string, now = new Date()) {
  const id = randomToken(15); // 120 bits
  const secret = randomToken(20); // 160 bits
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await db.session.create({
    data: {
      id,
      secretHash: hashSecret(secret),
      userId,
      createdAt: now,
      expiresAt,
      absoluteExpiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    },
  });
  return { token: `${id}.${secret}`, expiresAt };
}

export async function validateSessionToken(db: Db, token: string, now = new Date()): Promise<ValidSession | null> {
  const parts = token.split(".");
  if (parts.length !== 2 || !/^[a-z2-7]{24}$/.test(parts[0]) || !/^[a-z2-7]{32}$/.test(parts[1])) return null;
  const [id, secret] = parts;
  // Every request runs this: one direct query rather than Prisma's nested selects (several times slower).
  const row = await firstRow(db, sessionWithUser, [id]);
  if (!row) return null;
  const given = new TextEncoder().encode(hashSecret(secret));
  const stored = new TextEncoder().encode(row.secretHash);
  if (given.length !== stored.length || !constantTimeEqual(given, stored)) return null;
  const storedExpiry = row.expiresAt;
  const absoluteExpiresAt = row.absoluteExpiresAt;
  // An expired row is left to the purge job (`sessions.purge`): validating never deletes.
  if (now >= storedExpiry || now >= absoluteExpiresAt || row.disabled || !isRole(row.role)) return null;
  let expiresAt = storedExpiry;
  let renewed = false;
  if (expiresAt.getTime() - now.getTime() < SESSION_IDLE_MS / 2) {
    expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_MS, absoluteExpiresAt.getTime()));
    renewed = expiresAt.getTime() !== storedExpiry.getTime();
    if (renewed) await db.session.update({ where: { id }, data: { expiresAt } });
  }
  return {
    id,
    expiresAt,
    renewed,
    user: {
      userId: row.userId,
      role: row.role as SessionUser["role"],
      employeeId: row.employeeId,
      scopePath: row.role === "dept_head" ? row.scopePath : null,
      email: row.email,
      locale: row.locale,
      name: row.name ?? row.email,
      unitId: row.unitId,
    },
  };
}

export async function invalidateSession(db: Db, sessionId: string) {
  await db.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a user (disable, password change, role removal). */
export async function invalidateUserSessions(db: Db, userId: string) {
  await db.session.deleteMany({ where: { userId } });
}

export async function purgeExpiredSessions(db: Db, now = new Date()) {
  const { count } = await db.session.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { absoluteExpiresAt: { lte: now } }] },
  });
  return count;
}

export function sessionIdFromToken(token: string) {
  return token.split(".")[0];
}
