import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { requireEmployee } from "~/modules/auth/guards.server";
import { base64urlOf, MODULUS_BYTES } from "~/modules/anonymity/token-format";
import { signToken, tokenKeyFor } from "~/modules/surveys/tokens.server";
import { db } from "~/utils/db.server";
import { idParam, parseParams } from "~/utils/http.server";
import { z } from "~/utils/validation";

/**
 * Response tokens, asked for by the survey page while its respondent is signed in: first the
 * key of their reporting cell, then a blind signature of their blinded token (once per survey).
 * The answers never come here; they are sent later, without the session, with the token.
 */
const TokenRequest = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("key") }).strict(),
  z.object({ intent: z.literal("sign"), keyId: z.string().regex(/^[A-Za-z0-9_-]{16}$/), blinded: z.string().regex(base64urlOf(MODULUS_BYTES)) }).strict(),
]);

const STATUS = { notInvited: 404, notOpen: 409, alreadyTaken: 409, badRequest: 400 } as const;

export async function action(args: ActionFunctionArgs) {
  const user = requireEmployee(args);
  const { id } = parseParams(args.params, idParam);
  const body = TokenRequest.safeParse(await args.request.json().catch(() => null));
  if (!body.success) return Response.json({ ok: false as const, reason: "badRequest" as const }, { status: 400 });
  const result =
    body.data.intent === "key"
      ? await tokenKeyFor(db, id, user.employeeId)
      : await signToken(db, { surveyId: id, employeeId: user.employeeId, keyId: body.data.keyId, blinded: body.data.blinded });
  return Response.json(result, { status: result.ok ? 200 : STATUS[result.reason], headers: { "Cache-Control": "no-store" } });
}

export async function loader(args: LoaderFunctionArgs) {
  requireEmployee(args);
  throw new Response("Method not allowed", { status: 405, headers: { Allow: "POST" } });
}
