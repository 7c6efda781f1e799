import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { mulberry32 } from "~/utils/seeded-random";
import { commitAllocation, saveBaselines } from "~/modules/kpi/allocation.server";
import { seedKpiDemo } from "../../prisma/seed/kpi";
import { DomainError as KpiRuleError } from "~/utils/domain-error";
import { linesForForm } from "~/modules/kpi/plan-form.server";
import { employeePerformance } from "~/modules/kpi/progress.server";
import { periodScores } from "~/modules/kpi/scores.server";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let hr: Client;
let hrUserId: string;
let current: string;
let finance: { id: string; employeeNo: string; name: string }[];
let financeRoom: string;
let subsKpi: string;
let revenueKpi: string;

beforeAll(async () => {
  app = await testApp();
  const ctx = await demoOrg();
  await seedKpiDemo(ctx, new Date("2026-11-15T00:00:00Z"));
  current = (await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q4" } })).id;
  hrUserId = await userFor("E000003");
  hr = await signedIn(app, hrUserId);
  hrUserId = (await db.user.findFirstOrThrow({ where: { employee: { employeeNo: "E000003" } }, select: { id: true } })).id;
  financeRoom = (await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" } })).id;
  finance = await db.employee.findMany({
    where: { unitId: financeRoom, active: true, position: { code: "AM" } },
    orderBy: { employeeNo: "asc" },
    select: { id: true, employeeNo: true, name: true },
  });
  // The demo plan for account managers: 5G lines 30 / 50 / 70 (count), new-contract revenue 0.6 / 1 / 1.4 of target.
  subsKpi = (await db.kpi.findUniqueOrThrow({ where: { code: "NEW_SUBS_5G_LINE" } })).id;
  revenueKpi = (await db.kpi.findUniqueOrThrow({ where: { code: "NEW_CONTRACT_REV" } })).id;
});

const allocateUrl = (unitId: string, kpiId: string, total: string, revenueWeight = 70) =>
  `/kpi/periods/${current}/allocate?unitId=${unitId}&kpiId=${kpiId}&total=${total}&revenueWeight=${revenueWeight}`;
const adjustments = (kpiId: string) =>
  db.kpiAdjustment.findMany({
    where: { periodId: current, kpiId },
    orderBy: { employee: { employeeNo: "asc" } },
    select: { employeeId: true, threshold: true, target: true, stretch: true },
  });

describe("committing a target allocation", () => {
  it("refuses a split that would break a curve, naming every person and the rule, and writes nothing", async () => {
    expect(finance.length).toBeGreaterThan(1);
    const before = await db.kpiAdjustment.count();
    // One 5G line each: 30·1/50 = 0.6 → 1 and 70·1/50 = 1.4 → 1, so threshold = target = stretch = 1.
    const response = await hr.post(allocateUrl(financeRoom, subsKpi, String(finance.length)), { intent: "commit", split: "equal" });
    expect(response.status).toBe(409);
    const html = await response.text();
    for (const p of finance) expect(html).toContain(`${p.employeeNo} ${p.name}`);
    expect(html).toContain("门槛值 &lt; 目标值 ≤ 挑战值");
    expect(await db.kpiAdjustment.count()).toBe(before);
  });

  it("refuses a split by baseline while someone has no saved baseline, and flags them on the page", async () => {
    const gov = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-GOV" } });
    const people = await db.employee.findMany({
      where: { unitId: gov.id, active: true, position: { code: "AM" } },
      orderBy: { employeeNo: "asc" },
      select: { employeeNo: true, name: true },
    });
    const page = await (await hr.get(allocateUrl(gov.id, revenueKpi, "1000000"))).text();
    expect(page.match(/data-testid="no-baseline"/g)).toHaveLength(people.length);
    const before = await db.kpiAdjustment.count();
    const response = await hr.post(allocateUrl(gov.id, revenueKpi, "1000000"), { intent: "commit", split: "byBaseline" });
    expect(response.status).toBe(409);
    const html = await response.text();
    expect(html).toContain("还没有保存客户基础");
    for (const p of people) expect(html).toContain(`${p.employeeNo} ${p.name}`);
    expect(await db.kpiAdjustment.count()).toBe(before);
  });

  it("scales threshold and stretch from the plan each time, so committing again does not drift", async () => {
    // Two 5G lines each: 30·2/50 = 1.2 → 1 and 70·2/50 = 2.8 → 3.
    expect(
      (await hr.post(allocateUrl(financeRoom, subsKpi, String(2 * finance.length)), { intent: "commit", split: "equal" })).status,
    ).toBe(302);
    expect((await adjustments(subsKpi)).map((a) => [a.threshold, a.target, a.stretch])).toEqual(finance.map(() => [1n, 2n, 3n]));
    // Fifty each again gives the plan's 30 / 50 / 70, not 25 / 50 / 75 scaled from 1 / 2 / 3.
    expect(
      (await hr.post(allocateUrl(financeRoom, subsKpi, String(50 * finance.length)), { intent: "commit", split: "equal" })).status,
    ).toBe(302);
    expect((await adjustments(subsKpi)).map((a) => [a.threshold, a.target, a.stretch])).toEqual(finance.map(() => [30n, 50n, 70n]));
  });

  it("property: random allocations, committed or refused, never leave a line of the period unscorable", async () => {
    const rng = mulberry32(1919);
    const int = (n: number) => Math.floor(rng() * n);
    let committed = 0;
    let refused = 0;
    for (let run = 0; run < 24; run++) {
      if (rng() < 0.3) {
        await saveBaselines(
          db,
          hrUserId,
          current,
          finance.map((p) => ({ employeeId: p.id, revenueFen: rng() < 0.3 ? 0 : int(2e9), importance: rng() < 0.3 ? 0 : int(40) })),
        );
      }
      const kpiId = rng() < 0.5 ? subsKpi : revenueKpi;
      const total = rng() < 0.6 ? int(4 * finance.length) : int(5e9);
      try {
        await commitAllocation(db, hrUserId, current, financeRoom, kpiId, rng() < 0.5 ? "equal" : "byBaseline", total, int(101));
        committed++;
      } catch (error) {
        if (!(error instanceof KpiRuleError)) throw error;
        refused++;
      }
      const { scores, malformed } = await periodScores(db, current, { employeeIds: finance.map((p) => p.id) });
      expect(malformed).toEqual([]);
      expect(scores).toHaveLength(finance.length);
    }
    expect(committed).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
  });
});

describe("a malformed line", () => {
  it("shows as a problem on that line while the rest of the period scores, and HR repairs it from the page", async () => {
    const person = finance[0];
    // A line broken before allocations were checked: threshold = target = stretch = 1.
    await db.kpiAdjustment.upsert({
      where: { periodId_employeeId_kpiId: { periodId: current, employeeId: person.id, kpiId: subsKpi } },
      create: {
        periodId: current,
        employeeId: person.id,
        kpiId: subsKpi,
        threshold: 1n,
        target: 1n,
        stretch: 1n,
        reason: "kpi.adjustReason.allocation",
      },
      update: { threshold: 1n, target: 1n, stretch: 1n },
    });
    const { scores, malformed } = await periodScores(db, current);
    expect(malformed).toEqual([{ employeeId: person.id, kpiCode: "NEW_SUBS_5G_LINE", problem: "order" }]);
    expect(scores.find((s) => s.employeeId === person.id)!.total).toBeNull();
    expect(scores.filter((s) => s.total !== null).length).toBeGreaterThan(10);

    const overview = await hr.get(`/kpi/periods/${current}`);
    expect(overview.status).toBe(200);
    const overviewHtml = await overview.text();
    expect(overviewHtml).toContain('data-testid="malformed-lines"');
    expect(overviewHtml).toContain(person.employeeNo);
    const planUrl = `/kpi/periods/${current}/employees/${person.id}`;
    const planPage = await hr.get(planUrl);
    expect(planPage.status).toBe(200);
    expect(await planPage.text()).toContain('data-testid="line-problem"');
    const own = await signedIn(app, await userFor(person.employeeNo));
    const mine = await own.get("/me/performance");
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain('data-testid="line-problem"');

    // HR repairs the line through the plan form on the same page.
    const lines = await linesForForm(db, (await employeePerformance(db, current, person.id)).lines);
    const form: Record<string, string> = { intent: "plan", reason: "修正分解后的 5G 目标" };
    lines.forEach((l, i) => {
      const repaired = l.kpiId === subsKpi ? { ...l, threshold: "30", target: "50", stretch: "70" } : l;
      for (const [key, value] of Object.entries(repaired)) form[`lines[${i}].${key}`] = value;
    });
    expect((await hr.post(planUrl, form)).status).toBe(302);
    const after = await periodScores(db, current, { employeeIds: [person.id] });
    expect(after.malformed).toEqual([]);
  });
});
