import type { MiddlewareHandler } from "hono";
import { getEnv } from "~/utils/env.server";
import { logMethod } from "./route-patterns";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * State changes only from the app itself: a non-GET request must carry an Origin equal to
 * ours, or (without Origin) `Sec-Fetch-Site: same-origin`. Neither header: refused.
 * API calls authenticated by a bearer token carry no cookie and are exempt.
 */
export function sameOriginWrites(): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    if (c.req.path.startsWith("/api/") && c.req.header("authorization")?.startsWith("Bearer ")) return next();
    const expected = getEnv().APP_ORIGIN ?? new URL(c.req.url).origin;
    const origin = c.req.header("origin");
    const fetchSite = c.req.header("sec-fetch-site");
    const allowed = origin ? origin === expected : fetchSite === "same-origin";
    if (!allowed) {
      return c.json({ error: { code: "cross_site_request", message: "Cross-site request refused" } }, 403);
    }
    return next();
  };
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    const nonce = crypto.randomUUID().replaceAll("-", "");
    c.set("nonce", nonce);
    await next();
    const h = c.res.headers;
    h.set("X-Content-Type-Options", "nosniff");
    h.set("X-Frame-Options", "DENY");
    h.set("Referrer-Policy", "same-origin");
    h.set("Cross-Origin-Opener-Policy", "same-origin");
    h.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (getEnv().NODE_ENV === "production") {
      h.set(
        "Content-Security-Policy",
        [
          "default-src 'self'",
          `script-src 'self' 'nonce-${nonce}'`,
          "style-src 'self' 'unsafe-inline'",
          "img-src 'self' data:",
          "connect-src 'self'",
          "frame-ancestors 'none'",
          "base-uri 'self'",
          "form-action 'self'",
          "object-src 'none'",
        ].join("; "),
      );
      if (getEnv().SECURE_COOKIES) h.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
  };
}

/**
 * Logs method, the route pattern the request matched (never the path itself: no ids, codes or
 * query strings), status and time. Never a user id, address or anything the client chose.
 */
export function requestLog(patternOf: (path: string) => string): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await next();
    if (getEnv().LOG_LEVEL === "silent") return;
    const ms = (performance.now() - started).toFixed(1);
    console.log(`${logMethod(c.req.method)} ${patternOf(c.req.path)} ${c.res.status} ${ms}ms`);
  };
}
