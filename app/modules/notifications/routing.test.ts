import { describe, expect, it } from "vitest";
import { chooseDelivery } from "./routing";

const all = { email: true, wecom: true, dingtalk: true, webhook: true };
const person = { email: "a@x.cn", wecomUserId: "zhangwei", dingtalkUserId: "0123", messageChannel: null as string | null };

describe("chooseDelivery", () => {
  it("follows the person's preference, e-mail when they have none", () => {
    expect(chooseDelivery("survey.reminder", person, all)).toEqual({ via: "email", to: "a@x.cn" });
    expect(chooseDelivery("survey.reminder", { ...person, messageChannel: "wecom" }, all)).toEqual({ via: "wecom", userId: "zhangwei" });
    expect(chooseDelivery("survey.reminder", { ...person, messageChannel: "dingtalk" }, all)).toEqual({ via: "dingtalk", userId: "0123" });
  });

  it("falls back to a channel that reaches the person when the preferred one cannot", () => {
    expect(chooseDelivery("x", { ...person, messageChannel: "wecom", wecomUserId: null }, all)).toEqual({ via: "email", to: "a@x.cn" });
    expect(chooseDelivery("x", { ...person, messageChannel: "wecom" }, { ...all, wecom: false, email: false })).toEqual({
      via: "dingtalk",
      userId: "0123",
    });
    expect(chooseDelivery("x", person, { email: false, wecom: false, dingtalk: false, webhook: true })).toEqual({ via: "webhook" });
  });

  it("never sends a reset link to a group channel, and waits when nothing can carry a message", () => {
    expect(chooseDelivery("account.passwordReset", person, { email: false, wecom: false, dingtalk: false, webhook: true })).toBeNull();
    expect(chooseDelivery("x", null, { ...all, webhook: false })).toBeNull();
    expect(chooseDelivery("x", null, all)).toEqual({ via: "webhook" });
  });
});
