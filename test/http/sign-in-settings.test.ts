import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { forgetPlatformTokens } from "~/modules/identity/platforms.server";
import { startMailServer } from "../mail-server";
import { dingTalkPlatform, weComPlatform } from "../mocks/platforms";
import { server } from "../mocks/server";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof demoOrg>>;
let sysadmin: Client;
let hr: Client;
let employee: Client;
let mail: Awaited<ReturnType<typeof startMailServer>>;

beforeAll(async () => {
  app = await testApp();
  org = await demoOrg();
  sysadmin = await signedIn(app, await userFor("E000006"));
  hr = await signedIn(app, await userFor("E000003"));
  employee = await signedIn(app, await userFor("E000004"));
  mail = await startMailServer({ user: "relay", password: "relay-pass" });
});
afterAll(() => mail.close());

const wecomForm = (over: Record<string, string> = {}) => ({
  intent: "save-wecom",
  corpId: "ww1234",
  agentId: "1000002",
  secret: "Wc0m-s3cret-value",
  signIn: "on",
  messages: "on",
  enabled: "on",
  ...over,
});

describe("the sign-in and message settings page", () => {
  it("belongs to the sysadmin", async () => {
    expect((await sysadmin.get("/admin/sign-in")).status).toBe(200);
    expect((await hr.get("/admin/sign-in")).status).toBe(403);
    expect((await employee.get("/admin/sign-in")).status).toBe(403);
    expect((await hr.post("/admin/sign-in", wecomForm())).status).toBe(403);
    expect(await db.integrationSetting.count()).toBe(0);
  });

  it("refuses bad input with 400, keeps what was typed, and stores nothing", async () => {
    const response = await sysadmin.post("/admin/sign-in", {
      intent: "save-oidc",
      issuer: "not a url",
      clientId: "typed-client",
      claim: "email",
      matchField: "email",
      scopes: "openid email",
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('value="typed-client"');
    expect((await sysadmin.post("/admin/sign-in", { ...wecomForm(), role: "sysadmin" })).status).toBe(400);
    expect((await sysadmin.post("/admin/sign-in", { ...wecomForm(), agentId: "1e309" })).status).toBe(400);
    expect((await sysadmin.post("/admin/sign-in", { intent: "save-nothing" })).status).toBe(400);
    expect(await db.integrationSetting.count()).toBe(0);
  });

  it("keeps secrets sealed, never shows them, and keeps a stored secret when the field is left empty", async () => {
    expect((await sysadmin.post("/admin/sign-in", wecomForm())).status).toBe(302);
    const row = await db.integrationSetting.findUniqueOrThrow({ where: { id: "wecom" } });
    expect(JSON.stringify(row)).not.toContain("Wc0m-s3cret-value");
    expect(row.secretSealed).toMatch(/^v1\./);
    const page = await (await sysadmin.get("/admin/sign-in")).text();
    expect(page).not.toContain("Wc0m-s3cret-value");
    expect(page).toContain("ww1234");
    expect((await sysadmin.post("/admin/sign-in", wecomForm({ secret: "" }))).status).toBe(302);
    expect((await db.integrationSetting.findUniqueOrThrow({ where: { id: "wecom" } })).secretSealed).toBe(row.secretSealed);
    const audit = await db.auditLog.findFirstOrThrow({
      where: { action: "integrationSetting.save", entityId: "wecom" },
      orderBy: { id: "desc" },
    });
    expect(JSON.stringify(audit)).not.toContain("Wc0m-s3cret-value");
  });

  it("tests each connection with the saved settings and says why one fails", async () => {
    forgetPlatformTokens();
    server.use(
      ...weComPlatform({ corpId: "ww1234", secret: "Wc0m-s3cret-value", members: {} }).handlers,
      ...dingTalkPlatform({ appKey: "dingkey", secret: "ding-secret", unionIds: {}, members: {} }).handlers,
    );
    await sysadmin.post("/admin/sign-in", wecomForm());
    expect(await (await sysadmin.post("/admin/sign-in", { intent: "test-wecom" })).text()).toContain("连接成功");
    await sysadmin.post("/admin/sign-in", wecomForm({ secret: "wrong" }));
    expect(await (await sysadmin.post("/admin/sign-in", { intent: "test-wecom" })).text()).toContain("wecom 40001");

    await sysadmin.post("/admin/sign-in", {
      intent: "save-dingtalk",
      appKey: "dingkey",
      agentId: "2981",
      secret: "ding-secret",
      messages: "on",
      enabled: "on",
    });
    expect(await (await sysadmin.post("/admin/sign-in", { intent: "test-dingtalk" })).text()).toContain("连接成功");

    const smtp = {
      intent: "save-smtp",
      host: "127.0.0.1",
      port: String(mail.port),
      security: "none",
      user: "relay",
      from: "hr@ge.example.com",
      enabled: "on",
    };
    await sysadmin.post("/admin/sign-in", { ...smtp, secret: "relay-pass" });
    expect(await (await sysadmin.post("/admin/sign-in", { intent: "test-smtp" })).text()).toContain("连接成功");
    await sysadmin.post("/admin/sign-in", { ...smtp, secret: "bad-pass" });
    expect(await (await sysadmin.post("/admin/sign-in", { intent: "test-smtp" })).text()).toContain("连接失败");
  });

  it("refuses to require the identity provider for admins while the provider does not answer", async () => {
    const oidc = {
      intent: "save-oidc",
      issuer: "http://127.0.0.1:1",
      clientId: "gehr",
      secret: "s",
      claim: "email",
      matchField: "email",
      scopes: "openid email",
      enabled: "on",
      requireForPrivileged: "on",
    };
    const refused = await sysadmin.post("/admin/sign-in", oidc);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("不能要求管理人员只通过它登录");
    expect(await db.integrationSetting.findUnique({ where: { id: "oidc" } })).toBeNull();
    const { requireForPrivileged: _, ...withoutEnforcement } = oidc;
    expect((await sysadmin.post("/admin/sign-in", withoutEnforcement)).status).toBe(302);
  });

  it("reads in English too", async () => {
    const page = await (await sysadmin.get("/admin/sign-in?lng=en")).text();
    for (const words of ["Sign-in and message settings", "Group identity (OIDC)", "Test connection", "E-mail (SMTP)"])
      expect(page).toContain(words);
  });
});

describe("linking people to WeCom and DingTalk, and their message preference", () => {
  it("HR sets the ids on the employee page; an id already taken is refused and what was typed stays", async () => {
    const id = org.employeeId.get("E000005")!;
    const current = await db.employee.findUniqueOrThrow({ where: { id }, include: { unit: true, position: true, manager: true } });
    const form = {
      intent: "save",
      employeeNo: current.employeeNo,
      name: current.name,
      email: current.email,
      unitCode: current.unit.code,
      positionCode: current.position.code,
      track: current.track,
      level: current.level,
      hireDate: current.hireDate.toISOString().slice(0, 10),
      managerNo: current.manager?.employeeNo ?? "",
    };
    expect((await hr.post(`/org/employees/${id}`, { ...form, wecomUserId: "LiNa", dingtalkUserId: "0447" })).status).toBe(302);
    expect(await db.employee.findUniqueOrThrow({ where: { id } })).toMatchObject({ wecomUserId: "LiNa", dingtalkUserId: "0447" });
    await db.employee.update({ where: { employeeNo: "E000004" }, data: { wecomUserId: "ZhangWei" } });
    const taken = await hr.post(`/org/employees/${id}`, { ...form, wecomUserId: "ZhangWei", dingtalkUserId: "0447" });
    expect(taken.status).toBe(400);
    const html = await taken.text();
    expect(html).toContain("该 ID 已关联到另一位员工");
    expect(html).toContain('value="ZhangWei"');
    expect((await hr.post(`/org/employees/${id}`, { ...form, wecomUserId: "", dingtalkUserId: "" })).status).toBe(302);
    expect(await db.employee.findUniqueOrThrow({ where: { id } })).toMatchObject({ wecomUserId: null, dingtalkUserId: null });
  });

  it("each person chooses where their messages go", async () => {
    expect((await employee.post("/account", { intent: "channel", channel: "dingtalk" })).status).toBe(302);
    expect((await db.employee.findUniqueOrThrow({ where: { employeeNo: "E000004" } })).messageChannel).toBe("dingtalk");
    expect((await employee.post("/account", { intent: "channel", channel: "pigeon" })).status).toBe(400);
    expect(await (await employee.get("/account")).text()).toContain("个人消息");
  });
});
