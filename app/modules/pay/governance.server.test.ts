import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import type { Actor } from "~/modules/auth/scope";
import { hashPassword } from "~/modules/auth/password.server";
import { demoOrg } from "../../../test/utils";
import { payConfigFixture, payFixture } from "../../../test/pay-fixtures";
import { budgetOverview, runBudgetCheck, saveBudget } from "./budget.server";
import { calibrate, saveGuideline, unitDistributions } from "./calibration.server";
import { coefficientFor, performancePay } from "./coefficients";
import { bandOfRating } from "./calibration";
import { addAdjustment, createRun, recomputeRun, transitionRun, verifyRun } from "./runs.server";
import { getPayslip } from "./views.server";
import type { RunSnapshot } from "./payroll";

let org: Awaited<ReturnType<typeof demoOrg>>;
let hr1: string;
let hr2: string;
let hr3: string;
const PASSWORD = "a long approval password";
const refused = (promise: Promise<unknown>, key: string) => expect(promise).rejects.toMatchObject({ messageKey: key });
const hrActor = (userId: string): Actor => ({ userId, role: "hr_admin", employeeId: null, scopePath: null });

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

describe("wage-bill budget", () => {
  it("shows a run's excess, approves it only with the approver's reason, and counts locked runs and adjustments as committed", async () => {
    const { period } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    const fin = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" }, select: { id: true, path: true } });
    const finLines = await db.payLine.findMany({
      where: { runId: run.id, unit: { path: { startsWith: fin.path } } },
      select: { totalFen: true },
    });
    const finTotal = finLines.reduce((s, l) => s + l.totalFen, 0);
    expect(finTotal).toBeGreaterThan(100_000);
    // Budget 100,000 fen below what the run pays in the finance room.
    await saveBudget(db, hr1, { unitId: fin.id, year: 2026, amountFen: finTotal - 100_000, basis: "allocation" });
    const check = await runBudgetCheck(db, run.id);
    expect(check).toMatchObject({ year: 2026, excessFen: 100_000 });
    expect(check.checks[0]).toMatchObject({ unitId: fin.id, committedFen: 0, runFen: finTotal, afterFen: finTotal, excessFen: 100_000 });

    await transitionRun(db, hr2, run.id, "review");
    await refused(transitionRun(db, hr3, run.id, "approve", PASSWORD), "pay.errors.overBudget");
    expect((await db.payRun.findUniqueOrThrow({ where: { id: run.id } })).status).toBe("reviewed");
    expect(await transitionRun(db, hr3, run.id, "approve", PASSWORD, "省公司已同意追加季度激励")).toBe("approved");
    const stored = await db.payRun.findUniqueOrThrow({
      where: { id: run.id },
      select: { budgetExcessFen: true, budgetOverrideReason: true },
    });
    expect(stored).toEqual({ budgetExcessFen: 100_000n, budgetOverrideReason: "省公司已同意追加季度激励" });
    expect(await db.auditLog.count({ where: { entityId: run.id, action: "pay.run.budgetOverride" } })).toBe(1);
    await transitionRun(db, hr1, run.id, "lock");

    // Locked: the run is committed; an adjustment of −¥500 gives some back.
    const line = await db.payLine.findFirstOrThrow({
      where: { runId: run.id, unitId: fin.id },
      select: { employee: { select: { employeeNo: true } } },
    });
    await addAdjustment(db, hr1, run.id, { employeeNo: line.employee.employeeNo, amountFen: -50_000, reason: "收入数据更正" });
    const [overview] = await budgetOverview(db, hrActor(hr1), 2026);
    expect(overview).toMatchObject({
      unitId: fin.id,
      amountFen: finTotal - 100_000,
      committedFen: finTotal - 50_000,
      remainingFen: -50_000,
    });
    // The finance head sees her room's budget; another room's head would see none.
    const head = await db.user.findUniqueOrThrow({
      where: { id: org.userId.get("E000002")! },
      select: { scopeUnit: { select: { path: true } } },
    });
    expect(
      await budgetOverview(db, { userId: "h", role: "dept_head", employeeId: null, scopePath: head.scopeUnit!.path }, 2026),
    ).toHaveLength(1);
    expect(await budgetOverview(db, { userId: "e", role: "employee", employeeId: null, scopePath: null }, 2026)).toEqual([]);
  });
});

describe("calibration", () => {
  it("holds the review while a unit is outside the guideline, moves ratings with reasons, and explains them on the payslip", async () => {
    await db.payBudget.deleteMany({});
    const { period } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    const snapshot = JSON.parse((await db.payRun.findUniqueOrThrow({ where: { id: run.id } })).paramsJson) as RunSnapshot;
    const lines = await db.payLine.findMany({
      where: { runId: run.id },
      select: {
        employeeId: true,
        rating: true,
        performancePayFen: true,
        totalFen: true,
        unitId: true,
        employee: { select: { employeeNo: true } },
      },
    });
    // The rarest rating present is forbidden (at most 0 %): every unit holding it is outside the guideline.
    const unitSize = new Map<string, number>();
    for (const l of lines) unitSize.set(l.unitId, (unitSize.get(l.unitId) ?? 0) + 1);
    const tally = new Map<string, number>();
    for (const l of lines) if (unitSize.get(l.unitId)! >= 5) tally.set(l.rating!, (tally.get(l.rating!) ?? 0) + 1);
    const [rare] = [...tally].sort((a, b) => a[1] - b[1])[0];
    const other = [...tally.keys()].find((r) => r !== rare)!;
    await refused(saveGuideline(db, hr1, period.id, [{ rating: "S", maxPercent: 10 }]), "pay.errors.guidelineUnknownRating");
    await saveGuideline(db, hr1, period.id, [{ rating: rare, maxPercent: 0 }]);
    const before = await unitDistributions(db, hrActor(hr1), run.id);
    expect(before.units.some((u) => u.check && !u.check.within)).toBe(true);
    await refused(transitionRun(db, hr2, run.id, "review"), "pay.errors.outsideGuideline");

    // Refusals: a head outside the person's subtree, one's own line, an unknown rating, too short a reason is the form's.
    const moved = lines.filter((l) => l.rating === rare);
    const financeHead: Actor = {
      userId: org.userId.get("E000002")!,
      role: "dept_head",
      employeeId: null,
      scopePath: (await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" } })).path,
    };
    const finUnit = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" }, select: { id: true } });
    const outsideFinance = lines.find((l) => l.unitId !== finUnit.id)!;
    await refused(
      calibrate(db, financeHead, run.id, {
        employeeNo: outsideFinance.employee.employeeNo,
        rating: outsideFinance.rating === "A" ? "B" : "A",
        reason: "横向比较后调整",
      }),
      "pay.errors.unknownEmployee",
    );
    await refused(
      calibrate(db, { ...hrActor(hr1), employeeId: moved[0].employeeId }, run.id, {
        employeeNo: moved[0].employee.employeeNo,
        rating: other,
        reason: "横向比较后调整",
      }),
      "pay.errors.calibrateOwnLine",
    );
    await refused(
      calibrate(db, hrActor(hr1), run.id, { employeeNo: moved[0].employee.employeeNo, rating: "S", reason: "横向比较后调整" }),
      "pay.errors.unknownRating",
    );
    await refused(
      calibrate(db, hrActor(hr1), run.id, { employeeNo: moved[0].employee.employeeNo, rating: rare, reason: "横向比较后调整" }),
      "pay.errors.sameRating",
    );

    for (const l of moved)
      await calibrate(db, hrActor(hr1), run.id, { employeeNo: l.employee.employeeNo, rating: other, reason: "横向比较后调整" });
    const after = await unitDistributions(db, hrActor(hr1), run.id);
    expect(after.units.every((u) => !u.check || u.check.within)).toBe(true);
    // Units of fewer than 5 people are shown but not held to the ranges.
    expect(after.units.filter((u) => u.size < 5).every((u) => u.check === null)).toBe(true);

    // The calibrated line: performance base × the new rating's coefficient; the run's total follows.
    const first = await db.payLine.findUniqueOrThrow({
      where: { runId_employeeId: { runId: run.id, employeeId: moved[0].employeeId } },
      select: { performancePayFen: true, totalFen: true, rating: true, inputsJson: true },
    });
    const inputs = JSON.parse(first.inputsJson) as { track: string; level: string; score: number; r?: string };
    const band = snapshot.bands[`${inputs.track}:${inputs.level}`];
    expect(first.rating).toBe(other);
    expect(inputs.r).toBe(other);
    expect(coefficientFor(snapshot.coefficients.bands, inputs.score).coefficient).not.toBe(
      bandOfRating(snapshot.coefficients.bands, other)!.coefficient,
    );
    expect(first.performancePayFen).toBe(
      performancePay(band.performanceBaseFen * snapshot.periodMonths, bandOfRating(snapshot.coefficients.bands, other)!.coefficient),
    );
    expect(first.totalFen - first.performancePayFen).toBe(moved[0].totalFen - moved[0].performancePayFen);
    const runRow = await db.payRun.findUniqueOrThrow({ where: { id: run.id }, select: { totalFen: true } });
    expect(Number(runRow.totalFen)).toBe(
      (await db.payLine.aggregate({ where: { runId: run.id }, _sum: { totalFen: true } }))._sum.totalFen,
    );
    expect(await db.auditLog.count({ where: { action: "pay.calibration.create" } })).toBe(moved.length);
    await expect(db.$executeRawUnsafe(`UPDATE "PayCalibration" SET "toRating" = 'A'`)).rejects.toThrow(/append-only/);

    // A recompute keeps the calibrations; the snapshot recomputes to the same result.
    await recomputeRun(db, hr1, run.id);
    expect(
      (
        await db.payLine.findUniqueOrThrow({
          where: { runId_employeeId: { runId: run.id, employeeId: moved[0].employeeId } },
          select: { rating: true },
        })
      ).rating,
    ).toBe(other);
    expect(await transitionRun(db, hr2, run.id, "review")).toBe("reviewed");
    expect(await verifyRun(db, run.id)).toMatchObject({ identical: true });
    await refused(
      calibrate(db, hrActor(hr1), run.id, { employeeNo: moved[0].employee.employeeNo, rating: rare, reason: "横向比较后调整" }),
      "pay.errors.calibrateDraftOnly",
    );

    const payslip = await getPayslip(db, hrActor(hr1), run.id, moved[0].employeeId);
    expect(payslip?.explanation?.performance).toMatchObject({ scoreRating: rare, rating: other });
    expect(payslip?.calibrations).toEqual([{ fromRating: rare, toRating: other, reason: "横向比较后调整", by: expect.any(String) }]);
  });
});
