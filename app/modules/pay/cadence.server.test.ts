import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { payConfigFixture, payFixture } from "../../../test/pay-fixtures";
import { hashPassword } from "~/modules/auth/password.server";
import type { Actor } from "~/modules/auth/scope";
import type { RunSnapshot } from "./payroll";
import { coefficientFor, performancePay } from "./coefficients";
import { proratedPerformancePay, prorateFen } from "./prorate";
import { saveCadenceSetting } from "./cadence.server";
import { createMonthlyRun, createRun, transitionRun, verifyRun } from "./runs.server";
import { getPayslip, listRuns, myPayslips, payrollCsv } from "./views.server";
import { runBudgetCheck } from "./budget.server";

let org: Awaited<ReturnType<typeof demoOrg>>;
let preparer: string;
let reviewer: string;
let approver: string;
const PASSWORD = "a long approval password";
const hr: Actor = { userId: "", role: "hr_admin", employeeId: null, scopePath: null };

const refused = (promise: Promise<unknown>, key: string) => expect(promise).rejects.toMatchObject({ messageKey: key });

async function lock(runId: string) {
  expect(await transitionRun(db, reviewer, runId, "review")).toBe("reviewed");
  expect(await transitionRun(db, approver, runId, "approve", PASSWORD)).toBe("approved");
  expect(await transitionRun(db, preparer, runId, "lock")).toBe("locked");
}

beforeAll(async () => {
  org = await demoOrg();
  await payConfigFixture(db, org.unitId);
  preparer = org.userId.get("E000003")!;
  // A monthly run pays everyone: the reviewer and the approver are HR people without a line in it.
  const passwordHash = await hashPassword(PASSWORD);
  reviewer = (await db.user.create({ data: { email: "reviewer@example.test", role: "hr_admin", passwordHash } })).id;
  approver = (await db.user.create({ data: { email: "approver@example.test", role: "hr_admin", passwordHash } })).id;
  hr.userId = preparer;
});

describe("monthly pay with a quarterly settlement", () => {
  it("pays three locked months, then settles the quarter's performance pay minus the advances", async () => {
    const { period, managers } = await payFixture(db, org.unitId);
    // A monthly run needs the monthly cadence.
    await refused(createMonthlyRun(db, preparer, "2026-07"), "pay.errors.notMonthlyCadence");
    await saveCadenceSetting(db, hr, { cadence: "monthly", advanceRateBp: 8000 });
    await refused(createMonthlyRun(db, preparer, "2099-01"), "pay.errors.futureMonth");

    // One manager joins on 12 August: no July line, 20 of August's 31 days.
    const [whole, joiner] = managers;
    await db.employee.update({ where: { id: joiner.id }, data: { hireDate: new Date("2026-08-12T00:00:00Z") } });

    // The settlement waits for the three months.
    await refused(createRun(db, preparer, period.id), "pay.errors.monthsNotLocked");

    const runs: Record<string, string> = {};
    for (const month of ["2026-07", "2026-08", "2026-09"]) {
      const run = await createMonthlyRun(db, preparer, month);
      expect(run).toMatchObject({ status: "draft", issueCount: 0 });
      expect(await verifyRun(db, run.id)).toEqual({ checked: true, identical: true, differing: 0 });
      await lock(run.id);
      runs[month] = run.id;
    }
    await refused(createMonthlyRun(db, preparer, "2026-08"), "pay.errors.periodPaid");
    expect((await listRuns(db)).find((r) => r.id === runs["2026-07"])).toMatchObject({ kind: "monthly", periodCode: "2026-07" });

    const employee = await db.employee.findUniqueOrThrow({ where: { id: whole.id }, select: { track: true, level: true } });
    const band = (await db.payBand.findUniqueOrThrow({ where: { track_level: employee } }))!;
    const advance = performancePay(band.performanceBaseFen, "0.8");
    const lineOf = (runId: string, employeeId: string) => db.payLine.findUnique({ where: { runId_employeeId: { runId, employeeId } } });

    // A whole month: the band's base and 80 % of its performance base.
    expect(await lineOf(runs["2026-07"], whole.id)).toMatchObject({
      basePayFen: band.basePayFen,
      advanceFen: advance,
      performancePayFen: 0,
      totalFen: band.basePayFen + advance,
    });
    // The joiner: nothing in July, 20/31 of August (each amount rounded once), all of September.
    const joinerBand = await db.employee
      .findUniqueOrThrow({ where: { id: joiner.id }, select: { track: true, level: true } })
      .then((e) => db.payBand.findUniqueOrThrow({ where: { track_level: e } }));
    expect(await lineOf(runs["2026-07"], joiner.id)).toBeNull();
    const augustAdvance = proratedPerformancePay(joinerBand.performanceBaseFen, "0.8", 20, 31);
    expect(await lineOf(runs["2026-08"], joiner.id)).toMatchObject({
      basePayFen: prorateFen(joinerBand.basePayFen, 20, 31),
      advanceFen: augustAdvance,
    });
    const septemberAdvance = performancePay(joinerBand.performanceBaseFen, "0.8");

    // The payslip of a monthly line explains base and advance by days.
    const augustSlip = await getPayslip(db, hr, runs["2026-08"], joiner.id);
    expect(augustSlip?.monthly).toMatchObject({
      month: "2026-08",
      days: 20,
      monthDays: 31,
      base: { monthlyFen: joinerBand.basePayFen, amountFen: prorateFen(joinerBand.basePayFen, 20, 31) },
      advance: { monthlyFen: joinerBand.performanceBaseFen, rate: "0.8", amountFen: augustAdvance },
    });

    // The quarterly settlement: no base pay, performance pay minus the advances of the three months.
    const settlement = await createRun(db, preparer, period.id);
    const stored = await db.payRun.findUniqueOrThrow({ where: { id: settlement.id } });
    expect(stored.kind).toBe("settlement");
    const snapshot = JSON.parse(stored.paramsJson) as RunSnapshot;
    const wholeLine = (await lineOf(settlement.id, whole.id))!;
    const wholeInputs = JSON.parse(wholeLine.inputsJson) as { score: number };
    const coefficient = coefficientFor(snapshot.coefficients.bands, wholeInputs.score).coefficient;
    const wholePerformance = performancePay(band.performanceBaseFen * 3, coefficient);
    expect(wholeLine).toMatchObject({ basePayFen: 0, performancePayFen: wholePerformance, advancesDeductedFen: 3 * advance });
    expect(wholeLine.totalFen).toBe(wholePerformance + wholeLine.growthBonusFen + wholeLine.poolShareFen - 3 * advance);

    // The joiner: 20 + 30 of the quarter's 92 days, against two advances.
    const joinerLine = (await lineOf(settlement.id, joiner.id))!;
    const joinerCoefficient = coefficientFor(snapshot.coefficients.bands, (JSON.parse(joinerLine.inputsJson) as { score: number }).score);
    const joinerPerformance = proratedPerformancePay(joinerBand.performanceBaseFen * 3, joinerCoefficient.coefficient, 50, 92);
    expect(joinerLine).toMatchObject({
      basePayFen: 0,
      performancePayFen: joinerPerformance,
      advancesDeductedFen: augustAdvance + septemberAdvance,
    });
    expect(await verifyRun(db, settlement.id)).toEqual({ checked: true, identical: true, differing: 0 });

    // The payslip explains the settlement: performance pay minus the advances paid in each month.
    const slip = await getPayslip(db, hr, settlement.id, joiner.id);
    expect(slip?.explanation?.base).toMatchObject({ amountFen: 0, paidMonthly: true });
    expect(slip?.explanation?.settlement).toEqual({
      performancePayFen: joinerPerformance,
      advancesDeductedFen: augustAdvance + septemberAdvance,
      settlementFen: joinerPerformance - augustAdvance - septemberAdvance,
      advances: [
        { month: "2026-08", fen: augustAdvance },
        { month: "2026-09", fen: septemberAdvance },
      ],
    });

    // The budget check counts what the settlement pays: its lines' totals, net of the advances.
    const check = await runBudgetCheck(db, settlement.id);
    expect(check.year).toBe(2026);

    // The CSV carries the kind and the advance columns at the end.
    const csv = await payrollCsv(db, settlement.id);
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(header.endsWith(",calibrationReason,runKind,advance,advancesDeducted,settlement")).toBe(true);
    const no = (await db.employee.findUniqueOrThrow({ where: { id: whole.id }, select: { employeeNo: true } })).employeeNo;
    const row = rows.find((r) => r.startsWith(`${no},`))!.split(",");
    expect(row.slice(-4)).toEqual([
      "settlement",
      "0.00",
      ((3 * advance) / 100).toFixed(2),
      ((wholePerformance - 3 * advance) / 100).toFixed(2),
    ]);
    const monthlyCsv = await payrollCsv(db, runs["2026-07"]);
    expect(monthlyCsv).toContain(`,monthly,${(advance / 100).toFixed(2)},0.00,0.00\r\n`);

    // The employee's own list shows both kinds once they are locked.
    await lock(settlement.id);
    const mine = await myPayslips(db, joiner.id);
    expect(mine.map((p) => p.run.kind).sort()).toEqual(["monthly", "monthly", "settlement"]);
  });

  it("pays a leaver for the month's days up to their last day and leaves out someone who left before the month", async () => {
    await saveCadenceSetting(db, hr, { cadence: "monthly", advanceRateBp: 8000 });
    const people = await db.employee.findMany({
      where: { active: true, track: "skill", level: "S4", hireDate: { lt: new Date("2026-01-01T00:00:00Z") } },
      orderBy: { employeeNo: "asc" },
      select: { id: true },
      take: 4,
    });
    const [whole, leaver, gone, brief] = people;
    // Leaver: last day 10 October, 10 of 31 days. Gone: left 30 September. Brief: joined 5 October, left 24 October, 20 days.
    await db.employee.update({ where: { id: leaver.id }, data: { active: false, leftOn: new Date("2026-10-10T00:00:00Z") } });
    await db.employee.update({ where: { id: gone.id }, data: { active: false, leftOn: new Date("2026-09-30T00:00:00Z") } });
    await db.employee.update({
      where: { id: brief.id },
      data: { active: false, hireDate: new Date("2026-10-05T00:00:00Z"), leftOn: new Date("2026-10-24T00:00:00Z") },
    });
    const run = await createMonthlyRun(db, preparer, "2026-10");
    const lineOf = (employeeId: string) => db.payLine.findUnique({ where: { runId_employeeId: { runId: run.id, employeeId } } });
    const band = await db.payBand.findUniqueOrThrow({ where: { track_level: { track: "skill", level: "S4" } } });
    // The skill S4 band: ¥7,500.00 base and ¥4,500.00 performance base a month; the advance is 80 % of it, ¥3,600.00.
    expect(band).toMatchObject({ basePayFen: 750_000, performanceBaseFen: 450_000 });
    expect(await lineOf(whole.id)).toMatchObject({ basePayFen: 750_000, advanceFen: 360_000, totalFen: 1_110_000 });
    // 750,000 × 10/31 = 241,935.48… → 241,935; 360,000 × 10/31 = 116,129.03… → 116,129.
    expect(await lineOf(leaver.id)).toMatchObject({ basePayFen: 241_935, advanceFen: 116_129, totalFen: 358_064 });
    // 750,000 × 20/31 = 483,870.96… → 483,871; 360,000 × 20/31 = 232,258.06… → 232,258.
    expect(await lineOf(brief.id)).toMatchObject({ basePayFen: 483_871, advanceFen: 232_258, totalFen: 716_129 });
    expect(await lineOf(gone.id)).toBeNull();
    const slip = await getPayslip(db, hr, run.id, leaver.id);
    expect(slip?.monthly).toMatchObject({ days: 10, monthDays: 31, leftOn: "2026-10-10" });
    expect(await verifyRun(db, run.id)).toEqual({ checked: true, identical: true, differing: 0 });
  });
});
