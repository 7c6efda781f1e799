import { http, HttpResponse } from "msw";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { forgetPlatformTokens } from "~/modules/identity/platforms.server";
import { saveProviderSetting } from "~/modules/identity/provider-settings.server";
import { createSurvey, launchSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { sendReminders } from "~/modules/surveys/campaigns/monitoring.server";
import { startMailServer } from "../../../test/mail-server";
import { dingTalkPlatform, weComPlatform } from "../../../test/mocks/platforms";
import { server } from "../../../test/mocks/server";
import { demoOrg } from "../../../test/utils";
import { MAX_ATTEMPTS } from "./backoff";
import { saveChannel } from "./channel.server";
import { deliverDueNotifications } from "./delivery.server";
import { enqueueNotification } from "./outbox.server";

const HOUR = 60 * 60 * 1000;
let org: Awaited<ReturnType<typeof demoOrg>>;
let sysadmin: string;
let mail: Awaited<ReturnType<typeof startMailServer>>;
const emp = (no: string) => org.employeeId.get(no)!;

beforeAll(async () => {
  org = await demoOrg();
  sysadmin = org.userId.get("E000006")!;
  mail = await startMailServer({ user: "gehr", password: "smtp-pass" });
  await db.employee.update({ where: { employeeNo: "E000004" }, data: { wecomUserId: "zhangwei", messageChannel: "wecom" } });
  await db.employee.update({ where: { employeeNo: "E000005" }, data: { dingtalkUserId: "0447", messageChannel: "dingtalk" } });
});
afterAll(() => mail.close());

beforeEach(async () => {
  await db.outboxMessage.deleteMany();
  await db.notificationChannel.deleteMany();
  mail.mails.length = 0;
  forgetPlatformTokens();
  await saveProviderSetting(db, sysadmin, "smtp", {
    enabled: true,
    config: { host: "127.0.0.1", port: mail.port, security: "none", user: "gehr", from: "hr@ge.example.com" },
    secret: "smtp-pass",
  });
  await saveProviderSetting(db, sysadmin, "wecom", {
    enabled: true,
    config: { corpId: "ww1234", agentId: "1000002", signIn: true, messages: true },
    secret: "wecom-secret",
  });
  await saveProviderSetting(db, sysadmin, "dingtalk", {
    enabled: true,
    config: { appKey: "dingkey", agentId: "2981", signIn: true, messages: true },
    secret: "ding-secret",
  });
});

function platforms() {
  const wecom = weComPlatform({ corpId: "ww1234", secret: "wecom-secret", members: {} });
  const ding = dingTalkPlatform({ appKey: "dingkey", secret: "ding-secret", unionIds: {}, members: {} });
  server.use(...wecom.handlers, ...ding.handlers);
  return { wecom, ding };
}

const payslip = (...nos: string[]) =>
  enqueueNotification(db, { type: "pay.payslipReady", recipientIds: nos.map(emp), payload: { periodCode: "2026-10", link: "/me/pay" } });

describe("personal messages", () => {
  it("reach each person by their preference: WeCom application message, DingTalk work notification, e-mail", async () => {
    const { wecom, ding } = platforms();
    await payslip("E000004", "E000005", "E000003");
    expect(await deliverDueNotifications(db)).toEqual({ delivered: 3, retrying: 0, failed: 0 });

    expect(wecom.sent).toHaveLength(1);
    expect(wecom.sent[0]).toMatchObject({
      touser: "zhangwei",
      agentid: 1000002,
      msgtype: "textcard",
      textcard: { title: expect.stringContaining("工资条") },
    });
    expect(ding.sent).toHaveLength(1);
    expect(ding.sent[0]).toMatchObject({
      agent_id: 2981,
      userid_list: "0447",
      msg: { msgtype: "markdown", markdown: { text: expect.stringContaining("Your payslip") } },
    });
    expect(mail.mails).toHaveLength(1);
    expect(mail.mails[0]).toMatchObject({
      from: "hr@ge.example.com",
      to: ["e000003@ge.example.com"],
      subject: "您的工资条已生成 · Your payslip is ready",
    });
    expect(mail.mails[0].text).toContain("2026-10");
    // The stored SMTP password and platform secrets are sealed, never in the clear.
    const rows = await db.integrationSetting.findMany();
    expect(JSON.stringify(rows)).not.toMatch(/smtp-pass|wecom-secret|ding-secret/);
  });

  it("reuses the access token until it goes stale, then asks once for a new one", async () => {
    const { wecom } = platforms();
    await payslip("E000004");
    await deliverDueNotifications(db);
    await payslip("E000004");
    await deliverDueNotifications(db);
    expect(wecom.tokenCalls()).toBe(1);
    wecom.expireTokens();
    await payslip("E000004");
    expect(await deliverDueNotifications(db)).toMatchObject({ delivered: 1 });
    expect(wecom.tokenCalls()).toBe(2);
    expect(wecom.sent).toHaveLength(3);
  });

  it("retries a platform's refusal with backoff, and the other channels go on meanwhile", async () => {
    const { wecom, ding } = platforms();
    wecom.failNextSend({ errcode: 45009, errmsg: "api freq out of limit" });
    ding.failNextSend({ errcode: 88, errmsg: "不合法的access_token" }, { errcode: 88, errmsg: "不合法的access_token" });
    await payslip("E000004", "E000005", "E000003");
    const t0 = new Date();
    expect(await deliverDueNotifications(db, { now: t0 })).toEqual({ delivered: 1, retrying: 2, failed: 0 });
    expect(mail.mails).toHaveLength(1);
    const pending = await db.outboxMessage.findMany({ where: { status: "pending" }, select: { lastError: true, recipientId: true } });
    expect(pending.map((p) => p.lastError).sort()).toEqual(["dingtalk 88: 不合法的access_token", "wecom 45009: api freq out of limit"]);
    expect(await deliverDueNotifications(db, { now: new Date(t0.getTime() + 1000) })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(await deliverDueNotifications(db, { now: new Date(t0.getTime() + HOUR) })).toEqual({ delivered: 2, retrying: 0, failed: 0 });
    expect(wecom.sent).toHaveLength(1);
    expect(ding.sent).toHaveLength(1);
  });

  it("counts a WeCom recipient the platform does not know as a failure, and gives up after the last attempt", async () => {
    platforms();
    server.use(
      http.post("https://qyapi.weixin.qq.com/cgi-bin/message/send", () =>
        HttpResponse.json({ errcode: 81013, errmsg: "user & party & tag all invalid" }),
      ),
    );
    await payslip("E000004");
    let now = new Date();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverDueNotifications(db, { now, random: () => 1 });
      now = new Date(now.getTime() + 24 * HOUR);
    }
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({
      status: "failed",
      attempts: MAX_ATTEMPTS,
      lastError: "wecom 81013: user & party & tag all invalid",
    });
  });

  it("keeps e-mail in the outbox while the SMTP server refuses or is away, and delivers it once when it is back", async () => {
    platforms();
    mail.refuseNext(1);
    await payslip("E000003");
    const t0 = new Date();
    expect(await deliverDueNotifications(db, { now: t0 })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect((await db.outboxMessage.findFirstOrThrow()).lastError).toBe("SMTP 450");
    await saveProviderSetting(db, sysadmin, "smtp", {
      enabled: true,
      config: { host: "127.0.0.1", port: 1, security: "none", user: "gehr", from: "hr@ge.example.com" },
    });
    expect(await deliverDueNotifications(db, { now: new Date(t0.getTime() + HOUR) })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect((await db.outboxMessage.findFirstOrThrow()).lastError).toMatch(/^SMTP E(SOCKET|CONNECTION)$/);
    await saveProviderSetting(db, sysadmin, "smtp", {
      enabled: true,
      config: { host: "127.0.0.1", port: mail.port, security: "none", user: "gehr", from: "hr@ge.example.com" },
    });
    expect(await deliverDueNotifications(db, { now: new Date(t0.getTime() + 2 * HOUR) })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    expect(mail.mails).toHaveLength(1);
  });

  it("falls back to e-mail when the preferred platform is switched off, and to the group webhook when nothing personal is on", async () => {
    platforms();
    await saveProviderSetting(db, sysadmin, "wecom", {
      enabled: false,
      config: { corpId: "ww1234", agentId: "1000002", signIn: true, messages: true },
    });
    await payslip("E000004");
    expect(await deliverDueNotifications(db)).toMatchObject({ delivered: 1 });
    expect(mail.mails.map((m) => m.to[0])).toEqual(["e000004@ge.example.com"]);

    await db.integrationSetting.deleteMany();
    await saveChannel(db, sysadmin, { url: "https://hooks.example.com/notify", format: "generic", enabled: true, secret: null });
    let hooked = 0;
    server.use(http.post("https://hooks.example.com/notify", () => (hooked++, HttpResponse.json({ ok: true }))));
    await payslip("E000004");
    expect(await deliverDueNotifications(db)).toMatchObject({ delivered: 1 });
    expect(hooked).toBe(1);
  });
});

describe("anonymous survey reminders through personal channels", () => {
  it("go to everyone who has not taken a token, each saying the same thing and nothing about anyone", async () => {
    const { wecom, ding } = platforms();
    const hr = org.userId.get("E000003")!;
    const survey = await createSurvey(db, hr, {
      templateId: "pulse",
      opensAt: new Date(Date.now() - HOUR),
      closesAt: new Date(Date.now() + 7 * 24 * HOUR),
      population: { unitIds: [org.unitId.get("JC-GE-FIN")!], tracks: [] },
      cuts: ["unit"],
    });
    await launchSurvey(db, hr, survey.id);
    const invited = await db.surveyParticipation.findMany({ where: { surveyId: survey.id }, select: { employeeId: true } });
    // Two people took a token (answered or about to): they are not reminded.
    const took = invited.slice(0, 2).map((p) => p.employeeId);
    await db.surveyParticipation.updateMany({ where: { surveyId: survey.id, employeeId: { in: took } }, data: { tokenTaken: true } });
    await db.outboxMessage.deleteMany();
    await sendReminders(db, hr, survey.id);
    const reminders = await db.outboxMessage.findMany({
      where: { type: "survey.reminder" },
      select: { recipientId: true, payloadJson: true },
    });
    expect(reminders.map((r) => r.recipientId).sort()).toEqual(
      invited
        .map((p) => p.employeeId)
        .filter((id) => !took.includes(id))
        .sort(),
    );
    expect(new Set(reminders.map((r) => r.payloadJson)).size).toBe(1);

    let report;
    do report = await deliverDueNotifications(db);
    while (report.delivered === 50);
    const texts = [
      ...mail.mails.map((m) => m.subject + m.text),
      ...wecom.sent.map((s) => JSON.stringify(s.textcard)),
      ...ding.sent.map((s) => JSON.stringify(s.msg)),
    ];
    expect(texts.length).toBe(reminders.length);
    const everyone = await db.employee.findMany({ select: { employeeNo: true, name: true, email: true } });
    for (const text of texts) {
      for (const person of everyone) for (const value of [person.employeeNo, person.email, person.name]) expect(text).not.toContain(value);
    }
  });
});
