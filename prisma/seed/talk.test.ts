import { describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { targetResponses } from "~/modules/kpi/target-responses.server";
import { demoOrg } from "../../test/utils";
import { seedKpiDemo } from "./kpi";
import { seedPayDemo } from "./pay";
import { seedTalkDemo } from "./talk";

describe("performance communication demo data", () => {
  it("a few confirmed targets, one objection and one open appeal; E000004 and E000005 are left pending", { timeout: 120_000 }, async () => {
    const ctx = await demoOrg();
    await seedKpiDemo(ctx);
    await seedPayDemo(ctx);
    await seedTalkDemo(ctx);
    const period = await db.appraisalPeriod.findFirstOrThrow({ where: { status: "open", kind: "quarter" } });
    const hr = { userId: "hr", role: "hr_admin" as const, employeeId: null, scopePath: null };
    const { people } = await targetResponses(db, hr, period.id);
    const states = people.map((p) => p.state);
    expect(states.filter((s) => s === "confirmed")).toHaveLength(3);
    expect(states.filter((s) => s === "objected")).toHaveLength(1);
    for (const no of ["E000004", "E000005"]) expect(people.find((p) => p.employeeNo === no)?.state).toBe("pending");
    const appeals = await db.payAppeal.findMany({ select: { status: true, runId: true } });
    expect(appeals).toHaveLength(1);
    expect(appeals[0].status).toBe("open");
    expect((await db.payRun.findUniqueOrThrow({ where: { id: appeals[0].runId } })).status).toBe("draft");
  });
});
