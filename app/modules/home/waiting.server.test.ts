import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/modules/auth/scope";
import { createSurvey, launchSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { whatWaits } from "./waiting.server";

let org: Awaited<ReturnType<typeof demoOrg>>;
const actor = async (employeeNo: string, role: Actor["role"] = "employee"): Promise<Actor> => {
  const employee = await db.employee.findUniqueOrThrow({ where: { employeeNo }, select: { id: true } });
  const user = await db.user.findUniqueOrThrow({ where: { employeeId: employee.id }, select: { id: true } });
  return { userId: user.id, role, employeeId: employee.id, scopePath: null };
};

beforeAll(async () => {
  org = await demoOrg();
});

describe("what waits on the home page", () => {
  it("shows an invited employee the open survey and their newest payslip, and no one else's work", async () => {
    const hr = org.userId.get("E000003")!;
    const survey = await createSurvey(db, hr, {
      templateId: "pulse",
      opensAt: new Date(Date.now() - 60_000),
      closesAt: new Date(Date.now() + 7 * 86_400_000),
      population: { unitIds: [org.unitId.get("JC-GE")!], tracks: [] },
    });
    await launchSurvey(db, hr, survey.id);
    const me = await actor("E000004");
    const employee = await db.employee.findUniqueOrThrow({ where: { id: me.employeeId! }, select: { unitId: true } });
    const period = await db.appraisalPeriod.create({
      data: { code: "HOME-Q", kind: "quarter", startsOn: new Date("2026-07-01Z"), endsOn: new Date("2026-09-30Z"), status: "closed" },
    });
    const run = await db.payRun.create({
      data: {
        periodId: period.id,
        periodCode: "HOME-Q",
        status: "draft",
        paramsJson: "{}",
        preparedById: hr,
        computedAt: new Date(),
      },
    });
    await db.payLine.create({
      data: {
        runId: run.id,
        employeeId: me.employeeId!,
        unitId: employee.unitId,
        basePayFen: 1,
        performancePayFen: 0,
        growthBonusFen: 0,
        poolShareFen: 0,
        totalFen: 1,
        inputsJson: "{}",
      },
    });
    await db.payRun.update({ where: { id: run.id }, data: { status: "locked", lockedAt: new Date(Date.now() - 86_400_000) } });

    const items = await whatWaits(db, me);
    expect(items.find((i) => i.kind === "survey")).toMatchObject({ id: survey.id, opened: false });
    expect(items.find((i) => i.kind === "payslip")).toMatchObject({ runId: run.id, employeeId: me.employeeId, periodCode: "HOME-Q" });
    expect(items.some((i) => i.kind === "payRun" || i.kind === "suggestions" || i.kind === "nominations")).toBe(false);
    // Someone outside the survey's population is not told about it.
    const outsider = await db.employee.findFirstOrThrow({
      where: {
        unit: { path: { not: { startsWith: (await db.unit.findUniqueOrThrow({ where: { id: org.unitId.get("JC-GE")! } })).path } } },
      },
      select: { employeeNo: true },
    });
    expect((await whatWaits(db, await actor(outsider.employeeNo))).some((i) => i.kind === "survey" && i.id === survey.id)).toBe(false);
  });

  it("offers a pay run's next step only to HR people who may take it (never the one who prepared or reviewed it)", async () => {
    const preparer = await actor("E000003", "hr_admin");
    const other = org.userId.get("E000182") ? await actor("E000182", "hr_admin") : null;
    expect(other).not.toBeNull();
    const period = await db.appraisalPeriod.create({
      data: { code: "HOME-RUN", kind: "quarter", startsOn: new Date("2026-04-01Z"), endsOn: new Date("2026-06-30Z"), status: "closed" },
    });
    const run = await db.payRun.create({
      data: {
        periodId: period.id,
        periodCode: "HOME-RUN",
        status: "draft",
        paramsJson: "{}",
        preparedById: preparer.userId,
        computedAt: new Date(),
      },
    });
    const stepFor = async (a: Actor) => (await whatWaits(db, a)).find((i) => i.kind === "payRun" && i.id === run.id);
    expect(await stepFor(preparer)).toBeUndefined();
    expect(await stepFor(other!)).toMatchObject({ step: "review" });
    await db.payRun.update({ where: { id: run.id }, data: { status: "reviewed", reviewedById: other!.userId } });
    expect(await stepFor(preparer)).toBeUndefined();
    expect(await stepFor(other!)).toBeUndefined();
    const third = await actor("E000183", "hr_admin");
    expect(await stepFor(third)).toMatchObject({ step: "approve" });
    // Not HR: nothing about pay runs at all.
    expect(await stepFor({ ...third, role: "dept_head", scopePath: "/" })).toBeUndefined();
  });

  it("tells a handler how many suggestions assigned to them wait for an answer", async () => {
    const head = await actor("E000001", "dept_head");
    const unit = org.unitId.get("JC-GE")!;
    for (const status of ["new", "under_review", "implemented"])
      await db.suggestion.create({
        data: {
          id: crypto.randomUUID(),
          title: "t",
          body: "b",
          category: "other",
          unitId: unit,
          anonymous: true,
          period: "2026-12",
          status,
          ownerUserId: head.userId,
        },
      });
    expect((await whatWaits(db, head)).find((i) => i.kind === "suggestions")).toMatchObject({ count: 2 });
    expect((await whatWaits(db, { ...head, role: "employee" })).some((i) => i.kind === "suggestions")).toBe(false);
  });

  it("asks heads and HR to decide open score appeals in their scope, never their own", async () => {
    const hr = await actor("E000003", "hr_admin");
    const appellant = await actor("E000004");
    const employee = await db.employee.findUniqueOrThrow({ where: { id: appellant.employeeId! }, select: { unitId: true } });
    const period = await db.appraisalPeriod.create({
      data: { code: "HOME-APPEAL", kind: "quarter", startsOn: new Date("2026-01-01Z"), endsOn: new Date("2026-03-31Z"), status: "closed" },
    });
    const run = await db.payRun.create({
      data: {
        periodId: period.id,
        periodCode: "HOME-APPEAL",
        status: "draft",
        paramsJson: "{}",
        preparedById: hr.userId,
        computedAt: new Date(),
      },
    });
    await db.payAppeal.create({
      data: {
        runId: run.id,
        employeeId: appellant.employeeId!,
        unitId: employee.unitId,
        reason: "r",
        createdById: appellant.userId,
        createdAt: new Date(),
      },
    });
    const find = async (a: Actor) => (await whatWaits(db, a)).find((i) => i.kind === "appeals" && i.runId === run.id);
    expect(await find(hr)).toMatchObject({ count: 1, periodCode: "HOME-APPEAL" });
    expect(await find({ ...appellant, role: "hr_admin" })).toBeUndefined();
    expect(await find(appellant)).toBeUndefined();
    const elsewhere = await db.unit.findFirstOrThrow({ where: { id: { not: employee.unitId }, kind: "room" }, select: { path: true } });
    expect(await find({ ...hr, role: "dept_head", scopePath: elsewhere.path })).toBeUndefined();
  });
});
