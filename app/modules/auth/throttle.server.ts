import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

export const THROTTLE_WINDOW_MS = 10 * 60 * 1000;
/** Failures per account (from browsers that never signed in to it) within the window. */
export const ACCOUNT_FAILURE_LIMIT = 10;
/** Failures per client address within the window. */
export const ADDRESS_FAILURE_LIMIT = 30;

/** Keys are HMACs so that no address or e-mail is stored in the clear. */
export function throttleKey(kind: string, value: string) {
  return `${kind}:${createHmac("sha256", getEnv().SESSION_SECRET).update(`${kind}\0${value}`).digest("base64url")}`;
}

async function failuresIn(db: Db, key: string, now: Date) {
  const row = await db.throttleBucket.findUnique({ where: { key } });
  if (!row || now.getTime() - row.windowStart.getTime() >= THROTTLE_WINDOW_MS) return 0;
  return row.count;
}

async function addFailure(db: Db, key: string, now: Date) {
  const row = await db.throttleBucket.findUnique({ where: { key } });
  if (!row || now.getTime() - row.windowStart.getTime() >= THROTTLE_WINDOW_MS) {
    await db.throttleBucket.upsert({ where: { key }, create: { key, count: 1, windowStart: now }, update: { count: 1, windowStart: now } });
  } else {
    await db.throttleBucket.update({ where: { key }, data: { count: { increment: 1 } } });
  }
}

/** A device token proves this browser signed in to the account before; it is HMAC(userId). */
export function deviceToken(userId: string) {
  return createHmac("sha256", getEnv().SESSION_SECRET).update(`device\0${userId}`).digest("base64url");
}

export function isKnownDevice(userId: string | undefined, token: string | undefined) {
  if (!userId || !token) return false;
  const expected = Buffer.from(deviceToken(userId));
  const given = Buffer.from(token);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/**
 * Per address, and per account. An attacker hammering an account blocks only browsers that
 * have never signed in to it: the real user, on a known device, still gets in.
 */
export async function isThrottled(db: Db, input: { email: string; address: string; knownDevice: boolean }, now = new Date()) {
  if ((await failuresIn(db, throttleKey("addr", input.address), now)) >= ADDRESS_FAILURE_LIMIT) return true;
  if (input.knownDevice) return false;
  return (await failuresIn(db, throttleKey("acct", input.email), now)) >= ACCOUNT_FAILURE_LIMIT;
}

export async function recordFailure(db: Db, input: { email: string; address: string }, now = new Date()) {
  await addFailure(db, throttleKey("addr", input.address), now);
  await addFailure(db, throttleKey("acct", input.email), now);
}

export async function clearAccountFailures(db: Db, email: string) {
  await db.throttleBucket.deleteMany({ where: { key: throttleKey("acct", email) } });
}

/** A generic fixed-window limiter (anonymous submissions, follow-up codes, API tokens). */
export async function hitLimit(db: Db, key: string, limit: number, windowMs: number, now = new Date()) {
  const row = await db.throttleBucket.findUnique({ where: { key } });
  if (!row || now.getTime() - row.windowStart.getTime() >= windowMs) {
    await db.throttleBucket.upsert({ where: { key }, create: { key, count: 1, windowStart: now }, update: { count: 1, windowStart: now } });
    return false;
  }
  if (row.count >= limit) return true;
  await db.throttleBucket.update({ where: { key }, data: { count: { increment: 1 } } });
  return false;
}
