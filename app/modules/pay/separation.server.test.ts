import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { demoOrg } from "../../../test/utils";
import { payConfigFixture, payFixture } from "../../../test/pay-fixtures";
import { createRun, transitionRun } from "./runs.server";

// The bypasses of the four-eyes rule, tried as an insider would: each is refused with a clear
// message, writes nothing to the run, and leaves an audit entry.
let org: Awaited<ReturnType<typeof demoOrg>>;
let preparer: string;
let reviewer: string;
let approver: string;
let accountManager: string;
const PASSWORD = "a long approval password";

beforeAll(async () => {
  org = await demoOrg();
  await payConfigFixture(db, org.unitId);
  preparer = org.userId.get("E000003")!;
  reviewer = org.userId.get("E000182")!;
  approver = org.userId.get("E000183")!;
  // An account manager (with a line in every run of the fixture) who also holds the HR role.
  accountManager = org.userId.get("E000004")!;
  const passwordHash = await hashPassword(PASSWORD);
  for (const id of [reviewer, approver, accountManager]) await db.user.update({ where: { id }, data: { role: "hr_admin", passwordHash } });
});

async function refusedWithoutWriting(runId: string, actorId: string, step: "review" | "approve", key: string) {
  const before = await db.payRun.findUniqueOrThrow({ where: { id: runId } });
  const audits = await db.auditLog.count({ where: { entityId: runId, action: "pay.run.refused", actorId } });
  await expect(transitionRun(db, actorId, runId, step, PASSWORD)).rejects.toMatchObject({ messageKey: key });
  expect(await db.payRun.findUniqueOrThrow({ where: { id: runId } })).toEqual(before);
  const entry = await db.auditLog.findFirstOrThrow({
    where: { entityId: runId, action: "pay.run.refused", actorId },
    orderBy: { id: "desc" },
  });
  expect(await db.auditLog.count({ where: { entityId: runId, action: "pay.run.refused", actorId } })).toBe(audits + 1);
  expect(JSON.parse(entry.after!)).toEqual({ step, reason: key });
}

describe("pay run separation of duties", () => {
  it("refuses the reviewer as approver: preparer, reviewer and approver are three people", async () => {
    const { period } = await payFixture(db, org.unitId);
    const run = await createRun(db, preparer, period.id);
    await refusedWithoutWriting(run.id, preparer, "review", "pay.errors.samePerson");
    expect(await transitionRun(db, reviewer, run.id, "review")).toBe("reviewed");
    await refusedWithoutWriting(run.id, reviewer, "approve", "pay.errors.reviewerCannotApprove");
    await refusedWithoutWriting(run.id, preparer, "approve", "pay.errors.samePerson");
    expect(await transitionRun(db, approver, run.id, "approve", PASSWORD)).toBe("approved");
    const done = await db.payRun.findUniqueOrThrow({ where: { id: run.id } });
    expect(new Set([done.preparedById, done.reviewedById, done.approvedById]).size).toBe(3);
  });

  it("refuses review and approval by someone whose own pay line is in the run", async () => {
    const { period, managers } = await payFixture(db, org.unitId);
    expect(managers.some((m) => m.employeeNo === "E000004")).toBe(true);
    const run = await createRun(db, preparer, period.id);
    await refusedWithoutWriting(run.id, accountManager, "review", "pay.errors.ownLine");
    expect(await transitionRun(db, reviewer, run.id, "review")).toBe("reviewed");
    await refusedWithoutWriting(run.id, accountManager, "approve", "pay.errors.ownLine");
  });

  it("refuses a role granted in the last 7 days, and accepts it once the period has passed", async () => {
    const { period } = await payFixture(db, org.unitId);
    const run = await createRun(db, preparer, period.id);
    const day = 24 * 60 * 60 * 1000;
    await db.user.update({ where: { id: reviewer }, data: { roleGrantedAt: new Date(Date.now() - 2 * day) } });
    try {
      await refusedWithoutWriting(run.id, reviewer, "review", "pay.errors.recentRole");
      await db.user.update({ where: { id: reviewer }, data: { roleGrantedAt: new Date(Date.now() - 8 * day) } });
      expect(await transitionRun(db, reviewer, run.id, "review")).toBe("reviewed");
    } finally {
      await db.user.update({ where: { id: reviewer }, data: { roleGrantedAt: null } });
    }
  });
});
