// Answering a survey the way a respondent's browser does, for tests: ask for the cell's key and
// a blind signature while "signed in" (as the employee), then spend the token without them.
import type { Answers } from "~/modules/surveys/items";
import { signToken, spendToken, tokenKeyFor, type SpendResult } from "~/modules/surveys/responding/tokens.server";
import type { HeldToken } from "~/modules/anonymity/blind-client";
import type { Db } from "~/utils/db.server";
import { fastBlind, fastFinish } from "./blind-client";
import { ORIGIN } from "./utils";

export type AnswerResult = SpendResult | { ok: false; reason: "notInvited" | "alreadyTaken" | "badRequest" };

/** Takes the person's response token (both steps of the token request). */
export async function takeToken(
  db: Db,
  surveyId: string,
  employeeId: string,
  now = new Date(),
): Promise<HeldToken | { ok: false; reason: "notInvited" | "notOpen" | "alreadyTaken" | "badRequest" }> {
  const key = await tokenKeyFor(db, surveyId, employeeId, now);
  if (!key.ok) return key;
  const pending = await fastBlind(key.keyId, key.publicKey);
  const signed = await signToken(db, { surveyId, employeeId, keyId: key.keyId, blinded: pending.blinded }, now);
  if (!signed.ok) return signed;
  return fastFinish(pending, signed.blindSignature);
}

/** Takes a token and spends it on `answers`. */
export async function answerAs(
  db: Db,
  input: { surveyId: string; employeeId: string; answers: Answers },
  now = new Date(),
): Promise<AnswerResult> {
  const token = await takeToken(db, input.surveyId, input.employeeId, now);
  if ("ok" in token) return token;
  return spendToken(
    db,
    { surveyId: input.surveyId, keyId: token.keyId, token: token.token, signature: token.signature, answers: input.answers },
    now,
  );
}

type App = { request: (input: string, init?: RequestInit) => Response | Promise<Response> };

/** A token over HTTP, as the page does: the key and the blind signature, with the session cookie. */
export async function tokenOverHttp(app: App, cookie: string, url: string) {
  const post = async (body: unknown) => {
    const response = await app.request(url, {
      method: "POST",
      headers: { Cookie: cookie, Origin: ORIGIN, "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> };
  };
  const key = await post({ intent: "key" });
  if (key.status !== 200) return { status: key.status, reason: key.body.reason };
  const pending = await fastBlind(key.body.keyId, key.body.publicKey);
  const signed = await post({ intent: "sign", keyId: key.body.keyId, blinded: pending.blinded });
  if (signed.status !== 200) return { status: signed.status, reason: signed.body.reason };
  return { status: 200, token: await fastFinish(pending, signed.body.blindSignature) };
}

/** Sends answers with a token and no cookie, as the page does. */
export function sendOverHttp(app: App, surveyId: string, token: HeldToken, answers: Record<string, string>) {
  return app.request(`/anon/surveys/${surveyId}/responses`, {
    method: "POST",
    headers: {
      Origin: ORIGIN,
      "Content-Type": "application/x-www-form-urlencoded",
      "X-Anonymous-Token": `${token.keyId}.${token.token}.${token.signature}`,
    },
    body: new URLSearchParams(answers),
  });
}
