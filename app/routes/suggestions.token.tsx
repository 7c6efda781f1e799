import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireEmployee } from "~/modules/auth/guards.server";
import { base64urlOf, MODULUS_BYTES } from "~/modules/anonymity/token-format";
import { signSuggestionToken, suggestionTokenKey } from "~/modules/suggestions/tokens.server";
import { db } from "~/utils/db.server";
import { z } from "~/utils/validation";

/**
 * Anonymous-suggestion tokens, asked for by the suggestion form while its author is signed in:
 * this month's key, then a blind signature (counted against a small monthly allowance). The
 * suggestion itself is posted later, without the session, with the token.
 */
const TokenRequest = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("key") }).strict(),
  z.object({ intent: z.literal("sign"), keyId: z.string().regex(/^\d{4}-\d{2}$/), blinded: z.string().regex(base64urlOf(MODULUS_BYTES)) }).strict(),
]);

export async function action(args: ActionFunctionArgs) {
  const user = requireEmployee(args);
  const body = TokenRequest.safeParse(await args.request.json().catch(() => null));
  if (!body.success) return Response.json({ ok: false as const, reason: "badRequest" as const }, { status: 400 });
  const result =
    body.data.intent === "key"
      ? await suggestionTokenKey(db, user.employeeId)
      : await signSuggestionToken(db, { employeeId: user.employeeId, keyId: body.data.keyId, blinded: body.data.blinded });
  return Response.json(result, { status: result.ok ? 200 : result.reason === "badRequest" ? 400 : 409, headers: { "Cache-Control": "no-store" } });
}

export async function loader(args: LoaderFunctionArgs) {
  requireEmployee(args);
  throw new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
