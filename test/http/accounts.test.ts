import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let org: Awaited<ReturnType<typeof demoOrg>>;
let hr: Client;
let hr2: Client;
let sysadmin: Client;

beforeAll(async () => {
  app = await testApp();
  org = await demoOrg();
  hr = await signedIn(app, await userFor("E000003"));
  hr2 = await signedIn(app, await userFor("E000182"));
  sysadmin = await signedIn(app, await userFor("E000006"));
});

const roleOf = async (no: string) => (await db.user.findUniqueOrThrow({ where: { id: org.userId.get(no)! } })).role;

describe("the user-and-role page", () => {
  it("belongs to sysadmins, and its links lead to a page that works", async () => {
    const list = await sysadmin.get("/admin/users?q=e000005");
    expect(list.status).toBe(200);
    const html = await list.text();
    const target = org.userId.get("E000005")!;
    expect(html).toContain(`href="/admin/users/${target}"`);
    const page = await sysadmin.get(`/admin/users/${target}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('data-testid="account-panel"');
    expect((await hr.get("/admin/users")).status).toBe(403);
    expect((await hr.get(`/admin/users/${target}`)).status).toBe(403);
    expect((await sysadmin.get("/admin/users/nonexistent0000000000")).status).toBe(404);
  });

  it("gives the sysadmin no people data: survey reports, pay and the employee pages answer 403", async () => {
    for (const path of [
      "/reports",
      "/pay",
      "/pay/settings",
      "/org/employees/new",
      `/org/employees/${org.employeeId.get("E000005")}`,
      "/kpi",
      "/careers/reports",
    ]) {
      expect((await sysadmin.get(path)).status, path).toBe(403);
    }
  });
});

describe("role changes through the pages", () => {
  it("refuses the sysadmin's grant of HR to himself, with a message, nothing written and an audit entry", async () => {
    const own = org.userId.get("E000006")!;
    const requests = await db.accountRequest.count();
    const response = await sysadmin.post(`/admin/users/${own}`, { intent: "requestRole", role: "hr_admin", scopeUnitId: "" });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("accounts.errors.self");
    expect(await db.accountRequest.count()).toBe(requests);
    expect(await roleOf("E000006")).toBe("sysadmin");
    expect(await db.auditLog.count({ where: { action: "account.refused", actorId: own, entityId: own } })).toBeGreaterThan(0);
  });

  it("HR requests, cannot approve her own request, a second admin approves", async () => {
    const employeePage = `/org/employees/${org.employeeId.get("E000005")}`;
    expect((await hr.post(employeePage, { intent: "requestRole", role: "hr_admin", scopeUnitId: "" })).status).toBe(302);
    expect(await roleOf("E000005")).toBe("employee");
    const request = await db.accountRequest.findFirstOrThrow({ where: { userId: org.userId.get("E000005")!, status: "pending" } });
    const own = await hr.post(employeePage, { intent: "approve", requestId: request.id });
    expect(own.status).toBe(400);
    expect(await own.text()).toContain("accounts.errors.sameApprover");
    expect(await roleOf("E000005")).toBe("employee");
    // The second admin finds it on the employee list, then approves on the employee's page.
    expect(await (await hr2.get("/org/employees")).text()).toContain(employeePage);
    expect((await hr2.post(employeePage, { intent: "approve", requestId: request.id })).status).toBe(302);
    expect(await roleOf("E000005")).toBe("hr_admin");
  });

  it("does not offer or accept sysadmin from HR, and keeps what was typed when a form is refused", async () => {
    const page = `/org/employees/${org.employeeId.get("E000110")}`;
    const html = await (await hr.get(page)).text();
    expect(html).not.toContain('value="sysadmin"');
    const refused = await hr.post(page, { intent: "requestRole", role: "sysadmin", scopeUnitId: "" });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("accounts.errors.sysadminOnly");
    const missingScope = await hr.post(page, { intent: "requestRole", role: "dept_head", scopeUnitId: "" });
    expect(missingScope.status).toBe(400);
    expect(await missingScope.text()).toMatch(/<option value="dept_head" selected="">/);
    expect(await roleOf("E000110")).toBe("employee");
  });

  it("gives a privileged account's reset link only to the second admin who approves it", async () => {
    const head = org.userId.get("E000001")!;
    const invitations = await db.invitation.count({ where: { userId: head } });
    const asked = await sysadmin.post(`/admin/users/${head}`, { intent: "requestReset" });
    expect(asked.status).toBe(302);
    expect(await db.invitation.count({ where: { userId: head } })).toBe(invitations);
    const request = await db.accountRequest.findFirstOrThrow({ where: { userId: head, kind: "reset", status: "pending" } });
    const approved = await hr.post(`/org/employees/${org.employeeId.get("E000001")}`, { intent: "approve", requestId: request.id });
    expect(approved.status).toBe(200);
    expect(approved.headers.get("cache-control")).toContain("no-store");
    expect(await approved.text()).toMatch(/\/invite\/[a-z2-7]{32}/);
    expect(await db.invitation.count({ where: { userId: head } })).toBe(invitations + 1);
  });

  it("refuses a request id that belongs to another account (404)", async () => {
    expect(
      (await hr.post(`/org/employees/${org.employeeId.get("E000112")}`, { intent: "requestRole", role: "hr_admin", scopeUnitId: "" }))
        .status,
    ).toBe(302);
    const request = await db.accountRequest.findFirstOrThrow({ where: { status: "pending", userId: org.userId.get("E000112")! } });
    const other = org.userId.get("E000111")!;
    expect((await sysadmin.post(`/admin/users/${other}`, { intent: "approve", requestId: request.id })).status).toBe(404);
    expect((await db.accountRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("pending");
  });
});

describe("the owner is told", () => {
  it("shows a role change on the home page and the account page", async () => {
    const owner = await signedIn(app, await userFor("E000005"));
    const home = await (await owner.get("/")).text();
    expect(home).toContain('data-testid="account-changed"');
    const account = await (await owner.get("/account")).text();
    expect(account).toContain('data-testid="account-changes"');
    expect(await db.outboxMessage.count({ where: { type: "account.roleChanged", recipientId: org.employeeId.get("E000005")! } })).toBe(1);
  });
});

describe("GET never writes", () => {
  it("?lng=en sets this browser's cookie only, not the saved language", async () => {
    const before = await db.user.findUniqueOrThrow({
      where: { id: org.userId.get("E000003")! },
      select: { locale: true, updatedAt: true },
    });
    const response = await hr.get("/?lng=en");
    expect(response.status).toBe(200);
    expect(response.headers.getSetCookie().some((c) => c.startsWith("lng=en"))).toBe(true);
    expect(await response.text()).toContain('lang="en"');
    expect(
      await db.user.findUniqueOrThrow({ where: { id: org.userId.get("E000003")! }, select: { locale: true, updatedAt: true } }),
    ).toEqual(before);
  });
});
