import { Hono, type Context } from "hono";
import { z } from "zod";
import { base64urlOf, MODULUS_BYTES } from "~/modules/anonymity/token-format";
import { signSuggestionToken, suggestionTokenKey } from "~/modules/suggestions/tokens.server";
import { signToken, tokenKeyFor } from "~/modules/surveys/responding/tokens.server";
import { db } from "~/utils/db.server";
import type { AppEnv } from "./app";

/**
 * Anonymous tokens, asked for by the survey page and the suggestion form while their user is
 * signed in: first the key (of the person's reporting cell, or of the month), then a blind
 * signature of the blinded token. The answers or the suggestion never come here: they are sent
 * later, without the session, with the token (see anonymous.ts). Served by Hono directly: these
 * are JSON requests that every respondent makes, and Remix's routing would be most of their cost.
 */
const sign = (keyId: z.ZodString) =>
  z.object({ intent: z.literal("sign"), keyId, blinded: z.string().regex(base64urlOf(MODULUS_BYTES)) }).strict();
const SurveyTokenRequest = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("key") }).strict(),
  sign(z.string().regex(/^[A-Za-z0-9_-]{16}$/)),
]);
const SuggestionTokenRequest = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("key") }).strict(),
  sign(z.string().regex(/^\d{4}-\d{2}$/)),
]);
const SurveyParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

const NO_STORE = { "Cache-Control": "no-store" };

function employeeOf(c: Context<AppEnv>) {
  const user = c.get("session")?.user;
  if (!user) return { error: c.json({ ok: false, reason: "signInRequired" }, 401, NO_STORE) };
  if (!user.employeeId) return { error: c.json({ ok: false, reason: "forbidden" }, 403, NO_STORE) };
  return { employeeId: user.employeeId };
}

export function tokenRoutes() {
  const app = new Hono<AppEnv>();

  app.post("/surveys/:id/token", async (c) => {
    const who = employeeOf(c);
    if ("error" in who) return who.error;
    const surveyId = SurveyParam.safeParse(c.req.param("id"));
    if (!surveyId.success) return c.json({ ok: false, reason: "notInvited" }, 404, NO_STORE);
    const body = SurveyTokenRequest.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ ok: false, reason: "badRequest" }, 400, NO_STORE);
    const result =
      body.data.intent === "key"
        ? await tokenKeyFor(db, surveyId.data, who.employeeId)
        : await signToken(db, { surveyId: surveyId.data, employeeId: who.employeeId, keyId: body.data.keyId, blinded: body.data.blinded });
    const status = result.ok ? 200 : ({ notInvited: 404, notOpen: 409, alreadyTaken: 409, badRequest: 400 } as const)[result.reason];
    return c.json(result, status, NO_STORE);
  });

  app.post("/suggestions/token", async (c) => {
    const who = employeeOf(c);
    if ("error" in who) return who.error;
    const body = SuggestionTokenRequest.safeParse(await c.req.json().catch(() => null));
    if (!body.success) return c.json({ ok: false, reason: "badRequest" }, 400, NO_STORE);
    const result =
      body.data.intent === "key"
        ? await suggestionTokenKey(db, who.employeeId)
        : await signSuggestionToken(db, { employeeId: who.employeeId, keyId: body.data.keyId, blinded: body.data.blinded });
    return c.json(result, result.ok ? 200 : result.reason === "badRequest" ? 400 : 409, NO_STORE);
  });

  return app;
}
