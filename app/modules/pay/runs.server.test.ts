import { beforeAll, describe, expect, it } from "vitest";
import type { InValue } from "@libsql/client";
import { bulkWrite, db } from "~/utils/db.server";
import { exec } from "~/utils/sql.server";
import { demoOrg } from "../../../test/utils";
import { LAST_YEAR_CODE, payConfigFixture, payFixture } from "../../../test/pay-fixtures";
import { hashPassword } from "~/modules/auth/password.server";
import { DomainError as PayRunError } from "~/utils/domain-error";
import { addAdjustment, createRun, recomputeRun, transitionRun, verifyRun } from "./runs.server";
import { getPayslip, periodsForNewRun } from "./views.server";
import { coefficientFor } from "./coefficients";
import type { RunSnapshot } from "./payroll";
import { proratedPerformancePay } from "./prorate";

let org: Awaited<ReturnType<typeof demoOrg>>;
let hr1: string;
let hr2: string;
let hr3: string;
const PASSWORD = "a long approval password";
/** A statement past the application, with `?` placeholders on either database: the triggers answer. */
const straight = (sql: string, ...args: InValue[]) => bulkWrite(db, (tx) => exec(tx, sql, args));

beforeAll(async () => {
  org = await demoOrg();
  await payConfigFixture(db, org.unitId);
  hr1 = org.userId.get("E000003")!;
  hr2 = org.userId.get("E000005")!;
  hr3 = org.userId.get("E000182")!;
  const passwordHash = await hashPassword(PASSWORD);
  await db.user.update({ where: { id: hr2 }, data: { role: "hr_admin", passwordHash } });
  await db.user.update({ where: { id: hr3 }, data: { role: "hr_admin", passwordHash } });
});

const refused = (promise: Promise<unknown>, key: string) => expect(promise).rejects.toMatchObject({ messageKey: key });

describe("pay runs", () => {
  it("computes every appraised employee, splits the pool exactly and recomputes to the same result", async () => {
    const { period, managers } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    expect(run).toMatchObject({ status: "draft", issueCount: 0, employeeCount: managers.length });
    const lines = await db.payLine.findMany({ where: { runId: run.id } });
    expect(lines).toHaveLength(managers.length);
    const stored = await db.payRun.findUniqueOrThrow({ where: { id: run.id } });
    const pools = JSON.parse(stored.poolsJson) as { poolFen?: number; size: { poolFen: number } }[];
    const finRoom = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" } });
    const poolShares = lines.filter((l) => l.poolShareFen > 0);
    expect(poolShares.every((l) => l.unitId === finRoom.id)).toBe(true);
    expect(lines.filter((l) => l.unitId === finRoom.id).reduce((s, l) => s + l.poolShareFen, 0)).toBe(pools[0].size.poolFen);
    expect(Number(stored.totalFen)).toBe(lines.reduce((s, l) => s + l.totalFen, 0));
    for (const l of lines) expect(l.totalFen).toBe(l.basePayFen + l.performancePayFen + l.growthBonusFen + l.poolShareFen);
    expect(await verifyRun(db, run.id)).toEqual({ checked: true, identical: true, differing: 0 });
    expect(await db.auditLog.count({ where: { entity: "PayRun", entityId: run.id, action: "pay.run.create" } })).toBe(1);
    // Written past Prisma in one bulk transaction: dates read back as dates.
    expect(stored.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(stored.computedAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("starts one run when two people start one for the same period at once", async () => {
    const { period } = await payFixture(db, org.unitId);
    const results = await Promise.allSettled([createRun(db, hr1, period.id), createRun(db, hr2, period.id)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const failed = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(failed.reason).toMatchObject({ messageKey: "pay.errors.runInProgress" });
    const runs = await db.payRun.findMany({ where: { periodId: period.id }, select: { id: true } });
    expect(runs).toHaveLength(1);
    expect(await db.payLine.groupBy({ by: ["runId"], where: { run: { periodId: period.id } } })).toEqual([{ runId: runs[0].id }]);
  });

  it("shows a missing actual as an issue, never as zero, and keeps the run in draft until fixed", async () => {
    const { period, managers, kpiId } = await payFixture(db, org.unitId, { skip: { employeeNo: "E000004", kpiCode: "REV_IN_NET_6M" } });
    const run = await createRun(db, hr1, period.id);
    const stored = await db.payRun.findUniqueOrThrow({ where: { id: run.id } });
    const issues = JSON.parse(stored.issuesJson);
    expect(issues).toContainEqual(expect.objectContaining({ kind: "missingActual", kpiCode: "REV_IN_NET_6M", employeeNo: "E000004" }));
    expect(issues).toContainEqual(expect.objectContaining({ kind: "poolBlocked" }));
    const e4 = managers.find((m) => m.employeeNo === "E000004")!;
    expect(await db.payLine.findUnique({ where: { runId_employeeId: { runId: run.id, employeeId: e4.id } } })).toBeNull();
    await refused(transitionRun(db, hr2, run.id, "review"), "pay.errors.hasIssues");
    await refused(createRun(db, hr1, period.id), "pay.errors.runInProgress");

    await db.kpiActual.create({
      data: { periodId: period.id, employeeId: e4.id, kpiId: kpiId.get("REV_IN_NET_6M")!, value: 1_000_000n, source: "manual" },
    });
    const after = await recomputeRun(db, hr1, run.id);
    expect(after.issueCount).toBe(0);
    expect(await db.payLine.count({ where: { runId: run.id } })).toBe(managers.length);
  });

  it("shows a line whose curve cannot score as an issue on that person, and computes everyone else", async () => {
    const { period, managers, kpiId } = await payFixture(db, org.unitId);
    const broken = managers[1];
    await db.kpiAdjustment.create({
      data: {
        periodId: period.id,
        employeeId: broken.id,
        kpiId: kpiId.get("REVENUE")!,
        threshold: 1n,
        target: 1n,
        stretch: 1n,
        reason: "kpi.adjustReason.allocation",
      },
    });
    const run = await createRun(db, hr1, period.id);
    const issues = JSON.parse((await db.payRun.findUniqueOrThrow({ where: { id: run.id } })).issuesJson);
    expect(issues).toContainEqual({ kind: "malformedLine", employeeId: broken.id, kpiCode: "REVENUE", employeeNo: broken.employeeNo });
    expect(issues.filter((i: { employeeId?: string }) => i.employeeId)).toHaveLength(1);
    expect(await db.payLine.count({ where: { runId: run.id } })).toBe(managers.length - 1);
    expect(await recomputeRun(db, hr1, run.id)).toMatchObject({ issueCount: run.issueCount });
  });

  it("goes through four eyes and sudo mode, then refuses every change, in the database too", async () => {
    const { period, managers } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    await refused(transitionRun(db, hr1, run.id, "review"), "pay.errors.samePerson");
    expect(await transitionRun(db, hr2, run.id, "review")).toBe("reviewed");
    const queued = await db.outboxMessage.findMany({ where: { type: "pay.approvalRequest" } });
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.some((m) => JSON.parse(m.payloadJson).runId === run.id)).toBe(true);
    await refused(recomputeRun(db, hr1, run.id), "pay.errors.wrongState");
    await refused(transitionRun(db, hr1, run.id, "approve", "anything"), "pay.errors.samePerson");
    await refused(transitionRun(db, hr2, run.id, "approve", PASSWORD), "pay.errors.reviewerCannotApprove");
    await refused(transitionRun(db, hr3, run.id, "approve", "not the password"), "pay.errors.wrongPassword");
    expect(await transitionRun(db, hr3, run.id, "approve", PASSWORD)).toBe("approved");
    expect(await transitionRun(db, hr1, run.id, "lock")).toBe("locked");
    await refused(transitionRun(db, hr2, run.id, "sendBack"), "pay.errors.locked");

    // Straight SQL, past the application: the triggers refuse.
    await expect(straight(`UPDATE "PayLine" SET "totalFen" = 1 WHERE "runId" = ?`, run.id)).rejects.toThrow(/frozen/);
    await expect(straight(`DELETE FROM "PayLine" WHERE "runId" = ?`, run.id)).rejects.toThrow(/frozen/);
    await expect(
      straight(
        `INSERT INTO "PayLine" ("runId","employeeId","unitId","basePayFen","performancePayFen","growthBonusFen","poolShareFen","totalFen","inputsJson") SELECT ?, "id", "unitId", 1, 1, 1, 1, 4, '{}' FROM "Employee" LIMIT 1`,
        run.id,
      ),
    ).rejects.toThrow(/frozen/);
    await expect(straight(`UPDATE "PayRun" SET "status" = 'draft' WHERE "id" = ?`, run.id)).rejects.toThrow(/locked/);
    await expect(straight(`UPDATE "PayRun" SET "totalFen" = 0 WHERE "id" = ?`, run.id)).rejects.toThrow(/locked/);
    await expect(straight(`DELETE FROM "PayRun" WHERE "id" = ?`, run.id)).rejects.toThrow(/locked/);
    expect(await verifyRun(db, run.id)).toMatchObject({ identical: true });

    // Corrections are new adjustments with a reason, themselves append-only.
    const adjustment = await addAdjustment(db, hr1, run.id, {
      employeeNo: managers[0].employeeNo,
      amountFen: -12_345,
      reason: "Revenue restated",
    });
    await expect(straight(`UPDATE "PayAdjustment" SET "amountFen" = 0 WHERE "id" = ?`, adjustment.id)).rejects.toThrow(/append-only/);
    await expect(straight(`DELETE FROM "PayAdjustment" WHERE "id" = ?`, adjustment.id)).rejects.toThrow(/append-only/);
    const actions = (await db.auditLog.findMany({ where: { entityId: run.id }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["pay.run.create", "pay.run.review", "pay.run.approve", "pay.run.lock"]));
  });

  it("pays a period once: a locked period gets no second run, in the database too, and only closed periods are offered", async () => {
    const { period } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    await transitionRun(db, hr2, run.id, "review");
    await transitionRun(db, hr3, run.id, "approve", PASSWORD);
    await transitionRun(db, hr1, run.id, "lock");
    await refused(createRun(db, hr1, period.id), "pay.errors.periodPaid");
    // Past the application's check: the database refuses a second run for the period.
    await expect(
      straight(
        `INSERT INTO "PayRun" ("id","periodId","periodCode","status","paramsJson","preparedById","computedAt") VALUES ('second', ?, 'x', 'draft', '{}', ?, CURRENT_TIMESTAMP)`,
        period.id,
        hr1,
      ),
    ).rejects.toThrow(/one pay run per period/);
    const other = await payFixture(db, org.unitId);
    const otherRun = await createRun(db, hr1, other.period.id);
    await expect(straight(`UPDATE "PayRun" SET "periodId" = ? WHERE "id" = ?`, period.id, otherRun.id)).rejects.toThrow(
      /one pay run per period/,
    );
    expect(await db.payRun.count({ where: { periodId: period.id } })).toBe(1);

    const open = await payFixture(db, org.unitId, { status: "open" });
    await refused(createRun(db, hr1, open.period.id), "pay.errors.periodNotClosed");
    const future = await db.appraisalPeriod.create({
      data: { code: "2099-Q1", kind: "quarter", startsOn: new Date("2099-01-01T00:00:00Z"), endsOn: new Date("2099-03-31T00:00:00Z") },
    });
    const unpaid = await payFixture(db, org.unitId);
    const offered = (await periodsForNewRun(db)).map((p) => p.id);
    expect(offered).toContain(unpaid.period.id);
    for (const id of [period.id, other.period.id, open.period.id, future.id]) expect(offered).not.toContain(id);
  });

  it("grows the department pool against the same period last year, read from the data, and says so when that is missing", async () => {
    const { period, managers } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    const stored = await db.payRun.findUniqueOrThrow({ where: { id: run.id } });
    const fin = org.unitId.get("JC-GE-FIN")!;
    const unitOf = new Map(
      (await db.employee.findMany({ where: { id: { in: managers.map((m) => m.id) } }, select: { id: true, unitId: true } })).map((e) => [
        e.id,
        e.unitId,
      ]),
    );
    // This year 60,000,000 + i × 2,500,000 fen each; the same quarter last year 50,000,000 + i × 2,000,000.
    let thisYear = 0;
    let lastYear = 0;
    managers.forEach((m, i) => {
      if (unitOf.get(m.id) !== fin) return;
      thisYear += 60_000_000 + i * 2_500_000;
      lastYear += 50_000_000 + i * 2_000_000;
    });
    const [pool] = JSON.parse(stored.poolsJson) as { size: { revenueFen: string; growthFen: string; poolFen: number } }[];
    expect(pool.size.revenueFen).toBe(String(thisYear));
    expect(pool.size.growthFen).toBe(String(thisYear - lastYear));
    // Pool = ¥50,000 + growth × 0.01, capped at ¥200,000.
    expect(pool.size.poolFen).toBe(Math.min(20_000_000, 5_000_000 + (thisYear - lastYear) / 100));
    expect(JSON.parse(stored.paramsJson).pools[0].lastYear).toEqual({ periodCode: LAST_YEAR_CODE, revenueFen: String(lastYear) });
    expect(await verifyRun(db, run.id)).toMatchObject({ identical: true });

    // A quarter with no same quarter last year: the pool cannot be sized, and the run says why.
    const lonely = await db.appraisalPeriod.create({
      data: {
        code: "2031-Q1",
        kind: "quarter",
        startsOn: new Date("2031-01-01T00:00:00Z"),
        endsOn: new Date("2031-03-31T00:00:00Z"),
        status: "closed",
      },
    });
    const blocked = await createRun(db, hr1, lonely.id);
    const issues = JSON.parse((await db.payRun.findUniqueOrThrow({ where: { id: blocked.id } })).issuesJson);
    expect(issues).toContainEqual(expect.objectContaining({ kind: "poolNoLastYear" }));
  });

  it("refuses adjustments to runs that are not locked, and lines added to a reviewed run", async () => {
    const { period, managers } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    await refused(
      addAdjustment(db, hr1, run.id, { employeeNo: managers[0].employeeNo, amountFen: 100, reason: "x" }),
      "pay.errors.adjustLockedOnly",
    );
    await expect(
      straight(
        `INSERT INTO "PayAdjustment" ("id","runId","employeeId","amountFen","reason","createdById") VALUES ('x', ?, ?, 1, 'r', 'u')`,
        run.id,
        managers[0].id,
      ),
    ).rejects.toThrow(/locked runs/);
    await transitionRun(db, hr2, run.id, "review");
    await expect(straight(`UPDATE "PayLine" SET "totalFen" = 1 WHERE "runId" = ?`, run.id)).rejects.toThrow(/frozen/);
    expect(await transitionRun(db, hr1, run.id, "sendBack")).toBe("draft");
    expect(PayRunError).toBeDefined();
  });

  it("pays a leaver for the days up to their last day and leaves out someone who left before the period", async () => {
    const { period, managers } = await payFixture(db, org.unitId);
    const [whole, leaver, gone] = managers;
    // Left 20 August: 31 + 20 = 51 of the quarter's 92 days. Gone: left 30 June, before the quarter.
    await db.employee.update({ where: { id: leaver.id }, data: { active: false, leftOn: new Date("2026-08-20T00:00:00Z") } });
    await db.employee.update({ where: { id: gone.id }, data: { active: false, leftOn: new Date("2026-06-30T00:00:00Z") } });
    try {
      const run = await createRun(db, hr1, period.id);
      expect(run).toMatchObject({ issueCount: 0, employeeCount: managers.length - 1 });
      const lineOf = (employeeId: string) => db.payLine.findUnique({ where: { runId_employeeId: { runId: run.id, employeeId } } });
      expect(await lineOf(gone.id)).toBeNull();
      const band = await db.employee
        .findUniqueOrThrow({ where: { id: leaver.id }, select: { track: true, level: true } })
        .then((e) => db.payBand.findUniqueOrThrow({ where: { track_level: e } }));
      const wholeLine = (await lineOf(whole.id))!;
      const leaverLine = (await lineOf(leaver.id))!;
      const inputs = JSON.parse(leaverLine.inputsJson) as { d: number; lo: string; score: number };
      expect(inputs).toMatchObject({ d: 51, lo: "2026-08-20" });
      // Base: the band's ¥5,500.00 a month, ¥16,500.00 a quarter; × 51/92 = 914,673.91… fen → 914,674.
      expect(band.basePayFen).toBe(550_000);
      expect(JSON.parse(wholeLine.inputsJson)).not.toHaveProperty("d");
      expect(leaverLine.basePayFen).toBe(914_674);
      // Performance: the quarter's performance base × the score's coefficient × 51/92, rounded once.
      const snapshot = JSON.parse((await db.payRun.findUniqueOrThrow({ where: { id: run.id } })).paramsJson) as RunSnapshot;
      const coefficient = coefficientFor(snapshot.coefficients.bands, inputs.score).coefficient;
      expect(leaverLine.performancePayFen).toBe(proratedPerformancePay(band.performanceBaseFen * 3, coefficient, 51, 92));
      expect(leaverLine.totalFen).toBe(914_674 + leaverLine.performancePayFen + leaverLine.growthBonusFen + leaverLine.poolShareFen);
      const slip = await getPayslip(db, { userId: hr1, role: "hr_admin", employeeId: null, scopePath: null }, run.id, leaver.id);
      expect(slip?.explanation?.base.prorated).toEqual({ days: 51, periodDays: 92, leftOn: "2026-08-20" });
      expect(await verifyRun(db, run.id)).toEqual({ checked: true, identical: true, differing: 0 });
    } finally {
      for (const m of [leaver, gone]) await db.employee.update({ where: { id: m.id }, data: { active: true, leftOn: null } });
    }
  });
});
