import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { seedKpiDemo } from "../../prisma/seed/kpi";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let hr: Client;
let employee: Client;
let financeHead: Client;
let otherHead: Client;
let current: string;
const id: Record<string, string> = {};

beforeAll(async () => {
  app = await testApp();
  const ctx = await demoOrg();
  await seedKpiDemo(ctx, new Date("2026-11-15T00:00:00Z"));
  current = (await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q4" } })).id;
  for (const no of ["E000003", "E000004", "E000005", "E000002"]) id[no] = ctx.employeeId.get(no)!;
  const govHead = await db.employee.findFirstOrThrow({
    where: { unit: { code: "JC-GE-GOV" }, position: { code: "ROOM-HEAD" } },
    select: { employeeNo: true },
  });
  hr = await signedIn(app, await userFor("E000003"));
  employee = await signedIn(app, await userFor("E000004"));
  financeHead = await signedIn(app, await userFor("E000002", "dept_head", "JC-GE-FIN"));
  otherHead = await signedIn(app, await userFor(govHead.employeeNo, "dept_head", "JC-GE-GOV"));
});

const planUrl = (employeeId: string) => `/kpi/periods/${current}/employees/${employeeId}`;

describe("who may read a plan", () => {
  it("an employee reads their own plan, on /me/performance and on the plan page", async () => {
    const me = await employee.get("/me/performance");
    expect(me.status).toBe(200);
    const html = await me.text();
    expect(html).toContain("新签合同收入");
    expect(html).toContain("基础工作");
    expect((await employee.get(planUrl(id.E000004))).status).toBe(200);
  });

  it("an employee cannot read another's plan: 404", async () => {
    expect((await employee.get(planUrl(id.E000005))).status).toBe(404);
  });

  it("a head reads plans in their room, and gets 404 for another room's", async () => {
    expect((await financeHead.get(planUrl(id.E000004))).status).toBe(200);
    expect((await otherHead.get(planUrl(id.E000004))).status).toBe(404);
  });

  it("a head's period overview lists only their scope", async () => {
    const html = await (await otherHead.get(`/kpi/periods/${current}`)).text();
    expect(html).not.toContain("刘洋");
    expect(await (await financeHead.get(`/kpi/periods/${current}`)).text()).toContain("刘洋");
  });
});

describe("who may manage KPIs", () => {
  it("an employee is refused every KPI management page and action: 403", async () => {
    for (const url of [
      "/kpi",
      "/kpi/library",
      `/kpi/periods/${current}`,
      `/kpi/periods/${current}/import`,
      `/kpi/periods/${current}/allocate`,
      `/kpi/periods/${current}/joint`,
    ]) {
      expect((await employee.get(url)).status, url).toBe(403);
    }
    expect((await employee.post("/kpi", { code: "2027-01", kind: "month", startsOn: "2027-01-01", endsOn: "2027-01-31" })).status).toBe(
      403,
    );
    expect(
      (await employee.post(`/kpi/periods/${current}/import`, { text: "employeeNo,kpiCode,value\nE000004,NEW_CONTRACT_REV,9999999\n" }))
        .status,
    ).toBe(403);
    expect(await db.appraisalPeriod.count({ where: { code: "2027-01" } })).toBe(0);
  });

  it("an employee cannot record their own actual, only a check-in", async () => {
    const kpi = await db.kpi.findUniqueOrThrow({ where: { code: "NEW_CONTRACT_REV" } });
    expect((await employee.post(planUrl(id.E000004), { intent: "actual", kpiId: kpi.id, value: "9999999" })).status).toBe(403);
    expect((await employee.post("/me/performance", { intent: "actual", kpiId: kpi.id, value: "9999999" })).status).toBe(403);
    const response = await employee.post("/me/performance", {
      intent: "checkin",
      heldOn: "2026-11-20",
      notes: "我想调整重点客户拜访计划",
      actions: "",
    });
    expect(response.status).toBe(302);
    expect(await db.kpiCheckIn.count({ where: { employeeId: id.E000004, notes: "我想调整重点客户拜访计划" } })).toBe(1);
  });

  it("a head cannot manage KPIs (403) but may rate a rated KPI in scope", async () => {
    expect((await financeHead.post("/kpi", { code: "2027-02", kind: "month", startsOn: "2027-02-01", endsOn: "2027-02-28" })).status).toBe(
      403,
    );
    const rating = await db.kpi.findUniqueOrThrow({ where: { code: "COLLABORATION_RATING" } });
    expect((await financeHead.post(planUrl(id.E000005), { intent: "actual", kpiId: rating.id, value: "5" })).status).toBe(302);
    const stored = await db.kpiActual.findUniqueOrThrow({
      where: { periodId_employeeId_kpiId: { periodId: current, employeeId: id.E000005, kpiId: rating.id } },
    });
    expect(stored.value).toBe(5n);
    expect((await otherHead.post(planUrl(id.E000005), { intent: "actual", kpiId: rating.id, value: "1" })).status).toBe(404);
  });
});

describe("HR", () => {
  it("creates a period; unknown fields are refused", async () => {
    expect(
      (await hr.post("/kpi", { code: "2027-01", kind: "month", startsOn: "2027-01-01", endsOn: "2027-01-31", status: "closed" })).status,
    ).toBe(400);
    const created = await hr.post("/kpi", { code: "2027-01", kind: "month", startsOn: "2027-01-01", endsOn: "2027-01-31" });
    expect(created.status).toBe(302);
    expect(await db.appraisalPeriod.findUnique({ where: { code: "2027-01" } })).toMatchObject({ status: "open", kind: "month" });
  });

  it("imports a CSV all or nothing, with row numbers", async () => {
    const url = `/kpi/periods/${current}/import`;
    const bad = await hr.post(url, { text: "employeeNo,kpiCode,value\nE000004,NEW_CONTRACT_REV,900000\nE000004,ARREARS_RATE,abc\n" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/<td[^>]*>3<\/td><td[^>]*>value<\/td>/);
    const kpi = await db.kpi.findUniqueOrThrow({ where: { code: "NEW_CONTRACT_REV" } });
    const key = { periodId_employeeId_kpiId: { periodId: current, employeeId: id.E000004, kpiId: kpi.id } };
    const before = (await db.kpiActual.findUnique({ where: key }))?.value;
    expect(before).not.toBe(90_000_000n);
    const good = await hr.post(url, { text: "employeeNo,kpiCode,value\nE000004,NEW_CONTRACT_REV,900000\nE000004,ARREARS_RATE,4.5\n" });
    expect(good.status).toBe(200);
    expect((await db.kpiActual.findUniqueOrThrow({ where: key })).value).toBe(90_000_000n);
  });

  it("sees the missing actual on the period overview", async () => {
    const html = await (await hr.get(`/kpi/periods/${current}`)).text();
    expect(html).toContain('data-testid="missing-actuals"');
    expect(html).toContain("CUSTOMER_SATISFACTION");
  });

  it("saves a plan whose weights total 100 and refuses one that does not", async () => {
    const position = await db.position.findUniqueOrThrow({ where: { code: "PM" } });
    const kpis = await db.kpi.findMany({ where: { kind: "quantitative", unit: "bp", direction: "higher" }, select: { id: true } });
    const lines = (weights: number[]) =>
      Object.fromEntries(
        weights.flatMap((w, i) => [
          [`lines[${i}].kpiId`, kpis[i].id],
          [`lines[${i}].weight`, String(w)],
          [`lines[${i}].threshold`, "80"],
          [`lines[${i}].target`, "95"],
          [`lines[${i}].stretch`, "99"],
          [`lines[${i}].cap`, "120"],
        ]),
      );
    const url = `/kpi/periods/${current}/plans/${position.id}`;
    const wrong = await hr.post(url, { intent: "plan", ...lines([50, 40]) });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("权重合计须为 100，目前为 90");
    expect((await hr.post(url, { intent: "plan", ...lines([60, 40]) })).status).toBe(302);
    const plan = await db.kpiPlan.findUniqueOrThrow({
      where: { periodId_positionId: { periodId: current, positionId: position.id } },
      select: { items: { select: { weight: true, target: true } } },
    });
    expect(plan.items.map((i) => i.weight).sort()).toEqual([40, 60]);
    expect(plan.items[0].target).toBe(9_500n);
  });

  it("compares equal and baseline splits of a room target, and commits one that sums exactly", async () => {
    const room = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" } });
    const kpi = await db.kpi.findUniqueOrThrow({ where: { code: "NEW_CONTRACT_REV" } });
    const query = `unitId=${room.id}&kpiId=${kpi.id}&total=10000000.01&revenueWeight=70`;
    const page = await hr.get(`/kpi/periods/${current}/allocate?${query}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("平均分解");
    expect(html).toContain("按客户基础分解");
    expect((await employee.post(`/kpi/periods/${current}/allocate?${query}`, { intent: "commit", split: "byBaseline" })).status).toBe(403);
    expect((await hr.post(`/kpi/periods/${current}/allocate?${query}`, { intent: "commit", split: "byBaseline" })).status).toBe(302);
    const adjusted = await db.kpiAdjustment.findMany({
      where: { periodId: current, kpiId: kpi.id, employee: { unitId: room.id } },
      select: { target: true },
    });
    const ams = await db.employee.count({ where: { unitId: room.id, active: true, position: { code: "AM" } } });
    expect(adjusted).toHaveLength(ams);
    expect(adjusted.reduce((a, r) => a + r.target!, 0n)).toBe(1_000_000_001n);
    expect(new Set(adjusted.map((r) => r.target)).size).toBeGreaterThan(1);
  });

  it("creates a joint KPI only with shares totalling 100 for people whose plan has the KPI", async () => {
    const kpi = await db.kpi.findUniqueOrThrow({ where: { code: "ICT_PROJECT_REV" } });
    const pair = await db.employee.findMany({
      where: { unit: { code: "JC-GE-ENT" }, position: { code: { in: ["AM", "SOL-MGR"] } } },
      orderBy: { employeeNo: "asc" },
      select: { employeeNo: true, position: { select: { code: true } } },
    });
    const am = pair.find((e) => e.position.code === "AM")!.employeeNo;
    const sol = pair.find((e) => e.position.code === "SOL-MGR")!.employeeNo;
    const form = {
      intent: "create",
      kpiId: kpi.id,
      name: "制造业园区专网项目组",
      threshold: "600000",
      target: "1000000",
      stretch: "1400000",
      cap: "120",
      memberA: am,
      memberB: sol,
    };
    const url = `/kpi/periods/${current}/joint`;
    expect((await hr.post(url, { ...form, shareA: "60", shareB: "30" })).status).toBe(409);
    expect((await hr.post(url, { ...form, shareA: "60", shareB: "40", memberB: "E000003" })).status).toBe(409);
    expect((await hr.post(url, { ...form, shareA: "60", shareB: "40", role: "hr_admin" })).status).toBe(400);
    expect((await hr.post(url, { ...form, shareA: "60", shareB: "40" })).status).toBe(302);
    const team = await db.kpiTeamTarget.findFirstOrThrow({
      where: { name: "制造业园区专网项目组" },
      select: { members: { select: { share: true } } },
    });
    expect(team.members.map((m) => m.share).sort()).toEqual([40, 60]);
  });
});
