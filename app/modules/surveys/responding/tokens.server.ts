import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createHash } from "node:crypto";
import { blindedHash, blindSign, keyOnce, spentHash, TokenError, verifiedToken } from "~/modules/anonymity/blind-tokens.server";
import { decodeBytes, encodeBytes } from "~/modules/anonymity/token-format";
import { tenureBand } from "~/modules/org/org";
import { anonymousWrite, groupWrite } from "~/utils/anonymous-writes.server";
import type { Db } from "~/utils/db.server";
import { firstRow, rows } from "~/utils/sql.server";
import { sqliteDate } from "~/utils/db.server";
import { answerRows, answersSchema, parseItems, type Answers } from "../items";
import {
  cellsWithoutKey,
  signingKey,
  signingKeyOfCell,
  insertResponse,
  markTokenTaken,
  participantInvitation,
  spendSurveyToken,
  surveyItems,
  tokenKeyWithSurvey,
} from "../queries.server";
import { isAnswerable, parseCuts } from "../settings";
import { cellText, parseCellText, type CellParts } from "../campaigns/population";

/**
 * Response tokens: the server signs a blinded token once per invited person (while they are
 * signed in), and later accepts one set of answers per token (from a request that carries no
 * session). The signing key belongs to the survey and the person's reporting cell, so the
 * token attests exactly that: this survey, this cell. See `~/modules/anonymity`.
 */

export type Cell = CellParts;

/**
 * The reporting cell: frozen at launch, after small cells were generalised (population.ts). For
 * surveys launched before cells were frozen: the cuts the survey collects, the unit as rolled up
 * at launch, tenure at the opening date.
 */
export function cellOf(
  cuts: string[],
  p: { cell: string | null; cutUnitId: string | null; unitId: string; track: string; hireDate: Date },
  opensAt: Date,
): Cell {
  if (p.cell !== null) return parseCellText(p.cell);
  return {
    unitId: cuts.includes("unit") ? (p.cutUnitId ?? p.unitId) : null,
    track: cuts.includes("track") ? p.track : null,
    tenureBand: cuts.includes("tenure") ? tenureBand(p.hireDate, opensAt) : null,
  };
}

type Invitation = { tokenTaken: boolean; blindedHash: string | null; cell: Cell; answerable: boolean };

/** A survey past its closing time is not answerable (`isAnswerable`) whether or not the background job has closed it yet. */
async function invitation(db: Db, surveyId: string, employeeId: string, now: Date): Promise<Invitation | null> {
  const row = await firstRow(db, participantInvitation, [surveyId, employeeId]);
  if (!row) return null;
  return {
    tokenTaken: row.tokenTaken,
    blindedHash: row.blindedHash,
    cell: cellOf(parseCuts(row.cutsJson), row, row.opensAt),
    answerable: isAnswerable(row, now),
  };
}

/** The key of one survey's cell, made the first time someone of that cell asks for a token. */
function keyForCell(db: Db, surveyId: string, cell: Cell) {
  const text = cellText(cell);
  return keyOnce(
    `survey\0${surveyId}\0${text}`,
    () => firstRow(db, signingKeyOfCell, [surveyId, text]),
    (pair) =>
      db.surveyTokenKey.createMany({
        data: [{ id: encodeBytes(crypto.getRandomValues(new Uint8Array(12))), surveyId, cell: text, ...cell, ...pair }],
      }),
  );
}

/**
 * Background work: makes the signing keys of open surveys' cells ahead of their first respondent,
 * who would otherwise wait for the key to be generated (100–250 ms each). At most `limit` per run;
 * the job comes back for the rest. Returns how many were made.
 */
export async function prepareTokenKeys(db: Db, now = new Date(), limit = 200) {
  const missing = await rows(db, cellsWithoutKey, [sqliteDate(now), limit]);
  for (const m of missing) await keyForCell(db, m.surveyId, parseCellText(m.cell));
  return missing.length;
}

export type TokenKeyResult =
  { ok: true; keyId: string; publicKey: string } | { ok: false; reason: "notInvited" | "notOpen" | "alreadyTaken" };

/** Step 1: the public key the browser blinds its token with. Refused once a token was signed for the person. */
export async function tokenKeyFor(db: Db, surveyId: string, employeeId: string, now = new Date()): Promise<TokenKeyResult> {
  const inv = await invitation(db, surveyId, employeeId, now);
  if (!inv) return { ok: false, reason: "notInvited" };
  if (!inv.answerable) return { ok: false, reason: "notOpen" };
  if (inv.tokenTaken) return { ok: false, reason: "alreadyTaken" };
  const key = await keyForCell(db, surveyId, inv.cell);
  return { ok: true, keyId: key.id, publicKey: key.publicKey };
}

export type SignResult =
  { ok: true; blindSignature: string } | { ok: false; reason: "notInvited" | "notOpen" | "alreadyTaken" | "badRequest" };

/**
 * Step 2: signs the blinded token, once per person and survey. "Token taken" is recorded with
 * the hash of what was signed and no time, so a reply lost on the way can be asked for again
 * with the same blinded token (and gets the same signature); a different one is refused.
 */
export async function signToken(
  db: Db,
  input: { surveyId: string; employeeId: string; keyId: string; blinded: string },
  now = new Date(),
): Promise<SignResult> {
  const inv = await invitation(db, input.surveyId, input.employeeId, now);
  if (!inv) return { ok: false, reason: "notInvited" };
  if (!inv.answerable) return { ok: false, reason: "notOpen" };
  const key = await firstRow(db, signingKey, [input.keyId]);
  if (!key || key.surveyId !== input.surveyId || key.cell !== cellText(inv.cell)) return { ok: false, reason: "badRequest" };
  let blinded: Uint8Array;
  try {
    blinded = decodeBytes(input.blinded);
  } catch {
    return { ok: false, reason: "badRequest" };
  }
  const hash = blindedHash(blinded);
  if (inv.tokenTaken && inv.blindedHash !== hash) return { ok: false, reason: "alreadyTaken" };
  let signature: Uint8Array;
  try {
    signature = blindSign(key, blinded);
  } catch (error) {
    if (error instanceof TokenError) return { ok: false, reason: "badRequest" };
    throw error;
  }
  // Taken by many people at once when a survey opens: group-committed (one sync for many).
  const marked = await groupWrite(db, [markTokenTaken({ surveyId: input.surveyId, employeeId: input.employeeId, blindedHash: hash })]);
  if (!marked.ok) return { ok: false, reason: "alreadyTaken" };
  return { ok: true, blindSignature: encodeBytes(signature) };
}

/** A receipt: the first 60 bits of a hash of the token. Only the holder of the token can show it. */
export function receiptFor(token: Uint8Array) {
  const code = encodeBase32UpperCaseNoPadding(createHash("sha256").update("survey-receipt\0").update(token).digest().subarray(0, 10)).slice(
    0,
    12,
  );
  return code.match(/.{4}/g)!.join("-");
}

export type SpendResult =
  | { ok: true; receipt: string }
  | { ok: false; reason: "badToken" | "notOpen" | "alreadyAnswered" }
  | { ok: false; reason: "invalid"; fieldErrors: Record<string, string[]> };

/** What an answer request carries: the token, its signature and the key it was signed with. */
export type SpendInput = { surveyId: string; keyId: string; token: string; signature: string; answers: Answers };

/** The survey's items, for the answer request (which has no session to find a participation by). */
export async function surveyItemsForToken(db: Db, surveyId: string) {
  const row = await firstRow(db, surveyItems, [surveyId]);
  return row ? parseItems(row.itemsJson) : null;
}

/**
 * Stores one set of answers paid for by a token. The request carries no session; the token's
 * key gives the survey and the cell. The spent token is kept only as a hash, in a table of its
 * own that points at nothing; a token already spent, or signed for another survey, is refused.
 */
export async function spendToken(db: Db, input: SpendInput, now = new Date()): Promise<SpendResult> {
  const key = await firstRow(db, tokenKeyWithSurvey, [input.keyId]);
  if (!key || key.surveyId !== input.surveyId) return { ok: false, reason: "badToken" };
  const token = await verifiedToken(key.publicKey, input.token, input.signature);
  if (!token) return { ok: false, reason: "badToken" };
  if (!isAnswerable(key, now)) return { ok: false, reason: "notOpen" };

  const items = parseItems(key.itemsJson);
  const parsed = answersSchema(items).safeParse(input.answers);
  if (!parsed.success) return { ok: false, reason: "invalid", fieldErrors: parsed.error.flatten().fieldErrors as Record<string, string[]> };
  const rows = answerRows(items, parsed.data as Answers);
  const hash = spentHash(token);

  const response = { id: crypto.randomUUID(), surveyId: input.surveyId, unitId: key.unitId, track: key.track, tenureBand: key.tenureBand };
  // A token already spent changes nothing in the first step, and the whole write is refused.
  const stored = await anonymousWrite(db, [spendSurveyToken(input.surveyId, hash), ...insertResponse(response, rows)]);
  if (!stored.ok) return { ok: false, reason: "alreadyAnswered" };
  return { ok: true, receipt: receiptFor(token) };
}
