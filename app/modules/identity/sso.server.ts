import * as oidc from "openid-client";
import { serialize } from "hono/utils/cookie";
import type { Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { audit } from "~/modules/audit/audit.server";
import { createSession } from "~/modules/auth/session.server";
import { isRole } from "~/modules/auth/roles";
import { openSecret, sealSecret } from "~/modules/integration/secrets.server";
import { safeRedirect } from "~/utils/http.server";
import { dingtalkUserIdFromAuthCode, PlatformError, wecomUserIdFromCode } from "./platforms.server";
import { passwordSignInAllowed } from "./policy.server";
import { activeProvider } from "./provider-settings.server";
import type { ProviderConfigs } from "./provider-settings";

export const SSO_PROVIDERS = ["oidc", "wecom", "dingtalk"] as const;
export type SsoProvider = (typeof SSO_PROVIDERS)[number];
export type SsoError =
  | "identity.errors.notConfigured"
  | "identity.errors.state"
  | "identity.errors.noMatch"
  | "identity.errors.provider"
  | "identity.errors.passwordNotAllowed";

/** The sign-in round trip lives in a sealed, short-lived cookie scoped to the callback. */
export const SSO_COOKIE = "sso";
const SSO_TTL_MS = 10 * 60 * 1000;

function cookie(value: string, maxAge: number) {
  return serialize(SSO_COOKIE, value, { path: "/auth", httpOnly: true, sameSite: "Lax", secure: getEnv().SECURE_COOKIES, maxAge });
}
export const clearSsoCookie = () => cookie("", 0);

type Pending = { provider: SsoProvider; state: string; nonce?: string; verifier?: string; redirectTo: string; exp: number };

/** Loopback issuers over plain HTTP are allowed for development and tests only. */
function insecureAllowed(issuer: string) {
  const url = new URL(issuer);
  return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
}

const discovered = new Map<string, { config: oidc.Configuration; at: number }>();

async function oidcConfiguration(settings: { config: ProviderConfigs["oidc"]; secret: string }) {
  const key = `${settings.config.issuer}\0${settings.config.clientId}\0${settings.secret}`;
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < 60 * 60 * 1000) return cached.config;
  const config = await oidc.discovery(new URL(settings.config.issuer), settings.config.clientId, settings.secret, undefined, {
    ...(insecureAllowed(settings.config.issuer) ? { execute: [oidc.allowInsecureRequests] } : {}),
    timeout: 10,
  });
  discovered.set(key, { config, at: Date.now() });
  return config;
}

/** Forgets discovered provider metadata (after a settings change). */
export function forgetOidcDiscovery() {
  discovered.clear();
}

/** Checks the issuer's discovery document and that it offers the code flow with S256. */
export async function oidcTestConnection(settings: { config: ProviderConfigs["oidc"]; secret: string }) {
  forgetOidcDiscovery();
  const config = await oidcConfiguration(settings);
  const methods = config.serverMetadata().code_challenge_methods_supported;
  if (methods && !methods.includes("S256")) throw new Error("the provider does not support PKCE S256");
}

export const callbackUrl = (origin: string, provider: SsoProvider) => `${origin}/auth/${provider}/callback`;

/** Which sign-in buttons the login page shows. */
export async function availableSignIns(db: Db) {
  const [o, w, d] = await Promise.all([activeProvider(db, "oidc"), activeProvider(db, "wecom"), activeProvider(db, "dingtalk")]);
  return { oidc: Boolean(o), wecom: Boolean(w?.config.signIn), dingtalk: Boolean(d?.config.signIn) };
}

/** Where to send the browser to sign in, and the cookie that remembers the round trip. */
export async function startSignIn(
  db: Db,
  provider: SsoProvider,
  input: { origin: string; redirectTo?: string | null; userAgent?: string | null },
): Promise<{ url: string; cookie: string } | { error: SsoError }> {
  const redirectUri = callbackUrl(input.origin, provider);
  const pending: Pending = {
    provider,
    state: oidc.randomState(),
    redirectTo: safeRedirect(input.redirectTo),
    exp: Date.now() + SSO_TTL_MS,
  };
  let url: string;
  if (provider === "oidc") {
    const settings = await activeProvider(db, "oidc");
    if (!settings) return { error: "identity.errors.notConfigured" };
    let config: oidc.Configuration;
    try {
      config = await oidcConfiguration(settings);
    } catch {
      return { error: "identity.errors.provider" };
    }
    pending.verifier = oidc.randomPKCECodeVerifier();
    pending.nonce = oidc.randomNonce();
    url = oidc
      .buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: settings.config.scopes,
        code_challenge: await oidc.calculatePKCECodeChallenge(pending.verifier),
        code_challenge_method: "S256",
        state: pending.state,
        nonce: pending.nonce,
      })
      .toString();
  } else if (provider === "wecom") {
    const settings = await activeProvider(db, "wecom");
    if (!settings?.config.signIn) return { error: "identity.errors.notConfigured" };
    const { corpId, agentId } = settings.config;
    // Inside the WeCom client: silent OAuth2; on a desktop browser: the QR login page.
    url = /wxwork/i.test(input.userAgent ?? "")
      ? `https://open.weixin.qq.com/connect/oauth2/authorize?${new URLSearchParams({ appid: corpId, redirect_uri: redirectUri, response_type: "code", scope: "snsapi_base", state: pending.state, agentid: agentId })}#wechat_redirect`
      : `https://login.work.weixin.qq.com/wwlogin/sso/login?${new URLSearchParams({ login_type: "CorpApp", appid: corpId, agentid: agentId, redirect_uri: redirectUri, state: pending.state })}`;
  } else {
    const settings = await activeProvider(db, "dingtalk");
    if (!settings?.config.signIn) return { error: "identity.errors.notConfigured" };
    url = `https://login.dingtalk.com/oauth2/auth?${new URLSearchParams({ redirect_uri: redirectUri, response_type: "code", client_id: settings.config.appKey, scope: "openid", state: pending.state, prompt: "consent" })}`;
  }
  return { url, cookie: cookie(sealSecret(JSON.stringify(pending)), SSO_TTL_MS / 1000) };
}

function readPending(sealed: string | undefined, provider: SsoProvider, state: string | null): Pending | null {
  if (!sealed || !state) return null;
  try {
    const pending = JSON.parse(openSecret(sealed)) as Pending;
    return pending.provider === provider && pending.state === state && pending.exp > Date.now() ? pending : null;
  } catch {
    return null;
  }
}

type Match = { field: "email" | "employeeNo" | "externalId" | "wecomUserId" | "dingtalkUserId"; value: string };

async function accountFor(db: Db, match: Match) {
  const value = match.field === "email" ? match.value.trim().toLowerCase() : match.value;
  const employee = await db.employee.findFirst({
    where: { [match.field]: value, active: true },
    select: { id: true, user: { select: { id: true, role: true, disabled: true } } },
  });
  const user = employee?.user;
  return user && !user.disabled && isRole(user.role) ? { userId: user.id, role: user.role } : null;
}

/**
 * Completes a sign-in at the callback: checks the round trip, asks the provider who this is,
 * finds the employee and opens a session. A privileged account may be required to come
 * through the identity provider, and is then refused through WeCom and DingTalk.
 */
export async function finishSignIn(
  db: Db,
  provider: SsoProvider,
  callback: URL,
  sealed: string | undefined,
): Promise<{ ok: true; token: string; expiresAt: Date; userId: string; redirectTo: string } | { ok: false; error: SsoError }> {
  const pending = readPending(sealed, provider, callback.searchParams.get("state"));
  if (!pending) return { ok: false, error: "identity.errors.state" };
  let match: Match | null = null;
  try {
    if (provider === "oidc") {
      const settings = await activeProvider(db, "oidc");
      if (!settings) return { ok: false, error: "identity.errors.notConfigured" };
      const config = await oidcConfiguration(settings);
      const tokens = await oidc.authorizationCodeGrant(config, callback, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      let claims: Record<string, unknown> = { ...tokens.claims() };
      if (claims[settings.config.claim] === undefined && config.serverMetadata().userinfo_endpoint) {
        claims = { ...claims, ...(await oidc.fetchUserInfo(config, tokens.access_token, tokens.claims()!.sub)) };
      }
      const value = claims[settings.config.claim];
      if (typeof value === "string" && value) match = { field: settings.config.matchField, value };
    } else if (provider === "wecom") {
      const settings = await activeProvider(db, "wecom");
      const code = callback.searchParams.get("code");
      if (!settings?.config.signIn) return { ok: false, error: "identity.errors.notConfigured" };
      if (!code) return { ok: false, error: "identity.errors.state" };
      const userId = await wecomUserIdFromCode(
        { corpId: settings.config.corpId, agentId: settings.config.agentId, secret: settings.secret },
        code,
      );
      if (userId) match = { field: "wecomUserId", value: userId };
    } else {
      const settings = await activeProvider(db, "dingtalk");
      const code = callback.searchParams.get("authCode") ?? callback.searchParams.get("code");
      if (!settings?.config.signIn) return { ok: false, error: "identity.errors.notConfigured" };
      if (!code) return { ok: false, error: "identity.errors.state" };
      const userId = await dingtalkUserIdFromAuthCode(
        { appKey: settings.config.appKey, agentId: settings.config.agentId, secret: settings.secret },
        code,
      );
      if (userId) match = { field: "dingtalkUserId", value: userId };
    }
  } catch (error) {
    if (error instanceof PlatformError || error instanceof Error) return { ok: false, error: "identity.errors.provider" };
    throw error;
  }
  const account = match ? await accountFor(db, match) : null;
  if (!account) return { ok: false, error: "identity.errors.noMatch" };
  if (provider !== "oidc" && !(await passwordSignInAllowed(db, account.role)))
    return { ok: false, error: "identity.errors.passwordNotAllowed" };
  const session = await createSession(db, account.userId);
  await audit(db, { actorId: account.userId, action: `signIn.${provider}`, entity: "User", entityId: account.userId });
  return { ok: true, userId: account.userId, redirectTo: pending.redirectTo, ...session };
}
