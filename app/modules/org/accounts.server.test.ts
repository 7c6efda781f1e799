import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { acceptInvitation, findInvitation, RESET_TTL_MS } from "~/modules/auth/auth.server";
import type { Role } from "~/modules/auth/roles";
import { demoOrg } from "../../../test/utils";
import {
  accountChanges,
  decideRequest,
  pendingEmployeeRequests,
  requestPasswordReset,
  requestRoleChange,
  setUserDisabled,
} from "./accounts.server";

// The bypasses of issue "separation of duties", replayed as the insider would try them: each is
// refused with a message, writes nothing but an audit entry, and the legitimate path works.
let org: Awaited<ReturnType<typeof demoOrg>>;
const actor = (no: string, role: Role) => ({ userId: org.userId.get(no)!, role });
let hr: ReturnType<typeof actor>;
let hr2: ReturnType<typeof actor>;
let sysadmin: ReturnType<typeof actor>;
let sysadmin2: ReturnType<typeof actor>;

beforeAll(async () => {
  org = await demoOrg();
  hr = actor("E000003", "hr_admin");
  hr2 = actor("E000182", "hr_admin");
  sysadmin = actor("E000006", "sysadmin");
  sysadmin2 = actor("E000184", "sysadmin");
  await db.user.update({ where: { id: sysadmin2.userId }, data: { role: "sysadmin" } });
});

const roleOf = async (no: string) => (await db.user.findUniqueOrThrow({ where: { id: org.userId.get(no)! }, select: { role: true } })).role;
const counts = async () => ({
  requests: await db.accountRequest.count(),
  invitations: await db.invitation.count(),
  users: JSON.stringify(
    await db.user.findMany({
      orderBy: { id: "asc" },
      select: { id: true, role: true, scopeUnitId: true, passwordHash: true, roleGrantedAt: true },
    }),
  ),
});

/** The call is refused with `key`; nothing changed but one new audit entry of the refusal. */
async function refused(call: () => Promise<unknown>, key: string, by: { userId: string }) {
  const before = await counts();
  const audits = await db.auditLog.count({ where: { action: "account.refused", actorId: by.userId } });
  await expect(call()).rejects.toMatchObject({ key });
  expect(await counts()).toEqual(before);
  const last = await db.auditLog.findFirstOrThrow({ where: { action: "account.refused", actorId: by.userId }, orderBy: { id: "desc" } });
  expect(await db.auditLog.count({ where: { action: "account.refused", actorId: by.userId } })).toBe(audits + 1);
  expect(JSON.parse(last.after!).reason).toBe(key);
}

describe("role changes take two people", () => {
  it("HR's grant of HR to a colleague waits for another admin; she cannot approve it herself", async () => {
    const colleague = org.userId.get("E000005")!;
    const requestId = await requestRoleChange(db, hr, colleague, { role: "hr_admin" });
    expect(await roleOf("E000005")).toBe("employee");
    await refused(() => decideRequest(db, hr, requestId, "approve"), "accounts.errors.sameApprover", hr);
    // Nor can the colleague approve his own promotion.
    await refused(() => decideRequest(db, { userId: colleague, role: "hr_admin" }, requestId, "approve"), "accounts.errors.self", {
      userId: colleague,
    });
    await decideRequest(db, hr2, requestId, "approve");
    const granted = await db.user.findUniqueOrThrow({ where: { id: colleague } });
    expect(granted.role).toBe("hr_admin");
    expect(Math.abs(granted.roleGrantedAt!.getTime() - Date.now())).toBeLessThan(60_000);
    // The owner is told, through the outbox and in the app.
    const sent = await db.outboxMessage.findMany({ where: { type: "account.roleChanged", recipientId: org.employeeId.get("E000005")! } });
    expect(sent).toHaveLength(1);
    expect((await accountChanges(db, colleague)).map((c) => [c.action, c.role])).toContainEqual(["user.role", "hr_admin"]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "user.role", entityId: colleague } });
    expect(JSON.parse(audit.after!)).toMatchObject({ role: "hr_admin", requestedById: hr.userId });
    expect(audit.actorId).toBe(hr2.userId);
    // A decided request cannot be decided again.
    await refused(() => decideRequest(db, sysadmin, requestId, "reject"), "accounts.errors.notPending", sysadmin);
  });

  it("the sysadmin cannot grant himself HR, nor approve someone else's request about himself", async () => {
    await refused(() => requestRoleChange(db, sysadmin, sysadmin.userId, { role: "hr_admin" }), "accounts.errors.self", sysadmin);
    const requestId = await requestRoleChange(db, sysadmin2, sysadmin.userId, { role: "hr_admin" });
    await refused(() => decideRequest(db, sysadmin, requestId, "approve"), "accounts.errors.self", sysadmin);
    expect(await roleOf("E000006")).toBe("sysadmin");
  });

  it("HR cannot create a sysadmin, nor approve a sysadmin grant; two sysadmins can", async () => {
    const target = org.userId.get("E000186")!;
    await refused(() => requestRoleChange(db, hr, target, { role: "sysadmin" }), "accounts.errors.sysadminOnly", hr);
    // Nor change a sysadmin's role.
    await refused(() => requestRoleChange(db, hr, sysadmin.userId, { role: "employee" }), "accounts.errors.sysadminOnly", hr);
    const requestId = await requestRoleChange(db, sysadmin, target, { role: "sysadmin" });
    await refused(() => decideRequest(db, hr, requestId, "approve"), "accounts.errors.sysadminOnly", hr);
    expect(await roleOf("E000186")).toBe("employee");
    await decideRequest(db, sysadmin2, requestId, "approve");
    expect(await roleOf("E000186")).toBe("sysadmin");
  });

  it("HR cannot disable a sysadmin's account", async () => {
    await refused(() => setUserDisabled(db, hr, sysadmin.userId, true), "accounts.errors.sysadminOnly", hr);
    expect((await db.user.findUniqueOrThrow({ where: { id: sysadmin.userId } })).disabled).toBe(false);
  });

  it("refuses a second pending request and a request that changes nothing", async () => {
    const target = org.userId.get("E000187")!;
    await refused(() => requestRoleChange(db, hr, target, { role: "employee" }), "accounts.errors.noChange", hr);
    await requestRoleChange(db, hr, target, { role: "dept_head", scopeUnitId: org.unitId.get("JC-GE-FIN")! });
    await refused(() => requestRoleChange(db, hr2, target, { role: "hr_admin" }), "accounts.errors.alreadyPending", hr2);
  });
});

describe("password resets", () => {
  it("a sysadmin cannot obtain a reset link for the department head alone: a second admin approves and sees it", async () => {
    const head = org.userId.get("E000001")!;
    const before = await db.invitation.count({ where: { userId: head } });
    const result = await requestPasswordReset(db, sysadmin, head);
    expect(result).not.toHaveProperty("token");
    expect(await db.invitation.count({ where: { userId: head } })).toBe(before);
    const { requestId } = result as { requestId: string };
    await refused(() => decideRequest(db, sysadmin, requestId, "approve"), "accounts.errors.sameApprover", sysadmin);
    const approved = await decideRequest(db, hr, requestId, "approve");
    expect(approved.token).toMatch(/^[a-z2-7]{32}$/);
    expect(await findInvitation(db, approved.token!)).not.toBeNull();
  });

  it("nobody resets their own account; an employee's account gets its link at once", async () => {
    await refused(() => requestPasswordReset(db, hr, hr.userId), "accounts.errors.self", hr);
    await refused(() => requestPasswordReset(db, hr, sysadmin.userId), "accounts.errors.sysadminOnly", hr);
    const employee = org.userId.get("E000004")!;
    const result = await requestPasswordReset(db, hr, employee);
    expect(result).toHaveProperty("token");
  });

  it("a reset link works once, expires after a day, and the owner is told the password changed", async () => {
    const owner = org.userId.get("E000109")!;
    await db.user.update({ where: { id: owner }, data: { passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$placeholder" } });
    const { token } = (await requestPasswordReset(db, hr, owner)) as { token: string };
    const stored = await db.invitation.findFirstOrThrow({ where: { userId: owner, usedAt: null } });
    expect(stored.expiresAt.getTime() - stored.createdAt.getTime()).toBeLessThanOrEqual(RESET_TTL_MS + 1000);
    const late = new Date(Date.now() + RESET_TTL_MS + 60_000);
    expect(await acceptInvitation(db, token, "a perfectly good passphrase", late)).toEqual({
      ok: false,
      error: "errors.invitationInvalid",
    });
    expect(await acceptInvitation(db, token, "a perfectly good passphrase")).toMatchObject({ ok: true });
    expect(await acceptInvitation(db, token, "another good passphrase")).toEqual({ ok: false, error: "errors.invitationInvalid" });
    const told = await db.outboxMessage.findMany({
      where: { type: "account.passwordChanged", recipientId: org.employeeId.get("E000109")! },
    });
    expect(told).toHaveLength(1);
    expect((await accountChanges(db, owner)).map((c) => c.action)).toEqual(
      expect.arrayContaining(["invitation.accept", "invitation.create"]),
    );
  });
});

describe("who is shown the requests waiting on the employees' list", () => {
  it("HR sees them with their employees; a sysadmin, a head and an employee see none", async () => {
    const requestId = await requestRoleChange(db, hr, org.userId.get("E000188")!, { role: "hr_admin" });
    const asActor = (no: string, role: Role) => ({
      userId: org.userId.get(no)!,
      role,
      employeeId: org.employeeId.get(no)!,
      scopePath: null,
    });
    const seen = await pendingEmployeeRequests(db, asActor("E000003", "hr_admin"));
    expect(seen.find((r) => r.id === requestId)).toMatchObject({
      kind: "role",
      role: "hr_admin",
      employee: { id: org.employeeId.get("E000188")!, employeeNo: "E000188" },
    });
    expect(await pendingEmployeeRequests(db, asActor("E000006", "sysadmin"))).toEqual([]);
    expect(await pendingEmployeeRequests(db, asActor("E000001", "dept_head"))).toEqual([]);
    expect(await pendingEmployeeRequests(db, asActor("E000004", "employee"))).toEqual([]);
  });
});
