import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, userFor } from "../utils";
import { seedCareersDemo } from "../../prisma/seed/careers";
import { seedRotationsDemo } from "../../prisma/seed/rotations";

let app: Awaited<ReturnType<typeof testApp>>;
let ctx: Awaited<ReturnType<typeof demoOrg>>;
let cycleId: string;

beforeAll(async () => {
  ctx = await demoOrg();
  await seedRotationsDemo(ctx);
  await seedCareersDemo(ctx);
  app = await testApp();
  cycleId = (await db.promotionCycle.findFirstOrThrow({ select: { id: true } })).id;
});

describe("careers and rotations: who may do what", () => {
  it("an employee sees their own career page, and not another's; cannot open or manage cycles", async () => {
    const employee = await signedIn(app, await userFor("E000004", "employee"));
    const mine = await employee.get("/me/career");
    expect(mine.status).toBe(200);
    expect(await mine.text()).toContain("S4");
    expect((await employee.get(`/careers/employees/${ctx.employeeId.get("E000005")}`)).status).toBe(403);
    expect((await employee.get("/careers/cycles")).status).toBe(403);
    expect((await employee.get(`/careers/cycles/${cycleId}`)).status).toBe(403);
    expect((await employee.post("/careers/cycles", { name: "x", effectiveDate: "2027-01-01" })).status).toBe(403);
    expect((await employee.post(`/careers/cycles/${cycleId}`, { intent: "advance" })).status).toBe(403);
    expect((await employee.get("/rotations")).status).toBe(403);
  });

  it("a room head reads careers in scope only (404 outside) and cannot nominate outside scope", async () => {
    const head = await signedIn(app, await userFor("E000002", "dept_head", "JC-GE-FIN"));
    expect((await head.get(`/careers/employees/${ctx.employeeId.get("E000004")}`)).status).toBe(200);
    const gov = await db.employee.findFirstOrThrow({
      where: { unit: { code: "JC-GE-GOV" }, track: "skill", level: { not: "S7" } },
      select: { id: true },
    });
    expect((await head.get(`/careers/employees/${gov.id}`)).status).toBe(404);
    const refused = await head.post(`/careers/cycles/${cycleId}`, { intent: "nominate", employeeId: gov.id, justification: "not mine" });
    expect(refused.status).toBe(404);
    expect(await db.promotionNomination.count({ where: { employeeId: gov.id } })).toBe(0);
    // Managing the cycle is HR's.
    expect((await head.post(`/careers/cycles/${cycleId}`, { intent: "advance" })).status).toBe(403);
    const ok = await head.post(`/careers/cycles/${cycleId}`, {
      intent: "nominate",
      employeeId: ctx.employeeId.get("E000004")!,
      justification: "Strong year",
    });
    expect(ok.status).toBe(302);
  });

  it("unknown fields are refused, not written", async () => {
    const hr = await signedIn(app, await userFor("E000003", "hr_admin"));
    const response = await hr.post("/careers/cycles", { name: "Sneaky", effectiveDate: "2027-01-01", createdById: "someone" });
    expect(response.status).toBe(400);
    expect(await db.promotionCycle.count({ where: { name: "Sneaky" } })).toBe(0);
  });

  it("someone else's rotation is not found for an employee", async () => {
    const employee = await signedIn(app, await userFor("E000004", "employee"));
    const other = await db.rotationAssignment.findFirstOrThrow({ select: { id: true } });
    expect((await employee.get(`/rotations/assignments/${other.id}`)).status).toBe(404);
    expect((await employee.get("/me/rotations")).status).toBe(200);
  });
});
