// Filing an anonymous suggestion the way the author's browser does, for tests: a token taken
// with the session, then the suggestion posted with the token and a code made on the client.
import { hashFollowUpCode, newFollowUpCode, normalizeFollowUpCode } from "~/modules/suggestions/follow-up-code";
import type { SuggestionInput } from "~/modules/suggestions/schemas";
import { fileAnonymousSuggestion, signSuggestionToken, suggestionTokenKey } from "~/modules/suggestions/tokens.server";
import type { Db } from "~/utils/db.server";
import { fastBlind, fastFinish } from "./blind-client";

export async function takeSuggestionToken(db: Db, employeeId: string, now = new Date()) {
  const key = await suggestionTokenKey(db, employeeId, now);
  if (!key.ok) return null;
  const pending = await fastBlind(key.keyId, key.publicKey);
  const signed = await signSuggestionToken(db, { employeeId, keyId: key.keyId, blinded: pending.blinded }, now);
  if (!signed.ok) return null;
  return fastFinish(pending, signed.blindSignature);
}

export async function fileAnonymouslyAs(db: Db, employeeId: string, input: Omit<SuggestionInput, "identity">, now = new Date()) {
  const token = await takeSuggestionToken(db, employeeId, now);
  if (!token) throw new Error("no token left this month");
  const followUpCode = newFollowUpCode();
  const result = await fileAnonymousSuggestion(
    db,
    { ...token, suggestion: input, followUpHash: await hashFollowUpCode(normalizeFollowUpCode(followUpCode)!) },
    now,
  );
  if (!result.ok) throw new Error(result.reason);
  return { id: result.id, followUpCode };
}
