import { delay, http, HttpResponse } from "msw";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { createSurvey, launchSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { sendReminders } from "~/modules/surveys/campaigns/monitoring.server";
import { server } from "../../../test/mocks/server";
import { demoOrg } from "../../../test/utils";
import { MAX_ATTEMPTS } from "./backoff";
import { retryFailed, saveChannel } from "./channel.server";
import { deliverDueNotifications } from "./delivery.server";
import { enqueueNotification } from "./outbox.server";

const HOOK = "https://hooks.example.com/notify";
const HOUR = 60 * 60 * 1000;
let org: Awaited<ReturnType<typeof demoOrg>>;
let hr: string;

beforeAll(async () => {
  org = await demoOrg();
  hr = org.userId.get("E000003")!;
});

beforeEach(async () => {
  await db.outboxMessage.deleteMany();
  await saveChannel(db, hr, { url: HOOK, format: "generic", enabled: true, secret: null });
});

/** A receiver that answers with the given statuses in turn, recording what it got. */
function receiver(statuses: number[]) {
  const received: { key: string | null; body: Record<string, unknown> }[] = [];
  let call = 0;
  server.use(
    http.post(HOOK, async ({ request }) => {
      const status = statuses[Math.min(call++, statuses.length - 1)];
      if (status === 200)
        received.push({ key: request.headers.get("Idempotency-Key"), body: (await request.json()) as Record<string, unknown> });
      return status === 200 ? HttpResponse.json({ ok: true }) : new HttpResponse("down", { status });
    }),
  );
  return { received, calls: () => call };
}

const queue = (n: number) =>
  enqueueNotification(db, {
    type: "pay.approvalRequest",
    recipientIds: Array.from({ length: n }, (_, i) => org.employeeId.get(`E00000${i + 1}`)!),
    payload: { runId: "r1", periodCode: "2026-10" },
  });

describe("outbox delivery", () => {
  it("keeps messages while no channel is configured", async () => {
    await db.notificationChannel.deleteMany();
    await queue(2);
    expect(await deliverDueNotifications(db)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(await db.outboxMessage.count({ where: { status: "pending", attempts: 0 } })).toBe(2);
  });

  it("loses nothing while the receiver fails, and delivers each message once when it recovers", async () => {
    await queue(3);
    const hook = receiver([500, 500, 200]);
    const t0 = new Date();
    expect(await deliverDueNotifications(db, { now: t0 })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    // The receiver is down: the batch stops, the other messages keep their attempts.
    expect((await db.outboxMessage.findMany({ orderBy: { attempts: "desc" }, select: { attempts: true } })).map((m) => m.attempts)).toEqual(
      [1, 0, 0],
    );
    const failedOnce = await db.outboxMessage.findFirstOrThrow({ where: { attempts: 1 } });
    expect(failedOnce.lastError).toBe("HTTP 500");
    expect(failedOnce.nextAttemptAt.getTime()).toBeGreaterThan(t0.getTime());

    expect(await deliverDueNotifications(db, { now: new Date(t0.getTime() + 1000) })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const report = await deliverDueNotifications(db, { now: new Date(t0.getTime() + HOUR) });
    expect(report).toEqual({ delivered: 3, retrying: 0, failed: 0 });
    const rows = await db.outboxMessage.findMany({ select: { id: true, status: true, deliveredAt: true } });
    expect(rows.every((r) => r.status === "delivered" && r.deliveredAt)).toBe(true);
    expect(hook.received.map((r) => r.key).sort()).toEqual(rows.map((r) => r.id).sort());
    expect(await deliverDueNotifications(db, { now: new Date(t0.getTime() + 2 * HOUR) })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(hook.received).toHaveLength(3);
  });

  it("treats a receiver that does not answer in time as down", async () => {
    await queue(1);
    server.use(
      http.post(HOOK, async () => {
        await delay(2000);
        return HttpResponse.json({ ok: true });
      }),
    );
    expect(await deliverDueNotifications(db, { timeoutMs: 100 })).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect((await db.outboxMessage.findFirstOrThrow()).lastError).toBe("timeout");
  });

  it("gives up after the last attempt, and HR can send failed messages again", async () => {
    await queue(1);
    receiver([503]);
    let now = new Date();
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      await deliverDueNotifications(db, { now, random: () => 1 });
      now = new Date(now.getTime() + 24 * HOUR);
    }
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    expect(await deliverDueNotifications(db, { now })).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    receiver([200]);
    expect(await retryFailed(db, hr)).toBe(1);
    expect(await deliverDueNotifications(db, { now })).toEqual({ delivered: 1, retrying: 0, failed: 0 });
  });

  it("counts a WeCom robot's non-zero errcode as a failure", async () => {
    const url = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=test";
    await saveChannel(db, hr, { url, format: "wecom", enabled: true });
    await queue(1);
    let answer = { errcode: 45009, errmsg: "api freq out of limit" };
    const bodies: { msgtype: string }[] = [];
    server.use(
      http.post("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", async ({ request }) => {
        bodies.push((await request.json()) as { msgtype: string });
        return HttpResponse.json(answer);
      }),
    );
    expect(await deliverDueNotifications(db)).toMatchObject({ retrying: 1 });
    answer = { errcode: 0, errmsg: "ok" };
    expect(await deliverDueNotifications(db, { now: new Date(Date.now() + HOUR) })).toMatchObject({ delivered: 1 });
    expect(bodies.every((b) => b.msgtype === "markdown")).toBe(true);
  });

  it("signs DingTalk deliveries with the stored secret", async () => {
    await saveChannel(db, hr, {
      url: "https://oapi.dingtalk.com/robot/send?access_token=abc",
      format: "dingtalk",
      enabled: true,
      secret: "SEC123",
    });
    expect((await db.notificationChannel.findUniqueOrThrow({ where: { id: "default" } })).secretSealed).not.toContain("SEC123");
    await queue(1);
    let signed = false;
    server.use(
      http.post("https://oapi.dingtalk.com/robot/send", async ({ request }) => {
        const { createHmac } = await import("node:crypto");
        const url = new URL(request.url);
        const timestamp = url.searchParams.get("timestamp")!;
        signed = url.searchParams.get("sign") === createHmac("sha256", "SEC123").update(`${timestamp}\nSEC123`).digest("base64");
        return HttpResponse.json({ errcode: 0, errmsg: "ok" });
      }),
    );
    expect(await deliverDueNotifications(db)).toMatchObject({ delivered: 1 });
    expect(signed).toBe(true);
  });
});

describe("anonymity of survey reminders", () => {
  it("sends nothing that identifies anyone but the recipient", async () => {
    const hook = receiver([200]);
    const survey = await createSurvey(db, hr, {
      templateId: "pulse",
      opensAt: new Date(Date.now() - HOUR),
      closesAt: new Date(Date.now() + 7 * 24 * HOUR),
      population: { unitIds: [org.unitId.get("JC-GE-FIN")!], tracks: [] },
      cuts: ["unit"],
    });
    await launchSurvey(db, hr, survey.id);
    await db.outboxMessage.deleteMany();
    await sendReminders(db, hr, survey.id);
    const reminded = await db.outboxMessage.count({ where: { type: "survey.reminder" } });
    expect(reminded).toBeGreaterThan(1);
    let report;
    do report = await deliverDueNotifications(db);
    while (report.delivered === 50);
    expect(hook.received).toHaveLength(reminded);

    const everyone = await db.employee.findMany({ select: { id: true, employeeNo: true, email: true, name: true } });
    for (const { body } of hook.received) {
      const recipient = body.recipient as { employeeNo: string };
      const text = JSON.stringify(body);
      for (const person of everyone) {
        if (person.employeeNo === recipient.employeeNo) continue;
        for (const value of [person.id, person.employeeNo, person.email])
          expect(text, `${body.type} names ${person.employeeNo}`).not.toContain(value);
      }
      expect(Object.keys(body.payload as object).sort()).toEqual(["closesAt", "link", "surveyId", "titleEn", "titleZh"]);
    }
  });
});
