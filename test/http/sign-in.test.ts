import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { forgetPlatformTokens } from "~/modules/identity/platforms.server";
import { saveProviderSetting } from "~/modules/identity/provider-settings.server";
import { forgetOidcDiscovery } from "~/modules/identity/sso.server";
import { dingTalkPlatform, weComPlatform } from "../mocks/platforms";
import { server } from "../mocks/server";
import { OIDC_CLIENT, startOidcProvider } from "../oidc-provider";
import { client, demoOrg, ORIGIN, signedIn, testApp, TEST_PASSWORD, userFor } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof demoOrg>>;
let idp: Awaited<ReturnType<typeof startOidcProvider>>;
let sysadmin: string;

beforeAll(async () => {
  app = await testApp();
  org = await demoOrg();
  sysadmin = org.userId.get("E000006")!;
  idp = await startOidcProvider({
    redirectUris: [`${ORIGIN}/auth/oidc/callback`],
    employeeNumbers: { "zhang.wei@group.example.com": "E000004" },
  });
  await userFor("E000004");
  await userFor("E000003");
  await db.employee.update({ where: { employeeNo: "E000004" }, data: { wecomUserId: "ZhangWei", dingtalkUserId: "manager4" } });
  await db.employee.update({ where: { employeeNo: "E000003" }, data: { wecomUserId: "HrLi" } });
});
afterAll(() => idp.close());

const oidcSettings = (
  over: Partial<{ claim: string; matchField: "email" | "employeeNo" | "externalId"; requireForPrivileged: boolean }> = {},
) =>
  saveProviderSetting(db, sysadmin, "oidc", {
    enabled: true,
    config: {
      issuer: idp.issuer,
      clientId: OIDC_CLIENT.clientId,
      claim: "email",
      matchField: "email",
      scopes: "openid email profile",
      requireForPrivileged: false,
      ...over,
    },
    secret: OIDC_CLIENT.clientSecret,
  });

beforeEach(async () => {
  forgetPlatformTokens();
  forgetOidcDiscovery();
  await db.integrationSetting.deleteMany();
  await oidcSettings();
  await saveProviderSetting(db, sysadmin, "wecom", {
    enabled: true,
    config: { corpId: "ww1234", agentId: "1000002", signIn: true, messages: false },
    secret: "wecom-secret",
  });
  await saveProviderSetting(db, sysadmin, "dingtalk", {
    enabled: true,
    config: { appKey: "dingkey", agentId: "2981", signIn: true, messages: false },
    secret: "ding-secret",
  });
});

const cookieValue = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith(`${name}=`) && c.length > name.length + 1);
const flashOf = (response: Response) => {
  const c = cookieValue(response, "flash");
  return c ? (JSON.parse(decodeURIComponent(decodeURIComponent(c.slice("flash=".length)))) as { message: string }).message : null;
};

/** Starts a sign-in at the app; returns where the browser is sent and the round-trip cookie. */
async function start(provider: string, userAgent = "Mozilla/5.0") {
  const response = await client(app).get(`/auth/${provider}?redirectTo=/account`, { headers: { "User-Agent": userAgent } });
  expect(response.status).toBe(302);
  return { location: new URL(response.headers.get("location")!), cookie: cookieValue(response, "sso")! };
}

async function callback(provider: string, query: string, cookie?: string) {
  return client(app, cookie).get(`/auth/${provider}/callback?${query}`);
}

/** Plays the browser at the identity provider: its login form, then its consent page. */
async function throughProvider(authorize: URL, login: string) {
  const jar = new Map<string, string>();
  let url = authorize.toString();
  let method = "GET";
  let body: string | undefined;
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(url, {
      method,
      body,
      redirect: "manual",
      headers: {
        Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(body ? { "Content-Type": "application/x-www-form-urlencoded" } : {}),
      },
    });
    for (const c of response.headers.getSetCookie()) {
      const [pair] = c.split(";");
      const [k, v] = pair.split("=");
      jar.set(k, v);
    }
    const location = response.headers.get("location");
    if (location) {
      const next = new URL(location, url);
      if (next.origin === ORIGIN) return next;
      url = next.toString();
      method = "GET";
      body = undefined;
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    const prompt = /name="prompt" value="(\w+)"/.exec(html)?.[1];
    if (!action || !prompt) throw new Error(`unexpected page at the provider: ${response.status}`);
    url = new URL(action, url).toString();
    method = "POST";
    body = new URLSearchParams(prompt === "login" ? { prompt, login, password: "any" } : { prompt }).toString();
  }
  throw new Error("too many hops at the provider");
}

async function oidcSignIn(login: string) {
  const { location, cookie } = await start("oidc");
  expect(location.origin).toBe(idp.issuer);
  expect(location.searchParams.get("code_challenge_method")).toBe("S256");
  const back = await throughProvider(location, login);
  return callback("oidc", back.search.slice(1), cookie);
}

describe("sign-in through the group's identity provider (OIDC, a real provider)", () => {
  it("signs an employee in by the e-mail claim, with PKCE, state and nonce", async () => {
    const response = await oidcSignIn("E000004@GE.example.com");
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe("/account");
    const session = cookieValue(response, "session")!;
    const account = await client(app, session).get("/account");
    expect(account.status).toBe(200);
    expect(await account.text()).toContain("e000004@ge.example.com");
  });

  it("matches by another claim when configured (employee number)", async () => {
    await oidcSettings({ claim: "employee_number", matchField: "employeeNo" });
    const response = await oidcSignIn("zhang.wei@group.example.com");
    expect(cookieValue(response, "session")).toBeTruthy();
    expect(response.headers.get("location")).toBe("/account");
  });

  it("refuses an identity that matches no active employee, a callback without its cookie, and a replayed code", async () => {
    const stranger = await oidcSignIn("stranger@elsewhere.example.com");
    expect(flashOf(stranger)).toBe("identity.errors.noMatch");
    expect(cookieValue(stranger, "session")).toBeUndefined();

    const { location, cookie } = await start("oidc");
    const back = await throughProvider(location, "e000004@ge.example.com");
    const forged = await callback("oidc", back.search.slice(1));
    expect(flashOf(forged)).toBe("identity.errors.state");
    const ok = await callback("oidc", back.search.slice(1), cookie);
    expect(cookieValue(ok, "session")).toBeTruthy();
    const replay = await callback("oidc", back.search.slice(1), cookie);
    expect(flashOf(replay)).toBe("identity.errors.provider");
    expect(cookieValue(replay, "session")).toBeUndefined();
  });

  it("can require privileged roles to sign in through it: password, WeCom and DingTalk are then refused to them", async () => {
    await oidcSettings({ requireForPrivileged: true });
    const password = await client(app).post("/login", { email: "e000003@ge.example.com", password: TEST_PASSWORD, redirectTo: "/" });
    expect(password.status).toBe(403);
    expect(cookieValue(password, "session")).toBeUndefined();
    // A wrong password still says only "wrong": the rule is told to who knows the password.
    expect(
      (await client(app).post("/login", { email: "e000003@ge.example.com", password: "wrong password!", redirectTo: "/" })).status,
    ).toBe(401);
    // Employees keep their password.
    await signedIn(app, "e000004@ge.example.com");

    const wecom = weComPlatform({ corpId: "ww1234", secret: "wecom-secret", members: { CODEHR: "HrLi" } });
    server.use(...wecom.handlers);
    const { location, cookie } = await start("wecom");
    const refused = await callback("wecom", `code=CODEHR&state=${location.searchParams.get("state")}`, cookie);
    expect(flashOf(refused)).toBe("identity.errors.passwordNotAllowed");
    expect(cookieValue(refused, "session")).toBeUndefined();

    const viaIdp = await oidcSignIn("e000003@ge.example.com");
    expect(cookieValue(viaIdp, "session")).toBeTruthy();
  });
});

describe("WeCom sign-in", () => {
  it("uses OAuth2 inside the WeCom client and the QR login page on the desktop", async () => {
    const inside = await start("wecom", "Mozilla/5.0 (iPhone) wxwork/4.1.0 MicroMessenger/7.0.1");
    expect(inside.location.origin).toBe("https://open.weixin.qq.com");
    expect(inside.location.hash).toBe("#wechat_redirect");
    expect(Object.fromEntries(inside.location.searchParams)).toMatchObject({
      appid: "ww1234",
      agentid: "1000002",
      scope: "snsapi_base",
      response_type: "code",
      redirect_uri: `${ORIGIN}/auth/wecom/callback`,
    });
    const desktop = await start("wecom");
    expect(desktop.location.origin + desktop.location.pathname).toBe("https://login.work.weixin.qq.com/wwlogin/sso/login");
    expect(Object.fromEntries(desktop.location.searchParams)).toMatchObject({ login_type: "CorpApp", appid: "ww1234", agentid: "1000002" });
  });

  it("signs a member in by the UserID on the employee record; a used code, an outsider and a bad secret are refused", async () => {
    const wecom = weComPlatform({ corpId: "ww1234", secret: "wecom-secret", members: { CODE1: "ZhangWei", CODE9: "SomeoneElse" } });
    server.use(...wecom.handlers);
    const { location, cookie } = await start("wecom");
    const state = location.searchParams.get("state")!;
    const ok = await callback("wecom", `code=CODE1&state=${state}`, cookie);
    expect(ok.headers.get("location")).toBe("/account");
    expect(cookieValue(ok, "session")).toBeTruthy();

    expect(flashOf(await callback("wecom", `code=CODE1&state=${state}`, cookie))).toBe("identity.errors.provider"); // 40029 invalid code
    expect(flashOf(await callback("wecom", `code=outsider-1&state=${state}`, cookie))).toBe("identity.errors.noMatch");
    expect(flashOf(await callback("wecom", `code=CODE9&state=${state}`, cookie))).toBe("identity.errors.noMatch");
    expect(flashOf(await callback("wecom", `code=CODE9&state=other`, cookie))).toBe("identity.errors.state");

    await saveProviderSetting(db, sysadmin, "wecom", {
      enabled: true,
      config: { corpId: "ww1234", agentId: "1000002", signIn: true, messages: false },
      secret: "stale-secret",
    });
    forgetPlatformTokens();
    expect(flashOf(await callback("wecom", `code=CODE9&state=${state}`, cookie))).toBe("identity.errors.provider"); // 40001
  });
});

describe("DingTalk scan-to-login", () => {
  it("sends the browser to DingTalk's login page and signs a member in by their userid", async () => {
    const ding = dingTalkPlatform({
      appKey: "dingkey",
      secret: "ding-secret",
      unionIds: { AUTH1: "union-4", AUTH2: "union-x" },
      members: { "union-4": "manager4" },
    });
    server.use(...ding.handlers);
    const { location, cookie } = await start("dingtalk");
    expect(location.origin + location.pathname).toBe("https://login.dingtalk.com/oauth2/auth");
    expect(Object.fromEntries(location.searchParams)).toMatchObject({
      client_id: "dingkey",
      response_type: "code",
      scope: "openid",
      prompt: "consent",
      redirect_uri: `${ORIGIN}/auth/dingtalk/callback`,
    });
    const state = location.searchParams.get("state")!;
    const ok = await callback("dingtalk", `authCode=AUTH1&state=${state}`, cookie);
    expect(cookieValue(ok, "session")).toBeTruthy();
    expect(flashOf(await callback("dingtalk", `authCode=AUTH1&state=${state}`, cookie))).toBe("identity.errors.provider"); // invalidAuthCode
    expect(flashOf(await callback("dingtalk", `authCode=AUTH2&state=${state}`, cookie))).toBe("identity.errors.noMatch"); // 60121
  });

  it("is not offered, and refused, when switched off", async () => {
    await saveProviderSetting(db, sysadmin, "dingtalk", {
      enabled: false,
      config: { appKey: "dingkey", agentId: "2981", signIn: true, messages: false },
    });
    const response = await client(app).get("/auth/dingtalk");
    expect(flashOf(response)).toBe("identity.errors.notConfigured");
    expect(await (await client(app).get("/login")).text()).not.toContain("/auth/dingtalk");
    expect((await client(app).get("/auth/nosuch")).status).toBe(404);
  });
});
