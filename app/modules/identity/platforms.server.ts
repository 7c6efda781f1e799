import { createHash } from "node:crypto";
import { z } from "zod";

/**
 * WeCom (企业微信) and DingTalk (钉钉) server APIs, as their documentation describes them: an
 * application access token from the corp id and secret (cached until shortly before it
 * expires), then calls that answer HTTP 200 with `errcode` 0 on success.
 */

export const WECOM_API = "https://qyapi.weixin.qq.com";
export const DINGTALK_OAPI = "https://oapi.dingtalk.com";
export const DINGTALK_API = "https://api.dingtalk.com";

/** A platform refused or could not be reached. `code` is the platform's errcode (or HTTP status, or "timeout"). */
export class PlatformError extends Error {
  constructor(
    public readonly platform: "wecom" | "dingtalk",
    public readonly code: string,
    detail: string,
  ) {
    super(`${platform} ${code}: ${detail.slice(0, 200)}`);
  }
}

/** errcodes that mean the cached access token is stale: drop it and ask again once. */
const STALE_TOKEN = new Set(["40014", "42001", "88", "40001"]);

const ErrBody = z.object({ errcode: z.number().optional(), errmsg: z.string().optional() }).passthrough();

async function call(
  platform: "wecom" | "dingtalk",
  url: string,
  init: RequestInit = {},
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
    throw new PlatformError(platform, timedOut ? "timeout" : "network", "no answer");
  }
  let body: Record<string, unknown>;
  try {
    body = (await response.json()) as Record<string, unknown>;
  } catch {
    throw new PlatformError(platform, `HTTP ${response.status}`, "unreadable answer");
  }
  if (!response.ok) {
    // api.dingtalk.com answers errors with an HTTP status and { code, message }.
    throw new PlatformError(platform, String(body.code ?? `HTTP ${response.status}`), String(body.message ?? ""));
  }
  const parsed = ErrBody.safeParse(body);
  if (parsed.success && parsed.data.errcode !== undefined && parsed.data.errcode !== 0) {
    throw new PlatformError(platform, String(parsed.data.errcode), parsed.data.errmsg ?? "");
  }
  return body;
}

const tokens = new Map<string, { token: string; expiresAt: number }>();

/** Forgets cached access tokens (after a settings change, and between tests). */
export function forgetPlatformTokens() {
  tokens.clear();
}

async function cachedToken(key: string, fetchToken: () => Promise<{ token: string; expiresIn: number }>) {
  const cached = tokens.get(key);
  if (cached && cached.expiresAt > Date.now()) return cached.token;
  const { token, expiresIn } = await fetchToken();
  // Renew five minutes early so that a token never expires between fetch and use.
  tokens.set(key, { token, expiresAt: Date.now() + Math.max(0, expiresIn - 300) * 1000 });
  return token;
}

const cacheKey = (...parts: string[]) => createHash("sha256").update(parts.join("\0")).digest("base64url");

async function withToken<T>(
  platform: "wecom" | "dingtalk",
  key: string,
  fetchToken: () => Promise<{ token: string; expiresIn: number }>,
  call: (token: string) => Promise<T>,
) {
  try {
    return await call(await cachedToken(key, fetchToken));
  } catch (error) {
    if (!(error instanceof PlatformError) || !STALE_TOKEN.has(error.code)) throw error;
    tokens.delete(key);
    return call(await cachedToken(key, fetchToken));
  }
}

const TokenAnswer = z.object({ access_token: z.string().min(1), expires_in: z.number().int().positive() });

// ───────────── WeCom ─────────────

export type WeComApp = { corpId: string; agentId: string; secret: string };

function wecomToken(app: WeComApp) {
  return async () => {
    const url = `${WECOM_API}/cgi-bin/gettoken?${new URLSearchParams({ corpid: app.corpId, corpsecret: app.secret })}`;
    const answer = TokenAnswer.safeParse(await call("wecom", url));
    if (!answer.success) throw new PlatformError("wecom", "malformed", "gettoken");
    return { token: answer.data.access_token, expiresIn: answer.data.expires_in };
  };
}

const wecom = <T>(app: WeComApp, use: (token: string) => Promise<T>) =>
  withToken("wecom", cacheKey("wecom", app.corpId, app.secret), wecomToken(app), use);

/** Checks the corp id and secret by asking for an access token. */
export async function wecomTestConnection(app: WeComApp) {
  forgetPlatformTokens();
  await wecom(app, async () => undefined);
}

/** The member's UserID for an OAuth2 or QR-login code; null when the visitor is not a member of the corp. */
export async function wecomUserIdFromCode(app: WeComApp, code: string): Promise<string | null> {
  return wecom(app, async (token) => {
    const body = await call("wecom", `${WECOM_API}/cgi-bin/auth/getuserinfo?${new URLSearchParams({ access_token: token, code })}`);
    const userid = body.userid ?? body.UserId;
    return typeof userid === "string" && userid ? userid : null;
  });
}

/** Sends an application message (textcard) to one member. */
export async function wecomSendMessage(app: WeComApp, userId: string, card: { title: string; description: string; url: string }) {
  await wecom(app, async (token) => {
    const body = await call("wecom", `${WECOM_API}/cgi-bin/message/send?access_token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({
        touser: userId,
        msgtype: "textcard",
        agentid: Number(app.agentId),
        textcard: { ...card, btntxt: "查看 Open" },
        enable_duplicate_check: 1,
        duplicate_check_interval: 1800,
      }),
    });
    // errcode 0 with the member listed as invalid: the message reached nobody.
    if (typeof body.invaliduser === "string" && body.invaliduser.split("|").includes(userId))
      throw new PlatformError("wecom", "invaliduser", "recipient unknown");
  });
}

// ───────────── DingTalk ─────────────

export type DingTalkApp = { appKey: string; agentId: string; secret: string };

function dingtalkToken(app: DingTalkApp) {
  return async () => {
    const url = `${DINGTALK_OAPI}/gettoken?${new URLSearchParams({ appkey: app.appKey, appsecret: app.secret })}`;
    const answer = TokenAnswer.safeParse(await call("dingtalk", url));
    if (!answer.success) throw new PlatformError("dingtalk", "malformed", "gettoken");
    return { token: answer.data.access_token, expiresIn: answer.data.expires_in };
  };
}

const dingtalk = <T>(app: DingTalkApp, use: (token: string) => Promise<T>) =>
  withToken("dingtalk", cacheKey("dingtalk", app.appKey, app.secret), dingtalkToken(app), use);

export async function dingtalkTestConnection(app: DingTalkApp) {
  forgetPlatformTokens();
  await dingtalk(app, async () => undefined);
}

const UserToken = z.object({ accessToken: z.string().min(1) });
const Me = z.object({ unionId: z.string().min(1) });

/**
 * Scan-to-login: the authCode becomes a user access token, that names the person (unionId),
 * and the app token turns the unionId into the corp's userid. null: not a member of the corp.
 */
export async function dingtalkUserIdFromAuthCode(app: DingTalkApp, authCode: string): Promise<string | null> {
  const exchanged = UserToken.safeParse(
    await call("dingtalk", `${DINGTALK_API}/v1.0/oauth2/userAccessToken`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ clientId: app.appKey, clientSecret: app.secret, code: authCode, grantType: "authorization_code" }),
    }),
  );
  if (!exchanged.success) throw new PlatformError("dingtalk", "malformed", "userAccessToken");
  const me = Me.safeParse(
    await call("dingtalk", `${DINGTALK_API}/v1.0/contact/users/me`, {
      headers: { "x-acs-dingtalk-access-token": exchanged.data.accessToken },
    }),
  );
  if (!me.success) throw new PlatformError("dingtalk", "malformed", "users/me");
  return dingtalk(app, async (token) => {
    try {
      const body = await call("dingtalk", `${DINGTALK_OAPI}/topapi/user/getbyunionid?access_token=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ unionid: me.data.unionId }),
      });
      const userid = (body.result as { userid?: unknown } | undefined)?.userid;
      return typeof userid === "string" && userid ? userid : null;
    } catch (error) {
      // 60121: no such member in this corp.
      if (error instanceof PlatformError && error.code === "60121") return null;
      throw error;
    }
  });
}

/** Sends a work notification (工作通知, markdown) to one member. */
export async function dingtalkSendWorkNotice(app: DingTalkApp, userId: string, message: { title: string; text: string }) {
  await dingtalk(app, async (token) => {
    await call("dingtalk", `${DINGTALK_OAPI}/topapi/message/corpconversation/asyncsend_v2?access_token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ agent_id: Number(app.agentId), userid_list: userId, msg: { msgtype: "markdown", markdown: message } }),
    });
  });
}
