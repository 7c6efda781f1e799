import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { DomainError } from "~/utils/domain-error";
import { demoOrg } from "../../../test/utils";
import { payFixture } from "../../../test/pay-fixtures";
import { copyPreviousPlans, getPlanItems } from "./plans.server";

let org: Awaited<ReturnType<typeof demoOrg>>;
beforeAll(async () => {
  org = await demoOrg();
});

const period = (code: string, startsOn: string, status = "open") =>
  db.appraisalPeriod.create({
    data: { code, kind: "quarter", startsOn: new Date(`${startsOn}T00:00:00Z`), endsOn: new Date(`${startsOn}T00:00:00Z`), status },
  });

describe("copying last period's KPI plans", () => {
  it("copies every plan into the positions without one, keeps the ones made here, and is audited", async () => {
    const { period: q3 } = await payFixture(db, org.unitId);
    const am = await db.position.findUniqueOrThrow({ where: { code: "AM" } });
    const other = await db.position.findFirstOrThrow({ where: { code: { not: "AM" } } });
    // A second plan in Q3 for another position, and a plan already made for it in Q4.
    const kpi = await db.kpi.findFirstOrThrow();
    await db.kpiPlan.create({
      data: {
        periodId: q3.id,
        positionId: other.id,
        items: { create: [{ kpiId: kpi.id, weight: 100, threshold: 1n, target: 2n, stretch: 3n, cap: 12000 }] },
      },
    });
    const q4 = await period("COPY-Q4", "2026-10-01");
    await db.kpiPlan.create({
      data: {
        periodId: q4.id,
        positionId: other.id,
        items: { create: [{ kpiId: kpi.id, weight: 100, threshold: 5n, target: 6n, stretch: 7n, cap: 11000 }] },
      },
    });
    const hr = org.userId.get("E000003")!;
    expect(await copyPreviousPlans(db, hr, q4.id)).toEqual({ from: expect.any(String), copied: 1, kept: 1 });
    expect(await getPlanItems(db, q4.id, am.id)).toEqual(await getPlanItems(db, q3.id, am.id));
    expect((await getPlanItems(db, q4.id, other.id))[0]).toMatchObject({ target: 6, cap: 11000 });
    expect(await db.auditLog.count({ where: { action: "kpi.plan.copy", entityId: q4.id } })).toBe(1);
    // Again: nothing left to copy.
    expect(await copyPreviousPlans(db, hr, q4.id)).toMatchObject({ copied: 0, kept: 2 });
  });

  it("refuses a closed period and a period with nothing earlier to copy", async () => {
    const hr = org.userId.get("E000003")!;
    const closed = await period("COPY-CLOSED", "2027-01-01", "closed");
    await expect(copyPreviousPlans(db, hr, closed.id)).rejects.toThrow(DomainError);
    const first = await period("COPY-FIRST", "2001-01-01");
    await expect(copyPreviousPlans(db, hr, first.id)).rejects.toMatchObject({ key: "kpi.errors.noEarlierPlans", status: 409 });
  });
});
