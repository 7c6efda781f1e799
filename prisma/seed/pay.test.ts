import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { seedKpiDemo } from "./kpi";
import { demoOrg } from "../../test/utils";
import { seedPayDemo } from "./pay";
import { verifyRun } from "~/modules/pay/runs.server";

describe("pay demo data", () => {
  it(
    "locks the run of the quarter before the latest closed one and drafts the latest closed one, never the open quarter",
    { timeout: 120_000 },
    async () => {
      const ctx = await demoOrg();
      const day = new Date();
      await seedKpiDemo(ctx, day);
      await seedPayDemo(ctx);
      const runs = await db.payRun.findMany({
        orderBy: { periodCode: "asc" },
        select: { id: true, status: true, issueCount: true, employeeCount: true, periodCode: true },
      });
      expect(runs.map((r) => r.status).sort()).toEqual(["draft", "locked"]);
      const closed = await db.appraisalPeriod.findMany({
        where: { kind: "quarter", status: "closed" },
        orderBy: { endsOn: "desc" },
        select: { code: true },
      });
      expect(runs.find((r) => r.status === "draft")!.periodCode).toBe(closed[0].code);
      // The draft shows HR the missing actual of the latest closed quarter.
      expect(runs.find((r) => r.status === "draft")!.issueCount).toBeGreaterThan(0);
      expect(runs.find((r) => r.status === "locked")!.periodCode).toBe(closed[1].code);
      const locked = runs.find((r) => r.status === "locked")!;
      expect(locked.issueCount).toBe(0);
      expect(locked.employeeCount).toBeGreaterThan(10);
      expect(await verifyRun(db, locked.id)).toMatchObject({ identical: true });
      expect(await db.payScheme.count({ where: { kind: "subscriberGrowth" } })).toBe(1);
      expect(await db.payScheme.count({ where: { kind: "deptPool" } })).toBe(1);
    },
  );
});
