import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { seedKpiDemo } from "~/modules/kpi/demo.server";
import { demoOrg } from "../../../test/utils";
import { seedPayDemo } from "./demo.server";
import { verifyRun } from "./runs.server";

describe("pay demo data", () => {
  it("locks the previous quarter's run and drafts the current one, from the kpi demo data", { timeout: 120_000 }, async () => {
    const ctx = await demoOrg();
    const day = new Date();
    await seedKpiDemo(ctx, day);
    await seedPayDemo(ctx);
    const runs = await db.payRun.findMany({ orderBy: { periodCode: "asc" }, select: { id: true, status: true, issueCount: true, employeeCount: true, periodCode: true } });
    expect(runs.map((r) => r.status).sort()).toEqual(["draft", "locked"]);
    const locked = runs.find((r) => r.status === "locked")!;
    expect(locked.issueCount).toBe(0);
    expect(locked.employeeCount).toBeGreaterThan(10);
    expect(await verifyRun(db, locked.id)).toMatchObject({ identical: true });
    expect(await db.payScheme.count({ where: { kind: "subscriberGrowth" } })).toBe(1);
    expect(await db.payScheme.count({ where: { kind: "deptPool" } })).toBe(1);
  });
});
