import { createHmac } from "node:crypto";
import { blindSign, keyOnce, spentHash, TokenError, verifiedToken } from "~/modules/anonymity/blind-tokens.server";
import { decodeBytes, encodeBytes } from "~/modules/anonymity/token-format";
import { anonymousWrite } from "~/utils/anonymous-writes.server";
import { getEnv } from "~/utils/env.server";
import { withWriteTurn, type Db } from "~/utils/db.server";
import { exec, firstRow, onPostgres } from "~/utils/sql.server";
import {
  anonymousAwaitingRewrite,
  followUpCodeUnused,
  insertAnonymousSuggestion,
  PG_REWRITE_ANONYMOUS,
  spendSuggestionToken,
} from "./queries.server";
import { coarsePeriod } from "./rules";
import { MONTHLY_ALLOWANCE, type SuggestionInput } from "./schemas";

/**
 * Anonymous suggestions are paid for with blind-signed tokens, like survey answers: the form
 * takes a token while its author is signed in (a small allowance a month), and the suggestion is
 * posted later without the session. One key a month: a token attests the month and nothing else.
 */

/** Where the browser keeps a person's unspent token: a per-person key, so people sharing a computer keep theirs apart. */
export function tokenStorageKey(employeeId: string) {
  return `suggestion-token:${createHmac("sha256", getEnv().SESSION_SECRET).update(`suggestion-token\0${employeeId}`).digest("base64url").slice(0, 16)}`;
}

function keyForPeriod(db: Db, period: string) {
  return keyOnce(
    `suggestion\0${period}`,
    () => db.suggestionTokenKey.findUnique({ where: { period } }),
    (pair) => db.suggestionTokenKey.createMany({ data: [{ period, ...pair }] }),
  );
}

async function remaining(db: Db, employeeId: string, period: string) {
  const row = await db.suggestionTokenAllowance.findUnique({
    where: { employeeId_period: { employeeId, period } },
    select: { taken: true },
  });
  return MONTHLY_ALLOWANCE - (row?.taken ?? 0);
}

export type SuggestionKeyResult =
  { ok: true; keyId: string; publicKey: string; remaining: number } | { ok: false; reason: "allowanceUsed" };

/** Step 1: this month's key, while the person still has tokens left this month. */
export async function suggestionTokenKey(db: Db, employeeId: string, now = new Date()): Promise<SuggestionKeyResult> {
  const period = coarsePeriod(now);
  const left = await remaining(db, employeeId, period);
  if (left <= 0) return { ok: false, reason: "allowanceUsed" };
  const key = await keyForPeriod(db, period);
  return { ok: true, keyId: period, publicKey: key.publicKey, remaining: left };
}

export type SuggestionSignResult = { ok: true; blindSignature: string } | { ok: false; reason: "allowanceUsed" | "badRequest" };

/** Step 2: signs a blinded token and counts it against the month's allowance (a count, no time). */
export async function signSuggestionToken(
  db: Db,
  input: { employeeId: string; keyId: string; blinded: string },
  now = new Date(),
): Promise<SuggestionSignResult> {
  const period = coarsePeriod(now);
  if (input.keyId !== period) return { ok: false, reason: "badRequest" };
  const key = await keyForPeriod(db, period);
  let signature: Uint8Array;
  try {
    signature = blindSign(key, decodeBytes(input.blinded));
  } catch (error) {
    if (error instanceof TokenError || error instanceof Error) return { ok: false, reason: "badRequest" };
    throw error;
  }
  const counted = await db.$transaction(async (tx) => {
    await tx.suggestionTokenAllowance.upsert({
      where: { employeeId_period: { employeeId: input.employeeId, period } },
      create: { employeeId: input.employeeId, period, taken: 0 },
      update: {},
    });
    const { count } = await tx.suggestionTokenAllowance.updateMany({
      where: { employeeId: input.employeeId, period, taken: { lt: MONTHLY_ALLOWANCE } },
      data: { taken: { increment: 1 } },
    });
    return count === 1;
  });
  if (!counted) return { ok: false, reason: "allowanceUsed" };
  return { ok: true, blindSignature: encodeBytes(signature) };
}

/** A token may be spent in its own month or the next (a form opened on the last evening of a month). */
function acceptedPeriods(now: Date) {
  const previous = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15));
  return [coarsePeriod(now), coarsePeriod(previous)];
}

export type AnonymousSuggestionResult = { ok: true; id: string } | { ok: false; reason: "badToken" | "alreadyUsed" | "unknownUnit" };

/**
 * Files an anonymous suggestion paid for by a token, from a request without a session. The
 * follow-up code was made by the author's browser; only its hash arrives and is stored. The
 * suggestion keeps the token's month, its text, category and unit, and nothing else.
 */
export async function fileAnonymousSuggestion(
  db: Db,
  input: { keyId: string; token: string; signature: string; suggestion: Omit<SuggestionInput, "identity">; followUpHash: string },
  now = new Date(),
): Promise<AnonymousSuggestionResult> {
  if (!acceptedPeriods(now).includes(input.keyId)) return { ok: false, reason: "badToken" };
  const key = await db.suggestionTokenKey.findUnique({ where: { period: input.keyId }, select: { publicKey: true } });
  if (!key) return { ok: false, reason: "badToken" };
  const token = await verifiedToken(key.publicKey, input.token, input.signature);
  if (!token) return { ok: false, reason: "badToken" };
  const unit = await db.unit.findFirst({ where: { id: input.suggestion.unitId, active: true }, select: { id: true } });
  if (!unit) return { ok: false, reason: "unknownUnit" };
  const hash = spentHash(token);
  const s = input.suggestion;
  const id = crypto.randomUUID();
  const stored = await anonymousWrite(db, [
    followUpCodeUnused(input.followUpHash),
    spendSuggestionToken(hash),
    insertAnonymousSuggestion({
      id,
      title: s.title,
      body: s.body,
      category: s.category,
      unitId: unit.id,
      period: input.keyId,
      followUpHash: input.followUpHash,
    }),
  ]);
  return stored.ok ? { ok: true, id } : { ok: false, reason: "alreadyUsed" };
}

/**
 * Background work on PostgreSQL: undoes what the heap keeps of the order in which anonymous
 * suggestions arrived. A table there is a heap: a new row goes wherever there is room (its
 * `ctid` follows arrival) and carries the id of the transaction that wrote it (`xmin`, which any
 * SQL reader can select, and which sits next to the xmin of the author's token allowance, taken
 * shortly before). When an anonymous suggestion has arrived since the last run, every anonymous
 * suggestion and spent token is given one new transaction id and both tables are rewritten in the
 * order of their random keys (`PG_REWRITE_ANONYMOUS`): afterwards neither the rows' places nor
 * their transaction ids tell the suggestions' arrival apart. Until then (at most the job's
 * interval) they do, as the server's WAL does. The rewrite locks the two tables for its duration
 * (small tables: suggestions are few). SQLite needs none of this: the tables are WITHOUT ROWID,
 * in key order, and the WAL is emptied around every anonymous write. True when it rewrote.
 */
export async function rewriteAnonymousSuggestions(db: Db) {
  if (!onPostgres(db)) return false;
  if (!(await firstRow(db, anonymousAwaitingRewrite))?.pending) return false;
  await withWriteTurn(db, async (sql) => {
    for (const statement of PG_REWRITE_ANONYMOUS) await exec(sql, statement);
  });
  return true;
}
