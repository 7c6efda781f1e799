import { Hono, type Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { db } from "~/utils/db.server";
import { rows } from "~/utils/sql.server";
import { databaseAnswers } from "~/modules/ops/queries.server";
import { getEnv } from "~/utils/env.server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "~/utils/i18n";
import {
  clearSessionCookie,
  LOCALE_COOKIE,
  localeCookie,
  readCookie,
  sessionCookie,
  sessionCookieName,
} from "~/modules/auth/cookie.server";
import { validateSessionToken, type ValidSession } from "~/modules/auth/session.server";
import { apiRoutes } from "./api";
import { ANONYMOUS_PREFIX, anonymousRoutes, anonymousSuggestion } from "./anonymous";
import { tokenRoutes } from "./tokens";
import { compilePatterns, remixPatterns, routePatternOf } from "./route-patterns";
import { resolveClientAddress, trustedProxies, type TrustedProxies } from "./client-address";
import { requestLog, sameOriginWrites, securityHeaders } from "./security";
import type { RequestContext } from "./context";

/** Pages whose POSTs are served without the session (see below). */
const SESSIONLESS_POSTS = new Set(["/suggestions/follow-up"]);

type Vars = { nonce: string; session: ValidSession | null; locale: Locale; clientAddress: string };
export type AppEnv = { Variables: Vars };

/** The socket's address, or the client's as reported by a trusted proxy (TRUSTED_PROXIES). */
function clientAddress(c: Context<AppEnv>, isTrusted: TrustedProxies) {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c as unknown as Context).remote.address;
  } catch {
    return "unknown"; // app.request() in tests has no socket
  }
  return resolveClientAddress(remote, c.req.header("x-forwarded-for"), isTrusted);
}

/** The HTTP application: security, sessions, locale, the JSON API, then Remix for every page. */
export function createApp(options: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode?: string;
  staticHandler?: Parameters<Hono<AppEnv>["use"]>[1];
  /** Defaults to TRUSTED_PROXIES. */
  trustedProxies?: readonly string[];
}) {
  const app = new Hono<AppEnv>();
  const isTrustedProxy = trustedProxies(options.trustedProxies ?? getEnv().TRUSTED_PROXIES);
  const remix = createRequestHandler(options.build as ServerBuild, options.mode ?? getEnv().NODE_ENV);
  const api = apiRoutes();
  const anonymous = anonymousRoutes();
  const tokens = tokenRoutes();

  // Route patterns for the request log: this server's own routes and the Remix build's.
  let patterns: ReturnType<typeof compilePatterns> | null = null;
  const build = typeof options.build === "function" ? null : options.build;
  const patternOf = (path: string) => {
    patterns ??= compilePatterns([
      "/healthz",
      "/assets/*",
      ...api.routes.map((r) => `/api/v1${r.path}`),
      ...anonymous.routes.map((r) => `${ANONYMOUS_PREFIX.slice(0, -1)}${r.path}`),
      ...tokens.routes.map((r) => r.path),
      ...(build ? remixPatterns(build.routes) : ["/*"]),
    ]);
    return routePatternOf(patterns, path);
  };

  app.use("*", requestLog(patternOf));
  app.use("*", securityHeaders());
  app.get("/healthz", async (c) => {
    await rows(db, databaseAnswers);
    return c.json({ status: "ok" });
  });
  if (options.staticHandler) app.use("*", options.staticHandler);
  app.use("*", sameOriginWrites());
  // Before the session: an anonymous submission never has its session read, renewed or written.
  app.route(ANONYMOUS_PREFIX.slice(0, -1), anonymous);
  app.post("/suggestions/new", (c, next) => (c.req.header("x-anonymous-token") ? anonymousSuggestion(c) : next()));

  app.use("*", async (c, next) => {
    c.set("clientAddress", clientAddress(c, isTrustedProxy));
    const cookieHeader = c.req.header("cookie");
    // An anonymous thread is read and answered by its code alone: the session of a request
    // posted there is neither read nor renewed, so nothing ties the visit to a person.
    const sessionless = c.req.method === "POST" && SESSIONLESS_POSTS.has(c.req.path);
    const token = sessionless ? undefined : readCookie(cookieHeader, sessionCookieName());
    const session = token ? await validateSessionToken(db, token) : null;
    c.set("session", session);

    const requested = c.req.query("lng");
    const fromCookie = readCookie(cookieHeader, LOCALE_COOKIE);
    let locale: Locale = DEFAULT_LOCALE;
    // `?lng=` only sets this browser's cookie: a GET never writes the database (the saved choice
    // is changed by the account page's form).
    if (isLocale(requested)) locale = requested;
    else if (isLocale(fromCookie)) locale = fromCookie;
    else if (session && isLocale(session.user.locale)) locale = session.user.locale;
    c.set("locale", locale);

    await next();

    const setsSession = c.res.headers.getSetCookie().some((v) => v.startsWith(`${sessionCookieName()}=`));
    if (!setsSession && token && !session) c.res.headers.append("Set-Cookie", clearSessionCookie());
    else if (!setsSession && session?.renewed && token) c.res.headers.append("Set-Cookie", sessionCookie(token, session.expiresAt));
    if (isLocale(requested) && requested !== fromCookie) c.res.headers.append("Set-Cookie", localeCookie(requested));
  });

  app.route("/api/v1", api);
  app.route("/", tokens);

  app.all("*", async (c) => {
    const context: RequestContext = {
      session: c.get("session"),
      locale: c.get("locale"),
      nonce: c.get("nonce"),
      clientAddress: c.get("clientAddress"),
    };
    const response = await remix(c.req.raw, context);
    // A page that carries personal data must not be kept by shared caches.
    if (context.session && !response.headers.has("Cache-Control")) response.headers.set("Cache-Control", "private, no-store");
    return response;
  });

  return app;
}
