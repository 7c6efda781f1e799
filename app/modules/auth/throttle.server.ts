import { createHmac, timingSafeEqual } from "node:crypto";
import { bulkWrite, sqliteDate, type Db } from "~/utils/db.server";
import { firstRow } from "~/utils/sql.server";
import { countInWindow as countInWindowQuery } from "./queries.server";
import { getEnv } from "~/utils/env.server";

export const THROTTLE_WINDOW_MS = 10 * 60 * 1000;
/** Failures on one account from one address within the window (browsers that never signed in to it). */
export const ACCOUNT_FAILURE_LIMIT = 10;
/** Failures on one account from every address together: a backstop against many addresses. */
export const ACCOUNT_TOTAL_LIMIT = 100;
/** Failures from one address within the window; then it may try only accounts it has signed in to. */
export const ADDRESS_FAILURE_LIMIT = 30;
/** How long a successful sign-in makes an address known to an account. */
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;

/** Keys are HMACs so that no address or e-mail is stored in the clear. */
export function throttleKey(kind: string, value: string) {
  return `${kind}:${createHmac("sha256", getEnv().SESSION_SECRET).update(`${kind}\0${value}`).digest("base64url")}`;
}

async function failuresIn(db: Db, key: string, now: Date) {
  const row = await db.throttleBucket.findUnique({ where: { key } });
  if (!row || now.getTime() - row.windowStart.getTime() >= THROTTLE_WINDOW_MS) return 0;
  return row.count;
}

/**
 * Counts one event under `key` in a fixed window of `windowMs` and returns the window's count and
 * start: one statement in a write of its own, so that requests counted at once, by one process or
 * several sharing a PostgreSQL database, are all counted.
 */
export async function countInWindow(db: Db, key: string, windowMs: number, now: Date) {
  const expired = sqliteDate(new Date(now.getTime() - windowMs));
  const row = await bulkWrite(db, (tx) => firstRow(tx, countInWindowQuery, [key, sqliteDate(now), expired, expired]));
  return row ?? { count: 1, windowStart: now };
}

async function addFailure(db: Db, key: string, now: Date) {
  await countInWindow(db, key, THROTTLE_WINDOW_MS, now);
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

const pair = (email: string, address: string) => `${email}\0${address}`;

/** true when the account signed in successfully from this address within KNOWN_ADDRESS_MS. */
async function isKnownAddress(db: Db, email: string, address: string, now: Date) {
  const row = await db.throttleBucket.findUnique({ where: { key: throttleKey("seen", pair(email, address)) } });
  return Boolean(row) && now.getTime() - row!.windowStart.getTime() < KNOWN_ADDRESS_MS;
}

/**
 * Nobody locks anyone else out:
 * - a browser that signed in to the account before (device mark) is never throttled, whatever
 *   its address;
 * - failures on an account count per address, so an attacker's address blocks only itself
 *   (plus a high limit over all addresses together, against a crowd of addresses);
 * - an address with many failures may still sign in to the accounts that signed in from it
 *   before; it is refused only accounts it does not know (password spraying).
 */
export async function isThrottled(db: Db, input: { email: string; address: string; knownDevice: boolean }, now = new Date()) {
  if (input.knownDevice) return false;
  if ((await failuresIn(db, throttleKey("acct-addr", pair(input.email, input.address)), now)) >= ACCOUNT_FAILURE_LIMIT) return true;
  if ((await failuresIn(db, throttleKey("acct", input.email), now)) >= ACCOUNT_TOTAL_LIMIT) return true;
  if ((await failuresIn(db, throttleKey("addr", input.address), now)) >= ADDRESS_FAILURE_LIMIT) {
    return !(await isKnownAddress(db, input.email, input.address, now));
  }
  return false;
}

export async function recordFailure(db: Db, input: { email: string; address: string }, now = new Date()) {
  await addFailure(db, throttleKey("addr", input.address), now);
  await addFailure(db, throttleKey("acct-addr", pair(input.email, input.address)), now);
  await addFailure(db, throttleKey("acct", input.email), now);
}

/** After a successful sign-in: the account's failures are forgotten and the address becomes known to it. */
export async function recordSuccess(db: Db, input: { email: string; address: string }, now = new Date()) {
  await db.throttleBucket.deleteMany({
    where: { key: { in: [throttleKey("acct", input.email), throttleKey("acct-addr", pair(input.email, input.address))] } },
  });
  const seen = throttleKey("seen", pair(input.email, input.address));
  await db.throttleBucket.upsert({ where: { key: seen }, create: { key: seen, count: 1, windowStart: now }, update: { windowStart: now } });
}

/** A generic fixed-window limiter (anonymous submissions, follow-up codes, API tokens). */
export async function hitLimit(db: Db, key: string, limit: number, windowMs: number, now = new Date()) {
  return (await countInWindow(db, key, windowMs, now)).count > limit;
}
