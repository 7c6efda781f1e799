import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { saveProviderSetting } from "~/modules/identity/provider-settings.server";
import { deliverDueNotifications } from "~/modules/notifications/delivery.server";
import { RESET_ACCOUNT_LIMIT, RESET_ADDRESS_LIMIT } from "~/modules/auth/password-reset.server";
import { startMailServer } from "../mail-server";
import { client, demoOrg, signedIn, testApp, userFor } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let mail: Awaited<ReturnType<typeof startMailServer>>;
let org: Awaited<ReturnType<typeof demoOrg>>;

beforeAll(async () => {
  app = await testApp();
  org = await demoOrg();
  mail = await startMailServer();
  await userFor("E000004");
  await userFor("E000003");
  await saveProviderSetting(db, org.userId.get("E000006")!, "smtp", {
    enabled: true,
    config: { host: "127.0.0.1", port: mail.port, security: "none", user: "", from: "no-reply@ge.example.com" },
  });
});
afterAll(() => mail.close());
beforeEach(async () => {
  mail.mails.length = 0;
  await db.throttleBucket.deleteMany();
  await db.outboxMessage.deleteMany();
});

const anonymous = () => client(app);
const ask = (email: string) => anonymous().post("/forgot-password", { email });
const linkIn = (text: string) => /\/invite\/([a-z2-7]{32})/.exec(text)?.[1];
const NEW_PASSWORD = "桂花 osmanthus in autumn";

describe("forgot password", () => {
  it("answers alike whether or not the account exists, and mails a link that works once", async () => {
    const known = await ask("E000004@ge.example.com");
    const unknown = await ask("nobody@ge.example.com");
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const html = async (r: Response) => (await r.text()).replace(/nonce="[^"]*"/g, "");
    expect(await html(known)).toBe(await html(unknown));

    // Queued sealed: the link is not readable in the outbox (nor in a copy of the database).
    const queued = await db.outboxMessage.findFirstOrThrow({ where: { type: "account.passwordReset" } });
    expect(queued.payloadJson).not.toMatch(/\/invite\//);
    expect(await db.outboxMessage.count()).toBe(1);

    await deliverDueNotifications(db);
    expect(mail.mails).toHaveLength(1);
    expect(mail.mails[0].to).toEqual(["e000004@ge.example.com"]);
    expect(mail.mails[0].subject).toBe("重置密码 · Reset your password");
    const token = linkIn(mail.mails[0].text)!;
    expect(token).toBeTruthy();
    expect((await db.outboxMessage.findUniqueOrThrow({ where: { id: queued.id } })).payloadJson).toBe("{}");

    const page = await anonymous().get(`/invite/${token}`);
    expect(await page.text()).toContain('name="confirm"');
    const set = await anonymous().post(`/invite/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD });
    expect(set.status).toBe(302);
    expect(set.headers.getSetCookie().some((c) => c.startsWith("session="))).toBe(true);
    await signedIn(app, "e000004@ge.example.com", NEW_PASSWORD);

    // Used once: a second use is refused and changes nothing.
    const again = await anonymous().post(`/invite/${token}`, { password: "another long passphrase", confirm: "another long passphrase" });
    expect(again.status).toBe(400);
    await signedIn(app, "e000004@ge.example.com", NEW_PASSWORD);
    // The owner is told that the password changed.
    expect(await db.outboxMessage.count({ where: { type: "account.passwordChanged", recipientId: org.employeeId.get("E000004") } })).toBe(
      1,
    );
  });

  it("sends a link that expires", async () => {
    await ask("e000004@ge.example.com");
    await deliverDueNotifications(db);
    const token = linkIn(mail.mails[0].text)!;
    const invitation = await db.invitation.findFirstOrThrow({ where: { userId: org.userId.get("E000004")!, usedAt: null } });
    expect(invitation.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(60 * 60 * 1000);
    await db.invitation.update({ where: { id: invitation.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await (await anonymous().get(`/invite/${token}`)).text()).not.toContain('name="confirm"');
    expect((await anonymous().post(`/invite/${token}`, { password: NEW_PASSWORD, confirm: NEW_PASSWORD })).status).toBe(400);
  });

  it("gives a privileged account no link: its owner is told to go through a second admin", async () => {
    const before = await db.invitation.count();
    expect((await ask("e000003@ge.example.com")).status).toBe(200);
    await deliverDueNotifications(db);
    expect(await db.invitation.count()).toBe(before);
    expect(mail.mails).toHaveLength(1);
    expect(mail.mails[0].subject).toContain("另一位管理员");
    expect(linkIn(mail.mails[0].text)).toBeUndefined();
  });

  it("is throttled per address visibly and per account silently", async () => {
    for (let i = 0; i < RESET_ACCOUNT_LIMIT + 1; i++) expect((await ask("e000004@ge.example.com")).status).toBe(200);
    expect(await db.outboxMessage.count({ where: { type: "account.passwordReset" } })).toBe(RESET_ACCOUNT_LIMIT);
    for (let i = RESET_ACCOUNT_LIMIT + 1; i < RESET_ADDRESS_LIMIT; i++) await ask(`someone${i}@ge.example.com`);
    const refused = await ask("e000005@ge.example.com");
    expect(refused.status).toBe(429);
    expect(await db.outboxMessage.count({ where: { recipientId: org.employeeId.get("E000005") } })).toBe(0);
  });

  it("refuses bad input with 400 and keeps what was typed", async () => {
    const response = await anonymous().post("/forgot-password", { email: "not-an-email" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('value="not-an-email"');
    expect((await anonymous().post("/forgot-password", { email: "a@b.cn", role: "sysadmin" })).status).toBe(400);
  });
});
