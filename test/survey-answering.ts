// Answering a survey the way a respondent's browser does, for tests: ask for the cell's key and
// a blind signature while "signed in" (as the employee), then spend the token without them.
import type { Answers } from "~/modules/surveys/items";
import { signToken, spendToken, tokenKeyFor, type SpendResult } from "~/modules/surveys/tokens.server";
import type { HeldToken } from "~/modules/anonymity/blind-client";
import type { Db } from "~/utils/db.server";
import { fastBlind, fastFinish } from "./blind-client";

export type AnswerResult = SpendResult | { ok: false; reason: "notInvited" | "alreadyTaken" | "badRequest" };

/** Takes the person's response token (both steps of the token request). */
export async function takeToken(db: Db, surveyId: string, employeeId: string, now = new Date()): Promise<HeldToken | { ok: false; reason: "notInvited" | "notOpen" | "alreadyTaken" | "badRequest" }> {
  const key = await tokenKeyFor(db, surveyId, employeeId, now);
  if (!key.ok) return key;
  const pending = await fastBlind(key.keyId, key.publicKey);
  const signed = await signToken(db, { surveyId, employeeId, keyId: key.keyId, blinded: pending.blinded }, now);
  if (!signed.ok) return signed;
  return fastFinish(pending, signed.blindSignature);
}

/** Takes a token and spends it on `answers`. */
export async function answerAs(db: Db, input: { surveyId: string; employeeId: string; answers: Answers }, now = new Date()): Promise<AnswerResult> {
  const token = await takeToken(db, input.surveyId, input.employeeId, now);
  if ("ok" in token) return token;
  return spendToken(db, { surveyId: input.surveyId, keyId: token.keyId, token: token.token, signature: token.signature, answers: input.answers }, now);
}
