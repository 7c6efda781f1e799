import { parseWithZod } from "@conform-to/zod";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { base64urlOf, MODULUS_BYTES, TOKEN_BYTES } from "~/modules/anonymity/token-format";
import { answersSchema, type Answers } from "~/modules/surveys/items";
import { spendToken, surveyItemsForToken } from "~/modules/surveys/responding/tokens.server";
import { SuggestionSchema } from "~/modules/suggestions/schemas";
import { fileAnonymousSuggestion } from "~/modules/suggestions/tokens.server";
import { db } from "~/utils/db.server";

/**
 * Anonymous submissions: requests that carry a token instead of a session. They are handled
 * before the session middleware, which they never reach: a cookie sent along is neither read
 * nor renewed, so nothing about the sender's session is looked up, written or logged.
 *
 * The token travels in `X-Anonymous-Token` as `keyId.token.signature` (base64url); the body is
 * the form as the browser would post it.
 */
export const ANONYMOUS_PREFIX = "/anon/";

/** `keyId.token.signature`, the key id in the given form. */
const tokenHeader = (keyId: RegExp) =>
  z
    .string()
    .max(1000)
    .transform((v) => v.split("."))
    .pipe(z.tuple([z.string().regex(keyId), z.string().regex(base64urlOf(TOKEN_BYTES)), z.string().regex(base64urlOf(MODULUS_BYTES))]));

const TokenHeader = tokenHeader(/^[A-Za-z0-9_-]{16}$/);

const SuggestionTokenHeader = tokenHeader(/^\d{4}-\d{2}$/);

const AnonymousSuggestionSchema = SuggestionSchema.extend({
  identity: z.literal("anonymous"),
  followUpHash: z.string().regex(/^[0-9a-f]{64}$/),
}).strict();

const SurveyParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

export function anonymousRoutes() {
  const app = new Hono();

  app.post("/surveys/:id/responses", async (c) => {
    const surveyId = SurveyParam.safeParse(c.req.param("id"));
    const token = TokenHeader.safeParse(c.req.header("x-anonymous-token"));
    if (!surveyId.success || !token.success) return c.json({ status: "badToken" }, 403);
    const items = await surveyItemsForToken(db, surveyId.data);
    if (!items) return c.json({ status: "badToken" }, 403);
    const form = await c.req.formData().catch(() => null);
    if (!form) return c.json({ status: "invalid", reply: null }, 400);
    const submission = parseWithZod(form, { schema: answersSchema(items) });
    if (submission.status !== "success") return c.json({ status: "invalid", reply: submission.reply() }, 400);
    const [keyId, tokenText, signature] = token.data;
    const result = await spendToken(db, {
      surveyId: surveyId.data,
      keyId,
      token: tokenText,
      signature,
      answers: submission.value as Answers,
    });
    if (result.ok) return c.json({ status: "ok", receipt: result.receipt }, 200);
    if (result.reason === "invalid")
      return c.json({ status: "invalid", reply: submission.reply({ fieldErrors: result.fieldErrors }) }, 400);
    return c.json({ status: result.reason }, result.reason === "badToken" ? 403 : 409);
  });

  return app;
}

/**
 * An anonymous suggestion: posted to the same address as a named one (`/suggestions/new`), with
 * a token instead of a session, and answered the same way (303 See Other), so that neither the
 * request log nor a proxy's can tell the two apart by address or status. The follow-up code was
 * made by the browser; only its hash arrives.
 */
export async function anonymousSuggestion(c: Context) {
  const token = SuggestionTokenHeader.safeParse(c.req.header("x-anonymous-token"));
  if (!token.success) return c.json({ status: "badToken" }, 403);
  const form = await c.req.formData().catch(() => null);
  if (!form) return c.json({ status: "invalid", reply: null }, 400);
  const submission = parseWithZod(form, { schema: AnonymousSuggestionSchema });
  if (submission.status !== "success") return c.json({ status: "invalid", reply: submission.reply({ hideFields: ["followUpHash"] }) }, 400);
  const [keyId, tokenText, signature] = token.data;
  const { followUpHash, identity: _identity, ...suggestion } = submission.value;
  const result = await fileAnonymousSuggestion(db, { keyId, token: tokenText, signature, suggestion, followUpHash });
  if (result.ok) return new Response(null, { status: 303, headers: { Location: "/suggestions", "Cache-Control": "no-store" } });
  if (result.reason === "unknownUnit")
    return c.json({ status: "invalid", reply: submission.reply({ fieldErrors: { unitId: ["errors.unknownUnit"] } }) }, 400);
  return c.json({ status: result.reason }, result.reason === "badToken" ? 403 : 409);
}
