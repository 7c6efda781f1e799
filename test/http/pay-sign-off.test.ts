import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, TEST_PASSWORD, userFor, type Client } from "../utils";
import { payConfigFixture, payFixture } from "../pay-fixtures";
import { signOffState } from "~/modules/pay/sign-off.server";
import { headsWhoMaySign } from "~/modules/pay/run-state";
import { whatWaits } from "~/modules/home/waiting.server";
import type { Actor } from "~/modules/auth/scope";

let app: Awaited<ReturnType<typeof testApp>>;
let hr: Client;
let hr2: Client;
let hr3: Client;
let runId: string;

const status = async () => (await db.payRun.findUniqueOrThrow({ where: { id: runId } })).status;
const state = () => signOffState(db, runId);

/** Signs in the user behind a head (by user id). */
async function asUser(userId: string) {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { email: true, employee: { select: { employeeNo: true } } },
  });
  await userFor(user.employee!.employeeNo);
  return signedIn(app, user.email);
}

async function actorOf(userId: string): Promise<Actor> {
  const u = await db.user.findUniqueOrThrow({
    where: { id: userId },
    select: { id: true, role: true, employeeId: true, scopeUnit: { select: { path: true } } },
  });
  return { userId: u.id, role: u.role as Actor["role"], employeeId: u.employeeId, scopePath: u.scopeUnit?.path ?? null };
}

beforeAll(async () => {
  app = await testApp();
  const org = await demoOrg();
  await payConfigFixture(db, org.unitId, { headSignOff: true });
  const { period } = await payFixture(db, org.unitId);
  hr = await signedIn(app, await userFor("E000003"));
  hr2 = await signedIn(app, await userFor("E000005", "hr_admin"));
  hr3 = await signedIn(app, await userFor("E000182", "hr_admin"));
  const created = await hr.post("/pay?index", { intent: "create", periodId: period.id });
  expect(created.status).toBe(302);
  runId = created.headers.get("location")!.split("/").pop()!;
});

describe("head sign-off", () => {
  it("snapshots the chain with the run: turning the step off in settings leaves the run in flight as it was", async () => {
    expect((await db.payRun.findUniqueOrThrow({ where: { id: runId } })).headSignOff).toBe(true);
    expect((await hr.post("/pay/settings", { intent: "chain" })).status).toBe(302);
    expect((await db.payChainSetting.findUniqueOrThrow({ where: { id: "default" } })).headSignOff).toBe(false);
    expect((await db.payRun.findUniqueOrThrow({ where: { id: runId } })).headSignOff).toBe(true);
    expect((await hr.post("/pay/settings", { intent: "chain", headSignOff: "on" })).status).toBe(302);
    expect((await hr.post("/pay/settings", { intent: "chain", headSignOff: "yes" })).status).toBe(400);
    expect(await db.auditLog.count({ where: { action: "pay.chain.save" } })).toBe(2);
  });

  it("refuses approval until every unit is signed off; a head signs only their units, never one holding their own line", async () => {
    expect((await hr2.post(`/pay/runs/${runId}`, { intent: "review" })).status).toBe(302);
    const before = await state();
    expect(before.units.length).toBeGreaterThan(0);
    expect(before.pending).toBe(before.units.length);
    const employee = await signedIn(app, await userFor("E000004"));
    expect((await employee.post(`/pay/runs/${runId}`, { intent: "signOff", unitId: before.units[0].unitId })).status).toBe(403);
    const refused = await hr3.post(`/pay/runs/${runId}`, { intent: "approve", password: TEST_PASSWORD });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("pay.errors.signOffsPending");
    expect(await status()).toBe("reviewed");

    // A head whose own line is in a unit they head is refused that unit: make one head the person of a line there.
    // The deepest signing unit: every line under its path is one of its own lines.
    const headed = [...before.units].sort((a, b) => b.path.length - a.path.length)[0];
    const head = before.heads.find((h) => h.scopePath === headed.path)!;
    const line = await db.payLine.findFirstOrThrow({
      where: { runId, unit: { path: { startsWith: headed.path } } },
      select: { employeeId: true },
    });
    await db.user.updateMany({ where: { employeeId: line.employeeId }, data: { employeeId: null } });
    await db.user.update({ where: { id: head.userId }, data: { employeeId: line.employeeId } });
    const ownCase = { u: headed, h: head };
    const own = await (await asUser(ownCase!.h.userId)).post(`/pay/runs/${runId}`, { intent: "signOff", unitId: ownCase!.u.unitId });
    expect(own.status).toBe(400);
    expect(await own.text()).toContain("pay.errors.ownLineSignOff");

    // A head is not told about a unit outside their scope (404), and an employee may not sign at all.
    const outside = before.heads.find((h) => before.units.some((u) => !u.path.startsWith(h.scopePath)))!;
    const foreign = before.units.find((u) => !u.path.startsWith(outside.scopePath))!;
    expect((await (await asUser(outside.userId)).post(`/pay/runs/${runId}`, { intent: "signOff", unitId: foreign.unitId })).status).toBe(
      404,
    );
    // Unknown fields are refused.
    expect((await hr3.post(`/pay/runs/${runId}`, { intent: "signOff", unitId: foreign.unitId, signedById: "x" })).status).toBe(400);
    expect((await state()).pending).toBe(before.units.length);
    expect(await db.auditLog.count({ where: { action: "pay.run.refused", entityId: runId } })).toBeGreaterThanOrEqual(2);
  });

  it("lets a head send the run back with a reason: draft again, every sign-off cleared", async () => {
    const s = await state();
    const first = s.units.map((u) => ({ u, h: headsWhoMaySign(u, s.heads)[0] })).find((x) => x.h)!;
    expect(first).toBeDefined();
    const head1 = await asUser(first.h.userId);
    expect((await head1.post(`/pay/runs/${runId}`, { intent: "signOff", unitId: first.u.unitId })).status).toBe(302);
    expect((await head1.post(`/pay/runs/${runId}`, { intent: "signOff", unitId: first.u.unitId })).status).toBe(400);
    expect((await state()).pending).toBe(s.units.length - 1);
    // Whoever may sign a unit may send the run back instead, signed or not.
    const second = first;
    const head2 = head1;
    expect((await head2.post(`/pay/runs/${runId}`, { intent: "returnRun", unitId: second.u.unitId, reason: "no" })).status).toBe(400);
    expect(await status()).toBe("reviewed");
    const back = await head2.post(`/pay/runs/${runId}`, {
      intent: "returnRun",
      unitId: second.u.unitId,
      reason: "Two lines miss their actuals",
    });
    expect(back.status).toBe(302);
    expect(await status()).toBe("draft");
    expect(await db.paySignOff.count({ where: { runId } })).toBe(0);
    const run = await db.payRun.findUniqueOrThrow({ where: { id: runId } });
    expect([run.sentBackById, run.sentBackReason, run.reviewedById]).toEqual([second.h.userId, "Two lines miss their actuals", null]);
    expect(await (await hr.get(`/pay/runs/${runId}`)).text()).toContain("Two lines miss their actuals");
  });

  it("records each sign-off (who, when, which unit); then a person who signed none approves", async () => {
    expect((await hr2.post(`/pay/runs/${runId}`, { intent: "review" })).status).toBe(302);
    const s = await state();
    const head = s.units.map((u) => headsWhoMaySign(u, s.heads)[0]).find(Boolean)!;
    // The heads are told the run reached them; the approvers not yet.
    const told = async (type: string) =>
      (await db.outboxMessage.findMany({ where: { type } })).filter((m) => JSON.parse(m.payloadJson).runId === runId);
    expect((await told("pay.signOffRequest")).map((m) => m.recipientId)).toContain(head.employeeId);
    expect(await told("pay.approvalRequest")).toEqual([]);
    // Which units sign is frozen at review: a head leaving meanwhile does not regroup the lines.
    await db.user.update({ where: { id: head.userId }, data: { disabled: true } });
    expect((await state()).units.map((u) => u.unitId)).toEqual(s.units.map((u) => u.unitId));
    await db.user.update({ where: { id: head.userId }, data: { disabled: false } });
    const waiting = await whatWaits(db, await actorOf(head.userId));
    expect(waiting).toContainEqual(expect.objectContaining({ kind: "payRun", id: runId, step: "signOff" }));
    const page = await (await asUser(head.userId)).get(`/pay/runs/${runId}`);
    expect(await page.text()).toContain('data-testid="sign-offs"');
    // HR sees the run waiting for sign-offs, not for approval.
    const hr3Actor = await actorOf((await db.user.findFirstOrThrow({ where: { employee: { employeeNo: "E000182" } } })).id);
    expect((await whatWaits(db, hr3Actor)).some((i) => i.kind === "payRun" && i.id === runId && i.step === "approve")).toBe(false);

    const fallback: Client[] = [];
    for (const unit of s.units) {
      const signer = headsWhoMaySign(unit, s.heads)[0];
      if (signer) {
        expect((await (await asUser(signer.userId)).post(`/pay/runs/${runId}`, { intent: "signOff", unitId: unit.unitId })).status).toBe(
          302,
        );
      } else {
        // No head may: HR other than the preparer and reviewer signs; that person then may not approve.
        const refusedHead = s.heads.find((h) => unit.path.startsWith(h.scopePath))!;
        expect(
          (await (await asUser(refusedHead.userId)).post(`/pay/runs/${runId}`, { intent: "signOff", unitId: unit.unitId })).status,
        ).toBe(400);
        expect((await hr2.post(`/pay/runs/${runId}`, { intent: "signOff", unitId: unit.unitId })).status).toBe(400);
        expect((await hr3.post(`/pay/runs/${runId}`, { intent: "signOff", unitId: unit.unitId })).status).toBe(302);
        fallback.push(hr3);
      }
    }
    const rows = await db.paySignOff.findMany({ where: { runId } });
    expect(rows.map((r) => r.unitId).sort()).toEqual(s.units.map((u) => u.unitId).sort());
    expect(rows.every((r) => r.signedAt instanceof Date && r.signedById)).toBe(true);
    expect(await db.auditLog.count({ where: { action: "pay.run.signOff", entityId: runId } })).toBe(s.units.length + 1);
    expect((await state()).pending).toBe(0);
    // The last sign-off tells the approvers, never someone who signed.
    const approvals = await told("pay.approvalRequest");
    expect(approvals.length).toBeGreaterThan(0);
    const signerEmployees = await db.user.findMany({ where: { id: { in: rows.map((r) => r.signedById) } }, select: { employeeId: true } });
    expect(approvals.some((m) => signerEmployees.some((u) => u.employeeId === m.recipientId))).toBe(false);

    const approver = fallback.length ? await signedIn(app, await userFor("E000183", "hr_admin")) : hr3;
    if (fallback.length) {
      const bySigner = await hr3.post(`/pay/runs/${runId}`, { intent: "approve", password: TEST_PASSWORD });
      expect(await bySigner.text()).toContain("pay.errors.signerCannotApprove");
    }
    const approved = await approver.post(`/pay/runs/${runId}`, { intent: "approve", password: TEST_PASSWORD });
    expect([approved.status, await status()]).toEqual([302, "approved"]);
    // Sending back from approved clears the sign-offs too.
    expect((await hr2.post(`/pay/runs/${runId}`, { intent: "sendBack" })).status).toBe(302);
    expect([await status(), await db.paySignOff.count({ where: { runId } })]).toEqual(["draft", 0]);
  });
});
