import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { buildWebhookRequest, dingTalkSign, type OutgoingMessage } from "./formats.server";

const recipient = { employeeNo: "E000004", name: "张伟", email: "e000004@ge.example.com" };
const message = (type: string, payload: Record<string, unknown> = {}): OutgoingMessage => ({
  id: "msg-1",
  type,
  payload,
  createdAt: new Date("2026-11-01T08:00:00Z"),
  recipient,
});
const bodyOf = (init: RequestInit) => JSON.parse(String(init.body));

describe("webhook formats", () => {
  it("generic JSON carries the idempotency key, both languages, the recipient and an absolute link", () => {
    const { url, init } = buildWebhookRequest(
      { url: "https://hooks.example.com/in", format: "generic" },
      message("survey.reminder", { titleZh: "满意度调查", titleEn: "Staff survey", closesAt: "2026-11-30T00:00:00Z", link: "/surveys/s1" }),
      { origin: "https://hr.example.com" },
    );
    expect(url).toBe("https://hooks.example.com/in");
    expect((init.headers as Record<string, string>)["Idempotency-Key"]).toBe("msg-1");
    expect(bodyOf(init)).toMatchObject({
      idempotencyKey: "msg-1",
      type: "survey.reminder",
      recipient,
      title: { "zh-CN": "调查提醒", en: "Survey reminder" },
      text: { "zh-CN": expect.stringContaining("2026-11-30"), en: expect.stringContaining("Staff survey") },
      link: "https://hr.example.com/surveys/s1",
    });
  });

  it("WeCom robot: a markdown message that never names the recipient of a survey reminder", () => {
    const { init } = buildWebhookRequest(
      { url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k", format: "wecom" },
      message("survey.reminder", { titleZh: "满意度调查" }),
    );
    const body = bodyOf(init);
    expect(body.msgtype).toBe("markdown");
    expect(body.markdown.content).toContain("满意度调查");
    expect(body.markdown.content).toContain("Survey reminder");
    expect(JSON.stringify(body)).not.toContain("张伟");
    expect(JSON.stringify(body)).not.toContain("E000004");
  });

  it("names the recipient of a work task such as a pay approval", () => {
    const { init } = buildWebhookRequest(
      { url: "https://qyapi.weixin.qq.com/x", format: "wecom" },
      message("pay.approvalRequest", { periodCode: "2026-10" }),
    );
    expect(bodyOf(init).markdown.content).toContain("张伟：2026-10 薪酬核算已提交");
  });

  it("DingTalk robot: signs the URL with HMAC-SHA256 over timestamp and secret", () => {
    const now = new Date(1_700_000_000_000);
    const { url, init } = buildWebhookRequest(
      { url: "https://oapi.dingtalk.com/robot/send?access_token=t", format: "dingtalk", secret: "SECabc" },
      message("training.nominated"),
      { now },
    );
    const target = new URL(url);
    expect(target.searchParams.get("access_token")).toBe("t");
    expect(target.searchParams.get("timestamp")).toBe("1700000000000");
    const expected = createHmac("sha256", "SECabc").update("1700000000000\nSECabc").digest("base64");
    expect(target.searchParams.get("sign")).toBe(expected);
    expect(dingTalkSign("SECabc", 1_700_000_000_000)).toBe(expected);
    expect(bodyOf(init)).toMatchObject({
      msgtype: "markdown",
      markdown: { title: "培训报名通知", text: expect.stringContaining("Training enrolment") },
    });
  });

  it("an unknown type still says something sensible in both languages", () => {
    const { init } = buildWebhookRequest({ url: "https://x.example.com", format: "generic" }, message("careers.something"));
    expect(bodyOf(init).title).toEqual({ "zh-CN": "新通知", en: "New notification" });
  });
});
