import type { Db } from "~/utils/db.server";
import { GROWTH_KPIS, seedPayConfig } from "../prisma/seed/pay";

/**
 * KPI data for pay tests: a quarter, the revenue KPI and the subscriber-growth inputs, a plan
 * for account managers (revenue 60 %, new subscribers 40 %) and every account manager's
 * actuals, deterministic by employee number. `skip` leaves one actual out; the quarter is closed
 * unless `status` says otherwise.
 */
export async function payFixture(
  db: Db,
  unitId: Map<string, string>,
  options: { skip?: { employeeNo: string; kpiCode: string }; status?: string } = {},
) {
  const period = await db.appraisalPeriod.create({
    data: {
      code: `2026-Q${Math.floor(Math.random() * 1e6)}`,
      kind: "quarter",
      startsOn: new Date("2026-07-01T00:00:00Z"),
      endsOn: new Date("2026-09-30T00:00:00Z"),
      status: options.status ?? "closed",
      closedAt: options.status === "open" ? null : new Date("2026-10-10T00:00:00Z"),
    },
  });
  const kpiId = await fixtureKpis(db);
  const am = await db.position.findUniqueOrThrow({ where: { code: "AM" } });
  await db.kpiPlan.create({
    data: {
      periodId: period.id,
      positionId: am.id,
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
  const managers = await db.employee.findMany({
    where: { positionId: am.id, active: true },
    select: { id: true, employeeNo: true },
    orderBy: { employeeNo: "asc" },
  });
  const rows: { periodId: string; employeeId: string; kpiId: string; value: bigint; source: string }[] = [];
  managers.forEach((m, i) => {
    const values: Record<string, number> = {
      REVENUE: 60_000_000 + i * 2_500_000,
      NEW_SUBS_3M: 8 + (i % 15),
      REV_IN_NET_6M: 3_000_000 + i * 100_000,
      REV_IN_NET_2Y: 5_000_000 + i * 50_000,
      HANDSET_SUBSIDY: 1_000_000,
      ARREARS: 100_000 + i * 1_000,
      ARREARS_HANDSET: 60_000 + i * 500,
      ARREARS_RATE: i % 7 === 0 ? 650 : 200,
    };
    for (const [code, value] of Object.entries(values)) {
      if (options.skip && options.skip.employeeNo === m.employeeNo && options.skip.kpiCode === code) continue;
      rows.push({ periodId: period.id, employeeId: m.id, kpiId: kpiId.get(code)!, value: BigInt(value), source: "csv" });
    }
  });
  await db.kpiActual.createMany({ data: rows });
  // The same quarter last year (once per database), for the department pool's growth: revenue 50,000,000 + i × 2,000,000 fen.
  if (!(await db.appraisalPeriod.findUnique({ where: { code: LAST_YEAR_CODE } }))) {
    const lastYear = await db.appraisalPeriod.create({
      data: {
        code: LAST_YEAR_CODE,
        kind: "quarter",
        startsOn: new Date("2025-07-01T00:00:00Z"),
        endsOn: new Date("2025-09-30T00:00:00Z"),
        status: "closed",
        closedAt: new Date("2025-10-10T00:00:00Z"),
      },
    });
    await db.kpiActual.createMany({
      data: managers.map((m, i) => ({
        periodId: lastYear.id,
        employeeId: m.id,
        kpiId: kpiId.get("REVENUE")!,
        value: BigInt(50_000_000 + i * 2_000_000),
        source: "csv",
      })),
    });
  }
  return { period, managers, kpiId };
}

export const LAST_YEAR_CODE = "2025-Q3-LAST-YEAR";

async function fixtureKpis(db: Db) {
  const kpiId = new Map<string, string>();
  for (const k of [{ code: "REVENUE", nameZh: "收入", nameEn: "Revenue", unit: "fen", direction: "higher" }, ...GROWTH_KPIS]) {
    const row = await db.kpi.upsert({ where: { code: k.code }, update: {}, create: { ...k, kind: "quantitative", source: "csv" } });
    kpiId.set(k.code, row.id);
  }
  return kpiId;
}

/**
 * Pay settings for a test file. The approval chain is prepare → review → approve unless
 * `headSignOff` is asked for: the files that prove the three-person chain keep it that way, and
 * the head sign-off step has its own tests (test/http/pay-sign-off.test.ts).
 */
export async function payConfigFixture(db: Db, unitId: Map<string, string>, options: { headSignOff?: boolean } = {}) {
  await fixtureKpis(db);
  await seedPayConfig(db, null, { poolUnitId: unitId.get("JC-GE-FIN"), revenueKpi: "REVENUE" });
  await db.payChainSetting.upsert({
    where: { id: "default" },
    create: { id: "default", headSignOff: options.headSignOff ?? false },
    update: { headSignOff: options.headSignOff ?? false },
  });
}
