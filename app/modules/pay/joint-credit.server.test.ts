import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { payConfigFixture, payFixture } from "../../../test/pay-fixtures";
import { saveScheme } from "./config.server";
import { GROWTH_POSITIONS } from "../../../prisma/seed/pay";
import { createRun } from "./runs.server";

let org: Awaited<ReturnType<typeof demoOrg>>;

beforeAll(async () => {
  org = await demoOrg();
  await payConfigFixture(db, org.unitId);
});

/**
 * Two people whose database ids sort the other way round from their employee numbers: the
 * account manager E900001 (id "zz-…") and the solution support manager E900002 (id "aa-…").
 */
async function pair() {
  const template = await db.employee.findFirstOrThrow({
    where: { employeeNo: "E000004" },
    select: { unitId: true, track: true, level: true },
  });
  const [am, sol] = await Promise.all([
    db.position.findUniqueOrThrow({ where: { code: "AM" } }),
    db.position.findUniqueOrThrow({ where: { code: "SOL-MGR" } }),
  ]);
  const base = { unitId: template.unitId, track: template.track, level: template.level, hireDate: new Date("2020-01-01T00:00:00Z") };
  const manager = await db.employee.create({
    data: { ...base, id: "zz-joint-am", employeeNo: "E900001", name: "联考客户经理", email: "e900001@ge.example.com", positionId: am.id },
  });
  const support = await db.employee.create({
    data: { ...base, id: "aa-joint-sol", employeeNo: "E900002", name: "联考支撑经理", email: "e900002@ge.example.com", positionId: sol.id },
  });
  return { manager, support, solPositionId: sol.id };
}

describe("joint KPIs in a pay run", () => {
  it("credits the odd unit to the smaller employee number, and the support manager's credit counts in a scheme naming their position", async () => {
    const { period, kpiId } = await payFixture(db, org.unitId);
    const { manager, support, solPositionId } = await pair();
    // The support manager's position is appraised on the same two lines.
    await db.kpiPlan.create({
      data: {
        periodId: period.id,
        positionId: solPositionId,
        items: {
          create: [
            {
              kpiId: kpiId.get("REVENUE")!,
              weight: 60,
              threshold: 50_000_000n,
              target: 100_000_000n,
              stretch: 150_000_000n,
              cap: 12000,
              sortOrder: 1,
            },
            { kpiId: kpiId.get("NEW_SUBS_3M")!, weight: 40, threshold: 5n, target: 20n, stretch: 30n, cap: 12000, sortOrder: 2 },
          ],
        },
      },
    });
    // A 50 : 50 team on new subscribers with an actual of 17.
    await db.kpiTeamTarget.create({
      data: {
        periodId: period.id,
        kpiId: kpiId.get("NEW_SUBS_3M")!,
        name: "联合拓展组",
        threshold: 10n,
        target: 40n,
        stretch: 60n,
        cap: 12000,
        actual: 17n,
        members: {
          create: [
            { employeeId: support.id, share: 50 },
            { employeeId: manager.id, share: 50 },
          ],
        },
      },
    });
    const own = {
      REVENUE: 100_000_000,
      REV_IN_NET_6M: 1_000_000,
      REV_IN_NET_2Y: 2_000_000,
      HANDSET_SUBSIDY: 1_000_000,
      ARREARS: 0,
      ARREARS_HANDSET: 0,
      ARREARS_RATE: 0,
    };
    for (const person of [manager, support]) {
      await db.kpiActual.createMany({
        data: Object.entries(own).map(([code, value]) => ({
          periodId: period.id,
          employeeId: person.id,
          kpiId: kpiId.get(code)!,
          value: BigInt(value),
          source: "csv",
        })),
      });
    }
    // The bonus names the support manager's position too.
    const scheme = await db.payScheme.findFirstOrThrow({
      where: { code: "SUBS-GROWTH" },
      orderBy: { version: "desc" },
      select: { paramsJson: true },
    });
    await saveScheme(db, "system", {
      code: "SUBS-GROWTH",
      kind: "subscriberGrowth",
      nameZh: "用户发展奖励",
      nameEn: "Subscriber-growth bonus",
      active: true,
      params: { ...JSON.parse(scheme.paramsJson), positionCodes: [...GROWTH_POSITIONS, "SOL-MGR"] },
    });

    const run = await createRun(db, "system", period.id);
    // (The demo's other support managers have no actuals in this fixture: their issues do not concern the pair.)
    const issues = JSON.parse((await db.payRun.findUniqueOrThrow({ where: { id: run.id }, select: { issuesJson: true } })).issuesJson) as {
      employeeId?: string;
    }[];
    expect(issues.filter((i) => i.employeeId === manager.id || i.employeeId === support.id)).toEqual([]);
    const lines = await db.payLine.findMany({
      where: { runId: run.id, employeeId: { in: [manager.id, support.id] } },
      select: { employeeId: true, growthBonusFen: true },
    });
    const growth = new Map(lines.map((l) => [l.employeeId, l.growthBonusFen]));
    // 17 × 50 % = 8.5 each: 8 each and the odd one to E900001 (the smaller employee number),
    // although E900002's id sorts first. Bonus = subscribers × ¥50 + ¥10,000 × 0.02 + (¥20,000 − ¥10,000) × 0.05
    //   E900001: 9 × 5,000 + 20,000 + 50,000 = 115,000 fen;  E900002: 8 × 5,000 + 20,000 + 50,000 = 110,000 fen.
    expect(growth.get(manager.id)).toBe(115_000);
    expect(growth.get(support.id)).toBe(110_000);
  });
});
