import { beforeAll, describe, expect, it } from "vitest";
import type { InValue } from "@libsql/client";
import { bulkWrite, db } from "~/utils/db.server";
import { exec } from "~/utils/sql.server";
import type { Actor } from "~/modules/auth/scope";
import { hashPassword } from "~/modules/auth/password.server";
import { demoOrg } from "../../../test/utils";
import { payConfigFixture, payFixture } from "../../../test/pay-fixtures";
import { decideAppeal, fileAppeal, setAppealWindow } from "./appeals.server";
import { budgetOverview, saveBudget } from "./budget.server";
import { bandRatings } from "./calibration";
import { createRun, transitionRun } from "./runs.server";
import { payrollRows } from "./views.server";
import type { RunSnapshot } from "./payroll";

let org: Awaited<ReturnType<typeof demoOrg>>;
let hr1: string;
let hr2: string;
let hr3: string;
let fin: { id: string; path: string };
let financeHead: Actor;
const PASSWORD = "a long approval password";
/** A statement past the application, with `?` placeholders on either database: the triggers answer. */
const straight = (sql: string, ...args: InValue[]) => bulkWrite(db, (tx) => exec(tx, sql, args));
const refused = (promise: Promise<unknown>, key: string) => expect(promise).rejects.toMatchObject({ key });
const hrActor = (userId: string): Actor => ({ userId, role: "hr_admin", employeeId: null, scopePath: null });
const employeeActor = (employeeId: string): Actor => ({ userId: `u-${employeeId}`, role: "employee", employeeId, scopePath: null });

beforeAll(async () => {
  org = await demoOrg();
  await payConfigFixture(db, org.unitId);
  hr1 = org.userId.get("E000003")!;
  hr2 = org.userId.get("E000005")!;
  hr3 = org.userId.get("E000182")!;
  const passwordHash = await hashPassword(PASSWORD);
  await db.user.update({ where: { id: hr2 }, data: { role: "hr_admin", passwordHash } });
  await db.user.update({ where: { id: hr3 }, data: { role: "hr_admin", passwordHash } });
  fin = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" }, select: { id: true, path: true } });
  financeHead = { userId: org.userId.get("E000002")!, role: "dept_head", employeeId: org.employeeId.get("E000002")!, scopePath: fin.path };
});

async function finLines(runId: string) {
  return db.payLine.findMany({
    where: { runId, unitId: fin.id },
    orderBy: { employee: { employeeNo: "asc" } },
    select: { employeeId: true, totalFen: true, performancePayFen: true, rating: true, employee: { select: { employeeNo: true } } },
  });
}

async function lock(runId: string) {
  await transitionRun(db, hr2, runId, "review");
  await transitionRun(db, hr3, runId, "approve", PASSWORD, "预算内");
  await transitionRun(db, hr1, runId, "lock");
}

describe("appeals against a run", () => {
  it("an employee appeals within the window only, once, and only their own line", async () => {
    const { period } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    const [a, b] = await finLines(run.id);
    await fileAppeal(db, employeeActor(a.employeeId), run.id, "客户收入数据漏录了一笔");
    await refused(fileAppeal(db, employeeActor(a.employeeId), run.id, "再申诉一次"), "pay.appeals.errors.already");
    // Someone without a line in the run has nothing to appeal.
    await expect(fileAppeal(db, employeeActor(org.employeeId.get("E000003")!), run.id, "不是我的行")).rejects.toMatchObject({
      status: 404,
    });
    // A one-day window computed two days ago has closed.
    await setAppealWindow(db, hrActor(hr1), period.id, 1);
    await db.payRun.update({ where: { id: run.id }, data: { computedAt: new Date(Date.now() - 2 * 86_400_000) } });
    await refused(fileAppeal(db, employeeActor(b.employeeId), run.id, "超过期限"), "pay.appeals.errors.pastDeadline");
    expect(await db.auditLog.count({ where: { action: "pay.appeal.create" } })).toBeGreaterThanOrEqual(1);
  });

  it("holds the line of an open appeal out of the export and the committed budget; deciding releases it as an adjustment", async () => {
    const { period } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    const [a, b] = await finLines(run.id);
    const finTotal = (await finLines(run.id)).reduce((s, l) => s + l.totalFen, 0);
    await saveBudget(db, hr1, { unitId: fin.id, year: 2026, amountFen: 10 * finTotal, basis: "allocation" });
    const committed = async () => (await budgetOverview(db, hrActor(hr1), 2026)).find((r) => r.unitId === fin.id)!.committedFen;
    const before = await committed();
    const appeal = await fileAppeal(db, employeeActor(a.employeeId), run.id, "评价类指标打分有误");
    await lock(run.id);
    await refused(fileAppeal(db, employeeActor(b.employeeId), run.id, "锁定后申诉"), "pay.appeals.errors.locked");

    // Locked with the line held: not in the payroll file, not committed.
    const rows = await payrollRows(db, run.id);
    expect(rows.map((r) => r.employeeNo)).not.toContain(a.employee.employeeNo);
    expect(rows.map((r) => r.employeeNo)).toContain(b.employee.employeeNo);
    expect(await committed()).toBe(before + finTotal - a.totalFen);

    // Nobody decides their own appeal; a head outside the unit cannot see it.
    const self: Actor = { userId: "self", role: "hr_admin", employeeId: a.employeeId, scopePath: null };
    await refused(
      decideAppeal(db, self, { appealId: appeal.id, outcome: "dismissed", reason: "自己驳回" }),
      "pay.appeals.errors.ownAppeal",
    );
    const gov = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-GOV" }, select: { path: true } });
    const otherHead: Actor = { userId: "gov", role: "dept_head", employeeId: null, scopePath: gov.path };
    await expect(decideAppeal(db, otherHead, { appealId: appeal.id, outcome: "dismissed", reason: "不在范围" })).rejects.toMatchObject({
      status: 404,
    });
    expect((await db.payAppeal.findUniqueOrThrow({ where: { id: appeal.id } })).status).toBe("open");

    // The head of the unit upholds it with a better rating: the difference is an adjustment, the line is released.
    const snapshot = JSON.parse((await db.payRun.findUniqueOrThrow({ where: { id: run.id } })).paramsJson) as RunSnapshot;
    const ratings = bandRatings(snapshot.coefficients.bands);
    const better = ratings[ratings.indexOf(a.rating!) + 1] ?? ratings[ratings.indexOf(a.rating!) - 1];
    const decided = await decideAppeal(db, financeHead, {
      appealId: appeal.id,
      outcome: "upheld",
      rating: better,
      reason: "复核后评价改判",
    });
    expect(decided.amountFen).not.toBe(0);
    const adjustment = await db.payAdjustment.findFirstOrThrow({ where: { runId: run.id, employeeId: a.employeeId } });
    expect(adjustment).toMatchObject({ amountFen: decided.amountFen, reason: "复核后评价改判", createdById: financeHead.userId });
    const stored = await db.payAppeal.findUniqueOrThrow({ where: { id: appeal.id } });
    expect(stored).toMatchObject({ status: "upheld", fromRating: a.rating, toRating: better, adjustmentId: adjustment.id });
    const released = (await payrollRows(db, run.id)).find((r) => r.employeeNo === a.employee.employeeNo);
    expect(released).toMatchObject({ adjustmentsFen: decided.amountFen, totalFen: a.totalFen + decided.amountFen });
    expect(await committed()).toBe(before + finTotal + decided.amountFen);
    expect(await db.auditLog.count({ where: { action: "pay.appeal.uphold", entityId: appeal.id } })).toBe(1);
    await refused(
      decideAppeal(db, hrActor(hr1), { appealId: appeal.id, outcome: "dismissed", reason: "再决定" }),
      "pay.appeals.errors.decided",
    );
    // The database keeps the decision too.
    await expect(straight(`UPDATE "PayAppeal" SET "status" = 'open' WHERE "id" = ?`, appeal.id)).rejects.toThrow(/decided appeal/);
    await expect(straight(`DELETE FROM "PayAppeal" WHERE "id" = ?`, appeal.id)).rejects.toThrow(/appeals are kept/);
  });

  it("upheld in a draft, the rating moves through calibration; dismissed, the line stays as computed", async () => {
    const { period } = await payFixture(db, org.unitId);
    const run = await createRun(db, hr1, period.id);
    const [a, b] = await finLines(run.id);
    const up = await fileAppeal(db, employeeActor(a.employeeId), run.id, "等级有误");
    const down = await fileAppeal(db, employeeActor(b.employeeId), run.id, "得分偏低");
    const snapshot = JSON.parse((await db.payRun.findUniqueOrThrow({ where: { id: run.id } })).paramsJson) as RunSnapshot;
    const ratings = bandRatings(snapshot.coefficients.bands);
    const other = ratings.find((r) => r !== a.rating)!;
    await decideAppeal(db, hrActor(hr1), { appealId: up.id, outcome: "upheld", rating: other, reason: "校准改判" });
    const line = await db.payLine.findUniqueOrThrow({ where: { runId_employeeId: { runId: run.id, employeeId: a.employeeId } } });
    expect(line.rating).toBe(other);
    expect(await db.payCalibration.count({ where: { runId: run.id, employeeId: a.employeeId, toRating: other } })).toBe(1);
    expect(await db.payAdjustment.count({ where: { runId: run.id } })).toBe(0);
    await decideAppeal(db, financeHead, { appealId: down.id, outcome: "dismissed", reason: "得分按实际完成值计算，无误" });
    expect((await db.payAppeal.findUniqueOrThrow({ where: { id: down.id } })).status).toBe("dismissed");
    expect((await payrollRows(db, run.id)).map((r) => r.employeeNo)).toContain(b.employee.employeeNo);
  });
});
