import type { MiddlewareHandler } from "hono";
import { authenticateApiToken, type ApiCaller } from "~/modules/integration/tokens.server";
import { ApiRateLimiter } from "~/modules/integration/rate-limit.server";
import type { ApiScope } from "~/modules/integration/scopes";
import { db } from "~/utils/db.server";
import { apiError } from "./errors";

export type ApiEnv = { Variables: { caller: ApiCaller } };

const limiter = new ApiRateLimiter(60_000);

/**
 * Bearer tokens only: a browser's cookie session never authenticates an API request, so the
 * API cannot be driven cross-site through a signed-in user's browser.
 */
export function bearerAuth(): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    if (!token) {
      c.header("WWW-Authenticate", 'Bearer realm="api"');
      return apiError(c, 401, "unauthorized", "An API token is required: Authorization: Bearer <token>");
    }
    const caller = await authenticateApiToken(db, token);
    if (!caller) {
      c.header("WWW-Authenticate", 'Bearer realm="api", error="invalid_token"');
      return apiError(c, 401, "unauthorized", "The token is unknown, expired or revoked");
    }
    const wait = await limiter.hit(db, caller.tokenId, caller.rateLimitPerMinute);
    if (wait > 0) {
      c.header("Retry-After", String(wait));
      return apiError(c, 429, "rate_limited", `Rate limit of ${caller.rateLimitPerMinute} requests per minute reached; retry in ${wait} s`);
    }
    c.set("caller", caller);
    await next();
  };
}

export function requireScope(scope: ApiScope): MiddlewareHandler<ApiEnv> {
  return async (c, next) => {
    if (!c.get("caller").scopes.includes(scope)) return apiError(c, 403, "forbidden", `The token lacks the scope ${scope}`);
    await next();
  };
}

const BODY_METHODS = new Set(["POST", "PUT", "PATCH"]);

export function jsonBodies(): MiddlewareHandler {
  return async (c, next) => {
    if (BODY_METHODS.has(c.req.method) && !/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) {
      return apiError(c, 415, "unsupported_media_type", "Send the body as application/json");
    }
    await next();
  };
}
