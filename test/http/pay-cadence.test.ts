import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, signedIn, testApp, userFor, type Client } from "../utils";
import { payConfigFixture } from "../pay-fixtures";

let app: Awaited<ReturnType<typeof testApp>>;
let hr: Client;
let joinerId: string;

beforeAll(async () => {
  app = await testApp();
  const org = await demoOrg();
  await payConfigFixture(db, org.unitId);
  hr = await signedIn(app, await userFor("E000003"));
  joinerId = org.employeeId.get("E000004")!;
  // Joined on the 12th of a 31-day month: 20 days paid.
  await db.employee.update({ where: { id: joinerId }, data: { hireDate: new Date("2026-01-12T00:00:00Z") } });
});

describe("pay cadence pages", () => {
  it("HR switches to monthly pay, prepares a month, and the payslip explains base and advance by days", async () => {
    // Before the switch, the page offers no monthly run and the action refuses one.
    expect(await (await hr.get("/pay")).text()).not.toContain('name="month"');
    expect((await hr.post("/pay?index", { intent: "createMonthly", month: "2026-01" })).status).toBe(409);

    expect((await hr.post("/pay/settings", { intent: "cadence", cadence: "monthly", advanceRate: "80.125" })).status).toBe(400);
    expect((await hr.post("/pay/settings", { intent: "cadence", cadence: "monthly", advanceRate: "80" })).status).toBe(302);
    expect(await db.payCadenceSetting.findUnique({ where: { id: "default" } })).toMatchObject({ cadence: "monthly", advanceRateBp: 8000 });

    expect(await (await hr.get("/pay")).text()).toContain('name="month"');
    expect((await hr.post("/pay?index", { intent: "createMonthly", month: "2026-13" })).status).toBe(400);
    const created = await hr.post("/pay?index", { intent: "createMonthly", month: "2026-01" });
    expect(created.status).toBe(302);
    const runId = created.headers.get("location")!.split("/").pop()!;
    expect(await db.payRun.findUniqueOrThrow({ where: { id: runId } })).toMatchObject({ kind: "monthly", month: "2026-01" });

    const list = await (await hr.get("/pay?lng=en")).text();
    expect(list).toContain("Monthly pay");

    const slip = await (await hr.get(`/pay/payslips/${runId}/${joinerId}`)).text();
    const line = await db.payLine.findUniqueOrThrow({ where: { runId_employeeId: { runId, employeeId: joinerId } } });
    expect(line.advanceFen).toBeGreaterThan(0);
    expect(slip).toContain("× 20/31");
    expect(slip).toContain("80%");
  });
});
