import { beforeAll, describe, expect, it } from "vitest";
import { answerObjection } from "~/modules/kpi/target-responses.server";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/domain-error";
import { seedKpiDemo } from "../../prisma/seed/kpi";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";

let app: Awaited<ReturnType<typeof testApp>>;
let hr: Client;
let employee: Client;
let colleague: Client;
let financeHead: Client;
let otherHead: Client;
let current: string;
const id: Record<string, string> = {};

beforeAll(async () => {
  app = await testApp();
  const ctx = await demoOrg();
  await seedKpiDemo(ctx, new Date("2026-11-15T00:00:00Z"));
  current = (await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q4" } })).id;
  for (const no of ["E000002", "E000003", "E000004", "E000005"]) id[no] = ctx.employeeId.get(no)!;
  const govHead = await db.employee.findFirstOrThrow({
    where: { unit: { code: "JC-GE-GOV" }, position: { code: "ROOM-HEAD" } },
    select: { employeeNo: true },
  });
  hr = await signedIn(app, await userFor("E000003"));
  employee = await signedIn(app, await userFor("E000004"));
  colleague = await signedIn(app, await userFor("E000005"));
  financeHead = await signedIn(app, await userFor("E000002", "dept_head", "JC-GE-FIN"));
  otherHead = await signedIn(app, await userFor(govHead.employeeNo, "dept_head", "JC-GE-GOV"));
});

const me = `/me/performance?period=`;
const page = () => `/kpi/periods/${current}/confirmations`;
const response = (employeeNo: string) =>
  db.kpiTargetResponse.findUnique({ where: { periodId_employeeId: { periodId: current, employeeId: id[employeeNo] } } });

describe("an employee confirms their targets", () => {
  it("sees them awaiting confirmation on their KPI page", async () => {
    const html = await (await employee.get(me + current)).text();
    expect(html).toContain('data-testid="target-response"');
    expect(html).toContain("待确认");
  });

  it("cannot confirm for someone else: an extra field is refused and nothing is written", async () => {
    const res = await employee.post(me + current, { intent: "confirmTargets", employeeId: id.E000005 });
    expect(res.status).toBe(400);
    expect(await response("E000005")).toBeNull();
    expect(await response("E000004")).toBeNull();
  });

  it("confirms once, with the time, audited; a second confirmation is refused", async () => {
    const res = await employee.post(me + current, { intent: "confirmTargets" });
    expect(res.status).toBe(302);
    const row = await response("E000004");
    expect(row?.kind).toBe("confirmed");
    expect(row?.respondedAt).toBeInstanceOf(Date);
    expect(await db.auditLog.count({ where: { action: "kpi.targets.confirm", entityId: `${current}:${id.E000004}` } })).toBe(1);
    const again = await employee.post(me + current, { intent: "confirmTargets" });
    expect(again.status).toBe(409);
    expect(await (await employee.get(me + current)).text()).toContain("已确认");
  });

  it("is asked again when a target changes after confirmation", async () => {
    const plan = await db.kpiPlan.findFirstOrThrow({
      where: { periodId: current, position: { code: "AM" } },
      select: { items: { orderBy: { sortOrder: "asc" }, take: 1, select: { id: true, target: true, stretch: true } } },
    });
    const [item] = plan.items;
    await db.kpiPlanItem.update({ where: { id: item.id }, data: { target: item.target + 1n } });
    const html = await (await employee.get(me + current)).text();
    expect(html).toContain("待确认");
    expect(html).toContain("请重新确认");
    expect((await employee.post(me + current, { intent: "confirmTargets" })).status).toBe(302);
    expect(await db.auditLog.count({ where: { action: "kpi.targets.confirm", entityId: `${current}:${id.E000004}` } })).toBe(2);
  });
});

describe("an objection and its answer", () => {
  it("an objection without a reason is refused and what was typed is kept", async () => {
    const res = await colleague.post(me + current, { intent: "objectTargets", reason: " " });
    expect(res.status).toBe(400);
    expect(await response("E000005")).toBeNull();
  });

  it("an objection with a reason is recorded", async () => {
    const res = await colleague.post(me + current, { intent: "objectTargets", reason: "项目目标按全年口径下达，本季度只有两个月" });
    expect(res.status).toBe(302);
    expect((await response("E000005"))?.kind).toBe("objected");
  });

  it("an employee may not open the confirmations page or answer: 403", async () => {
    expect((await employee.get(page())).status).toBe(403);
    const res = await employee.post(page(), { intent: "answerObjection", employeeId: id.E000005, outcome: "keep", answer: "不变" });
    expect(res.status).toBe(403);
  });

  it("a head outside the unit neither sees nor answers it", async () => {
    expect(await (await otherHead.get(page())).text()).not.toContain("E000005");
    const res = await otherHead.post(page(), { intent: "answerObjection", employeeId: id.E000005, outcome: "keep", answer: "维持目标" });
    expect(res.status).toBe(404);
    expect((await response("E000005"))?.answeredAt).toBeNull();
  });

  it("nobody answers their own objection", async () => {
    const actor = { userId: "u", role: "dept_head" as const, employeeId: id.E000005, scopePath: "/" };
    await expect(
      answerObjection(db, actor, current, { employeeId: id.E000005, outcome: "keep", answer: "维持目标" }),
    ).rejects.toMatchObject({ key: "talk.errors.ownObjection", status: 403 } satisfies Partial<DomainError>);
  });

  it("the head of the unit sees it and answers with a reason; the employee sees the answer", async () => {
    const html = await (await financeHead.get(page())).text();
    expect(html).toContain('data-testid="objection-E000005"');
    const blank = await financeHead.post(page(), { intent: "answerObjection", employeeId: id.E000005, outcome: "keep", answer: "" });
    expect(blank.status).toBe(400);
    const res = await financeHead.post(page(), {
      intent: "answerObjection",
      employeeId: id.E000005,
      outcome: "change",
      answer: "同意按两个月折算，HR 调整方案后请重新确认",
    });
    expect(res.status).toBe(302);
    const row = await response("E000005");
    expect(row?.answerOutcome).toBe("change");
    expect(row?.answeredAt).toBeInstanceOf(Date);
    const twice = await financeHead.post(page(), {
      intent: "answerObjection",
      employeeId: id.E000005,
      outcome: "keep",
      answer: "再答一次",
    });
    expect(twice.status).toBe(409);
    expect(await (await colleague.get(me + current)).text()).toContain("同意按两个月折算");
    // After the answer the employee may confirm.
    expect((await colleague.post(me + current, { intent: "confirmTargets" })).status).toBe(302);
  });

  it("HR sees per unit how many confirmed, objected and are pending", async () => {
    const html = await (await hr.get(page())).text();
    expect(html).toContain('data-testid="target-units"');
    expect(html).toContain("金融客户室");
    const { targetResponses } = await import("~/modules/kpi/target-responses.server");
    const hrActor = { userId: "hr", role: "hr_admin" as const, employeeId: id.E000003, scopePath: null };
    const { units, people } = await targetResponses(db, hrActor, current);
    const fin = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" }, select: { id: true } });
    const row = units.find((u) => u.unitId === fin.id)!;
    expect(row.confirmed).toBe(2);
    expect(row.pending).toBe(people.filter((p) => p.unitId === fin.id).length - 2);
  });
});
