import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, TEST_PASSWORD, userFor, type Client } from "../utils";
import { payConfigFixture, payFixture } from "../pay-fixtures";
import { getPayslip } from "~/modules/pay/views.server";

let app: Awaited<ReturnType<typeof testApp>>;
let hr: Client;
let hr2: Client;
let hr3: Client;
let employee: Client;
let financeHead: Client;
let runId: string;
let own: string;
let financeColleague: string;
let outsideFinance: string;

beforeAll(async () => {
  app = await testApp();
  const org = await demoOrg();
  await payConfigFixture(db, org.unitId);
  const { period, managers } = await payFixture(db, org.unitId);
  const fin = org.unitId.get("JC-GE-FIN")!;
  const units = new Map(
    (await db.employee.findMany({ where: { id: { in: managers.map((m) => m.id) } }, select: { id: true, unitId: true } })).map((e) => [
      e.id,
      e.unitId,
    ]),
  );
  own = org.employeeId.get("E000004")!;
  financeColleague = managers.find((m) => m.id !== own && units.get(m.id) === fin)!.id;
  outsideFinance = managers.find((m) => units.get(m.id) !== fin)!.id;
  hr = await signedIn(app, await userFor("E000003"));
  hr2 = await signedIn(app, await userFor("E000005", "hr_admin"));
  hr3 = await signedIn(app, await userFor("E000182", "hr_admin"));
  employee = await signedIn(app, await userFor("E000004"));
  financeHead = await signedIn(app, await userFor("E000002"));
  const created = await hr.post("/pay?index", { intent: "create", periodId: period.id });
  expect(created.status).toBe(302);
  runId = created.headers.get("location")!.split("/").pop()!;
});

const status = async () => (await db.payRun.findUniqueOrThrow({ where: { id: runId } })).status;

describe("pay routes", () => {
  it("refuses employees the run pages and every step (403), and unknown fields (400)", async () => {
    expect((await employee.get("/pay")).status).toBe(403);
    expect((await employee.get(`/pay/runs/${runId}`)).status).toBe(403);
    expect((await employee.post("/pay?index", { intent: "create", periodId: "x" })).status).toBe(403);
    expect((await employee.post(`/pay/runs/${runId}`, { intent: "review" })).status).toBe(403);
    expect((await employee.post(`/pay/runs/${runId}`, { intent: "approve", password: TEST_PASSWORD })).status).toBe(403);
    expect((await employee.post(`/pay/runs/${runId}/payroll.csv`, {})).status).toBe(403);
    expect((await financeHead.post(`/pay/runs/${runId}`, { intent: "review" })).status).toBe(403);
    expect((await financeHead.post(`/pay/runs/${runId}/payroll.csv`, {})).status).toBe(403);
    expect((await hr.post("/pay?index", { intent: "create", periodId: "x", amountFen: "1" })).status).toBe(400);
    expect(await status()).toBe("draft");
  });

  it("sends no-store on pay pages", async () => {
    const page = await hr.get(`/pay/runs/${runId}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect((await hr.get("/pay")).headers.get("cache-control")).toBe("no-store");
  });

  it("keeps the preparer from reviewing and the reviewer from approving, asks the approver's password, then locks", async () => {
    const own = await hr.post(`/pay/runs/${runId}`, { intent: "review" });
    expect(own.status).toBe(400);
    expect(await status()).toBe("draft");
    expect((await hr2.post(`/pay/runs/${runId}`, { intent: "review" })).status).toBe(302);
    expect(await status()).toBe("reviewed");
    expect((await hr.post(`/pay/runs/${runId}`, { intent: "approve", password: TEST_PASSWORD })).status).toBe(400);
    const byReviewer = await hr2.post(`/pay/runs/${runId}`, { intent: "approve", password: TEST_PASSWORD });
    expect(byReviewer.status).toBe(400);
    expect(await byReviewer.text()).toContain("pay.errors.reviewerCannotApprove");
    expect((await hr3.post(`/pay/runs/${runId}`, { intent: "approve", password: "not my password" })).status).toBe(400);
    expect((await hr3.post(`/pay/runs/${runId}`, { intent: "approve" })).status).toBe(400);
    expect(await status()).toBe("reviewed");
    expect((await hr3.post(`/pay/runs/${runId}`, { intent: "approve", password: TEST_PASSWORD })).status).toBe(302);
    expect(await status()).toBe("approved");
    expect((await hr2.post(`/pay/runs/${runId}`, { intent: "lock" })).status).toBe(302);
    expect(await status()).toBe("locked");
    expect((await hr.post(`/pay/runs/${runId}`, { intent: "recompute" })).status).toBe(400);
    expect((await hr2.post(`/pay/runs/${runId}`, { intent: "sendBack" })).status).toBe(400);
    expect(await status()).toBe("locked");
  });

  it("shows an employee their own payslip, explained, and nobody else's (404)", async () => {
    const mine = await employee.get(`/pay/payslips/${runId}/${own}`);
    expect(mine.status).toBe(200);
    expect(mine.headers.get("cache-control")).toBe("no-store");
    const html = await mine.text();
    expect(html).toContain("绩效工资 = 基数");
    expect(html).toContain("数量奖");
    expect((await employee.get(`/pay/payslips/${runId}/${financeColleague}`)).status).toBe(404);
    expect((await employee.get(`/pay/payslips/${runId}/${outsideFinance}`)).status).toBe(404);
    expect((await employee.get("/me/pay")).status).toBe(200);
    const whatIf = await employee.get(`/pay/payslips/${runId}/${own}?kpi=REVENUE&pct=110`);
    expect(await whatIf.text()).toContain('data-testid="what-if-total"');
  });

  it("writes contribution points in the units shown, with separators, on the payslip and the run", async () => {
    const slip = (await getPayslip(
      db,
      { userId: "", role: "hr_admin", employeeId: null, scopeUnitId: null, scopeUnitPath: null, mayView: true } as never,
      runId,
      own,
    ))!;
    const pool = slip.explanation!.pools[0];
    expect(pool.points).toBe(pool.score * pool.postValue);
    // Points are hundredths × post value: 87.71 × 110 reads 9,648.10, never the internal 964,810.
    const shown = (scaled: number) => `${Math.floor(scaled / 100).toLocaleString("en-US")}.${String(scaled % 100).padStart(2, "0")}`;
    const html = await (await employee.get(`/pay/payslips/${runId}/${own}`)).text();
    expect(html).toContain(
      `您的贡献点 ${shown(pool.points)} ÷ 全体贡献点 ${shown(pool.totalPoints)}（贡献点 = 得分 ${(pool.score / 100).toFixed(2)} × 岗位价值 ${pool.postValue}）`,
    );
    expect(html).not.toContain(`贡献点 ${pool.points.toLocaleString("en-US")} `);
    expect(pool.totalPoints).toBeGreaterThan(1_000_000);
    const run = await (await hr.get(`/pay/runs/${runId}`)).text();
    expect(run).toContain(`贡献点合计 ${shown(pool.totalPoints)}`);
    expect(run).not.toContain(`贡献点合计 ${pool.totalPoints}`);
  });

  it("refuses a blank or out-of-range what-if visibly, keeping what was typed, and its rows add up to the total", async () => {
    const blank = await (await employee.get(`/pay/payslips/${runId}/${own}?kpi=REVENUE&pct=`)).text();
    expect(blank).toContain('data-testid="what-if-error"');
    expect(blank).toContain("请填写完成目标的百分比");
    expect(blank).not.toContain('data-testid="what-if-result"');
    const huge = await (await employee.get(`/pay/payslips/${runId}/${own}?kpi=REVENUE&pct=1000`)).text();
    expect(huge).toContain("百分比须为 0 到 300 之间的整数");
    expect(huge).toMatch(/id="pct"[^>]*value="1000"/);
    expect(huge).not.toContain('data-testid="what-if-result"');
    expect(await (await employee.get(`/pay/payslips/${runId}/${own}?kpi=REVENUE&pct=12.5`)).text()).toContain(
      'data-testid="what-if-error"',
    );

    const html = await (await employee.get(`/pay/payslips/${runId}/${own}?kpi=REVENUE&pct=110`)).text();
    const table = html.slice(
      html.indexOf('data-testid="what-if-result"'),
      html.indexOf("</table>", html.indexOf('data-testid="what-if-result"')),
    );
    expect(table).toContain("基本工资");
    // Every money cell of a column, rows then total: the rows add up to the total.
    const yuan = (cell: string) => Math.round(Number(cell.replace(/[¥,]/g, "")) * 100);
    const rows = [...table.matchAll(/<tr[^>]*><th scope="row">([^<]*)<\/th><td[^>]*>([^<]*)<\/td><td[^>]*>([^<]*)<\/td><\/tr>/g)].map(
      (m) => [m[1], m[2], m[3]],
    );
    const money = rows.filter((r) => r[1].includes("¥"));
    expect(money.length).toBe(5);
    for (const column of [1, 2]) {
      const cells = money.map((r) => yuan(r[column]));
      expect(cells.slice(0, -1).reduce((a, b) => a + b, 0)).toBe(cells[cells.length - 1]);
    }
  });

  it("lets HR choose what the tolerance deducts and what pool growth compares with", async () => {
    const editor = await (await hr.get("/pay/schemes/SUBS-GROWTH")).text();
    expect(editor).toContain("欠费用户的终端成本");
    const growth = {
      intent: "save",
      code: "SUBS-GROWTH",
      nameZh: "用户发展奖励",
      nameEn: "Subscriber-growth bonus",
      active: "on",
      positionCodes: "AM",
      newSubscribersKpi: "NEW_SUBS_3M",
      unitReward: "50",
      revenue6mKpi: "REV_IN_NET_6M",
      k1: "0.02",
      revenue2yKpi: "REV_IN_NET_2Y",
      subsidyKpi: "HANDSET_SUBSIDY",
      k2: "0.05",
      arrearsKpi: "ARREARS",
      arrearsRateFrom: "kpi",
      arrearsRateKpi: "ARREARS_RATE",
      arrearsThreshold: "5",
      arrearsPolicy: "fine",
      fineRate: "0.1",
      arrearsDeduction: "handsetCost",
    };
    const refused = await hr.post("/pay/schemes/SUBS-GROWTH", growth);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("请选择指标");
    expect((await hr.post("/pay/schemes/SUBS-GROWTH", { ...growth, arrearsHandsetKpi: "ARREARS_HANDSET" })).status).toBe(302);
    const saved = await db.payScheme.findFirstOrThrow({
      where: { code: "SUBS-GROWTH" },
      orderBy: { version: "desc" },
      select: { paramsJson: true },
    });
    expect(JSON.parse(saved.paramsJson)).toMatchObject({ arrearsDeduction: "handsetCost", arrearsHandsetKpi: "ARREARS_HANDSET" });
    // Deriving the rate from the amounts needs the billed amount's KPI, and then no rate KPI.
    expect(
      (await hr.post("/pay/schemes/SUBS-GROWTH", { ...growth, arrearsHandsetKpi: "ARREARS_HANDSET", arrearsRateFrom: "amounts" })).status,
    ).toBe(400);
    expect(
      (
        await hr.post("/pay/schemes/SUBS-GROWTH", {
          ...growth,
          arrearsHandsetKpi: "ARREARS_HANDSET",
          arrearsRateFrom: "amounts",
          arrearsRateKpi: "",
          billedKpi: "REVENUE",
        })
      ).status,
    ).toBe(302);
    const derived = await db.payScheme.findFirstOrThrow({
      where: { code: "SUBS-GROWTH" },
      orderBy: { version: "desc" },
      select: { paramsJson: true },
    });
    expect(JSON.parse(derived.paramsJson)).toMatchObject({ arrearsRateFrom: "amounts", billedKpi: "REVENUE" });
    expect(JSON.parse(derived.paramsJson).arrearsRateKpi).toBeUndefined();
    // Back to the rate KPI for the tests that follow.
    expect((await hr.post("/pay/schemes/SUBS-GROWTH", { ...growth, arrearsHandsetKpi: "ARREARS_HANDSET" })).status).toBe(302);

    const fin = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" } });
    const pool = {
      intent: "save",
      code: "POOL-FIN-2",
      nameZh: "金融室奖金池",
      nameEn: "Finance pool",
      active: "on",
      unitId: fin.id,
      revenueKpi: "REVENUE",
      comparison: "samePeriodLastYear",
      lastYearRevenue: "0",
      basePool: "100",
      growthRate: "0.01",
      cap: "1000",
    };
    expect((await hr.post("/pay/schemes/new?kind=deptPool", pool)).status).toBe(302);
    const stored = await db.payScheme.findFirstOrThrow({ where: { code: "POOL-FIN-2" }, select: { paramsJson: true } });
    expect(JSON.parse(stored.paramsJson)).toMatchObject({ comparison: "samePeriodLastYear" });
    await db.payScheme.updateMany({ where: { code: "POOL-FIN-2" }, data: { active: false } });
  });

  it("shows a head their scope only", async () => {
    expect((await financeHead.get(`/pay/payslips/${runId}/${financeColleague}`)).status).toBe(200);
    expect((await financeHead.get(`/pay/payslips/${runId}/${outsideFinance}`)).status).toBe(404);
    const run = await (await financeHead.get(`/pay/runs/${runId}`)).text();
    const outsider = await db.employee.findUniqueOrThrow({ where: { id: outsideFinance } });
    expect(run).not.toContain(outsider.employeeNo);
    expect(run).not.toContain('data-testid="run-total"');
  });

  it("exports the payroll CSV to HR, with every line, by POST only (a GET writes nothing, so it exports nothing)", async () => {
    const audits = await db.auditLog.count({ where: { action: "pay.run.export", entityId: runId } });
    const get = await hr.get(`/pay/runs/${runId}/payroll.csv`);
    expect(get.status).toBe(405);
    expect(await db.auditLog.count({ where: { action: "pay.run.export", entityId: runId } })).toBe(audits);
    const csv = await hr.post(`/pay/runs/${runId}/payroll.csv`, {});
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const rows = (await csv.text()).trim().split("\r\n");
    expect(rows[0]).toContain("employeeNo,name,unit");
    expect(rows.length - 1).toBe(await db.payLine.count({ where: { runId } }));
    expect(await db.auditLog.count({ where: { action: "pay.run.export", entityId: runId } })).toBe(audits + 1);
  });

  it("adds a correction to the locked run with a reason, and refuses one without", async () => {
    expect((await hr.post(`/pay/runs/${runId}`, { intent: "adjust", employeeNo: "E000004", amount: "-150.50", reason: "" })).status).toBe(
      400,
    );
    expect(
      (await hr.post(`/pay/runs/${runId}`, { intent: "adjust", employeeNo: "E000004", amount: "-150.505", reason: "Revenue restated" }))
        .status,
    ).toBe(400);
    expect(
      (await hr.post(`/pay/runs/${runId}`, { intent: "adjust", employeeNo: "E000004", amount: "-150.50", reason: "Revenue restated" }))
        .status,
    ).toBe(302);
    const adjustment = await db.payAdjustment.findFirstOrThrow({ where: { runId } });
    expect(adjustment.amountFen).toBe(-15050);
    expect(
      (await employee.post(`/pay/runs/${runId}`, { intent: "adjust", employeeNo: "E000004", amount: "9999", reason: "I deserve it" }))
        .status,
    ).toBe(403);
  });
});
