import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { transitionRun } from "~/modules/pay/runs.server";
import { bandRatings } from "~/modules/pay/calibration";
import type { RunSnapshot } from "~/modules/pay/payroll";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";
import { payConfigFixture, payFixture } from "../pay-fixtures";

let app: Awaited<ReturnType<typeof testApp>>;
let hr: Client;
let employee: Client;
let colleague: Client;
let financeHead: Client;
let otherHead: Client;
let runId: string;
let own: string;
const PASSWORD = "a long approval password";
let hr2: string;
let hr3: string;
let hr1: string;

beforeAll(async () => {
  app = await testApp();
  const org = await demoOrg();
  await payConfigFixture(db, org.unitId);
  const { period } = await payFixture(db, org.unitId);
  own = org.employeeId.get("E000004")!;
  hr = await signedIn(app, await userFor("E000003"));
  employee = await signedIn(app, await userFor("E000004"));
  const fin = org.unitId.get("JC-GE-FIN")!;
  financeHead = await signedIn(app, await userFor("E000002"));
  const govHead = await db.employee.findFirstOrThrow({
    where: { unit: { code: "JC-GE-GOV" }, position: { code: "ROOM-HEAD" } },
    select: { employeeNo: true },
  });
  otherHead = await signedIn(app, await userFor(govHead.employeeNo, "dept_head", "JC-GE-GOV"));
  const created = await hr.post("/pay?index", { intent: "create", periodId: period.id });
  expect(created.status).toBe(302);
  runId = created.headers.get("location")!.split("/").pop()!;
  const colleagueLine = await db.payLine.findFirstOrThrow({
    where: { runId, unitId: fin, employeeId: { not: own } },
    select: { employee: { select: { employeeNo: true } } },
  });
  colleague = await signedIn(app, await userFor(colleagueLine.employee.employeeNo));
  hr1 = org.userId.get("E000003")!;
  hr2 = org.userId.get("E000005")!;
  hr3 = org.userId.get("E000182")!;
  const passwordHash = await hashPassword(PASSWORD);
  await db.user.update({ where: { id: hr2 }, data: { role: "hr_admin", passwordHash } });
  await db.user.update({ where: { id: hr3 }, data: { role: "hr_admin", passwordHash } });
});

const appeal = () => db.payAppeal.findUnique({ where: { runId_employeeId: { runId, employeeId: own } } });
const exportCsv = async () => (await hr.post(`/pay/runs/${runId}/payroll.csv`, {})).text();

describe("an employee's score and appeal", () => {
  it("the employee finds their score on /me/pay and sees its lines before the run is locked", async () => {
    expect(await (await employee.get("/me/pay")).text()).toContain(`/me/appeals/${runId}`);
    const page = await employee.get(`/me/appeals/${runId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toContain("no-store");
    const html = await page.text();
    expect(html).toContain('data-testid="payslip-kpis"');
    expect(html).toContain("提交申诉");
  });

  it("someone without a line in the run gets 404", async () => {
    expect((await hr.get(`/me/appeals/${runId}`)).status).toBe(404);
  });

  it("an appeal needs a reason; unknown fields are refused; nothing is written", async () => {
    expect((await employee.post(`/me/appeals/${runId}`, { intent: "appeal", reason: "" })).status).toBe(400);
    expect((await employee.post(`/me/appeals/${runId}`, { intent: "appeal", reason: "得分有误", employeeId: "x" })).status).toBe(400);
    expect(await appeal()).toBeNull();
  });

  it("is filed once, audited", async () => {
    const res = await employee.post(`/me/appeals/${runId}`, { intent: "appeal", reason: "客户保有率口径与实际划转不一致" });
    expect(res.status).toBe(302);
    expect((await appeal())?.status).toBe("open");
    expect((await employee.post(`/me/appeals/${runId}`, { intent: "appeal", reason: "再来一次" })).status).toBe(409);
    expect(await db.auditLog.count({ where: { action: "pay.appeal.create" } })).toBe(1);
  });
});

describe("deciding an appeal", () => {
  it("employees may not open the appeals page or decide: 403; a head outside the unit does not see it", async () => {
    const id = (await appeal())!.id;
    expect((await employee.get(`/pay/runs/${runId}/appeals`)).status).toBe(403);
    const body = { intent: "decideAppeal", appealId: id, outcome: "dismissed", reason: "自己决定" };
    expect((await colleague.post(`/pay/runs/${runId}/appeals`, body)).status).toBe(403);
    expect(await (await otherHead.get(`/pay/runs/${runId}/appeals`)).text()).not.toContain("E000004");
    expect((await otherHead.post(`/pay/runs/${runId}/appeals`, body)).status).toBe(404);
    expect((await appeal())?.status).toBe("open");
  });

  it("HR sees the open appeal on the run page; the run is locked with the line held and exported without it", async () => {
    const html = await (await hr.get(`/pay/runs/${runId}`)).text();
    expect(html).toContain('data-testid="appeal-summary"');
    expect(html).toContain("处理中的申诉 1 件");
    expect(html).toContain('data-testid="held-line"');
    await transitionRun(db, hr2, runId, "review");
    await transitionRun(db, hr3, runId, "approve", PASSWORD, "预算内");
    await transitionRun(db, hr1, runId, "lock");
    expect(await exportCsv()).not.toContain("E000004,");
  });

  it("the head of the unit decides with a reason; the line is released into the export and the payslip says so", async () => {
    const id = (await appeal())!.id;
    const noReason = await financeHead.post(`/pay/runs/${runId}/appeals`, {
      intent: "decideAppeal",
      appealId: id,
      outcome: "upheld",
      reason: "改判",
    });
    expect(noReason.status).toBe(400);
    const run = await db.payRun.findUniqueOrThrow({ where: { id: runId }, select: { paramsJson: true } });
    const line = await db.payLine.findUniqueOrThrow({ where: { runId_employeeId: { runId, employeeId: own } }, select: { rating: true } });
    const rating = bandRatings((JSON.parse(run.paramsJson) as RunSnapshot).coefficients.bands).find((r) => r !== line.rating)!;
    const res = await financeHead.post(`/pay/runs/${runId}/appeals`, {
      intent: "decideAppeal",
      appealId: id,
      outcome: "upheld",
      rating,
      reason: "按划转后口径复核，等级改判",
    });
    expect(res.status).toBe(302);
    expect((await appeal())?.status).toBe("upheld");
    expect(await exportCsv()).toContain("E000004,");
    const payslip = await (await employee.get(`/pay/payslips/${runId}/${own}`)).text();
    expect(payslip).toContain('data-testid="payslip-appeal"');
    expect(payslip).toContain("按划转后口径复核，等级改判");
    expect(await (await employee.get(`/me/appeals/${runId}`)).text()).toContain("申诉成立");
  });
});
