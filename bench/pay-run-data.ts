// Generates the pay-run bench's data into DATABASE_URL (run in its own process by
// pay-run.bench.ts, so that the generator's memory is not counted as the run's): the demo
// organisation plus EMPLOYEES account managers in four rooms, 8 plan KPIs and the growth bonus's
// inputs (900,000 actuals), pay bands, the coefficient table, the growth bonus and one pool over
// everyone, a closed quarter, and a distribution guideline for it (A at most 20 %, E at least 5 %).
const EMPLOYEES = Number(process.env.PAY_BENCH_EMPLOYEES ?? 100_000);
const { bulkWrite, db, sqlRead } = await import("~/utils/db.server");
const { exec } = await import("~/utils/sql.server");
const { seedOrganisation } = await import("../prisma/seed/index");
const { seedPayConfig, GROWTH_KPIS } = await import("../prisma/seed/pay");

const org = await seedOrganisation(db);
const hrUserId = org.userId.get("E000003")!;
const rooms = ["JC-GE-GOV", "JC-GE-FIN", "JC-GE-ENT", "JC-GE-PUB"].map((c) => org.unitId.get(c)!);
const am = await db.position.findUniqueOrThrow({ where: { code: "AM" } });
const now = new Date().toISOString();
const iso = (d: string) => `${d}T00:00:00.000+00:00`;

// Setup, not timed: employees, 8 KPIs (the revenue KPI and the growth bonus's inputs), a plan, actuals.
const levels = ["S1", "S2", "S3", "S4", "S5", "S6", "S7"];
await bulkWrite(db, async (tx) => {
  for (let i = 0; i < EMPLOYEES; i += 2000) {
    const values: unknown[] = [];
    const n = Math.min(2000, EMPLOYEES - i);
    for (let j = 0; j < n; j++) {
      const k = i + j;
      const no = `P${String(k).padStart(7, "0")}`;
      // One in ten joined during the quarter (16 August): their base and performance pay are pro-rated by days.
      values.push(
        `emp${k}`,
        no,
        `员工${k}`,
        `${no.toLowerCase()}@bench.example.com`,
        rooms[k % 4],
        am.id,
        "skill",
        levels[k % 7],
        iso(k % 10 === 3 ? "2026-08-16" : "2018-03-01"),
        now,
        now,
      );
    }
    await exec(
      tx,
      `INSERT INTO "Employee" ("id","employeeNo","name","email","unitId","positionId","track","level","hireDate","createdAt","updatedAt") VALUES ${Array.from({ length: n }, () => "(?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
      values as string[],
    );
  }
});
const kpis = [
  { code: "REVENUE", nameZh: "收入", nameEn: "Revenue", unit: "fen", direction: "higher" },
  { code: "CUSTOMER_DATA", nameZh: "客户资料完整率", nameEn: "Customer-data completeness", unit: "bp", direction: "higher" },
  ...GROWTH_KPIS,
];
const kpiRows = [];
for (const k of kpis) kpiRows.push(await db.kpi.create({ data: { ...k, kind: "quantitative", source: "csv" } }));
// The plan's 8 KPIs; the handset cost of subscribers in arrears is a scheme input outside the plan.
const planKpis = kpiRows.filter((k) => k.code !== "ARREARS_HANDSET");
const inputKpis = [...planKpis, ...kpiRows.filter((k) => k.code === "ARREARS_HANDSET")];
const period = await db.appraisalPeriod.create({
  data: {
    code: "2026-Q3",
    kind: "quarter",
    status: "closed",
    closedAt: new Date(),
    startsOn: new Date("2026-07-01T00:00:00Z"),
    endsOn: new Date("2026-09-30T00:00:00Z"),
  },
});
const curve: Record<string, [number, number, number]> = {
  REVENUE: [50_000_000, 100_000_000, 150_000_000],
  CUSTOMER_DATA: [8000, 9500, 10000],
  NEW_SUBS_3M: [5, 20, 30],
  REV_IN_NET_6M: [1_000_000, 3_000_000, 5_000_000],
  REV_IN_NET_2Y: [2_000_000, 5_000_000, 8_000_000],
  HANDSET_SUBSIDY: [2_000_000, 1_000_000, 500_000],
  ARREARS: [500_000, 100_000, 0],
  ARREARS_RATE: [800, 300, 100],
  ARREARS_HANDSET: [300_000, 50_000, 0],
};
const weights = [30, 10, 15, 10, 10, 10, 10, 5];
await db.kpiPlan.create({
  data: {
    periodId: period.id,
    positionId: am.id,
    items: {
      create: planKpis.map((k, i) => ({
        kpiId: k.id,
        weight: weights[i],
        threshold: BigInt(curve[k.code][0]),
        target: BigInt(curve[k.code][1]),
        stretch: BigInt(curve[k.code][2]),
        cap: 12000,
        sortOrder: i,
      })),
    },
  },
});
const employeeIds = (await sqlRead<{ id: string }>(db, `SELECT "id" FROM "Employee" WHERE "positionId" = ?`, [am.id])).map((r) => r.id);
let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
await bulkWrite(db, async (tx) => {
  const rows: (string | number)[][] = [];
  let id = 0;
  for (const e of employeeIds) {
    for (const k of inputKpis) {
      const [lo, , hi] = curve[k.code];
      const value = Math.round(Math.min(lo, hi) + rand() * Math.abs(hi - lo) * 1.2);
      rows.push([`act${id++}`, period.id, e, k.id, value, "csv", now]);
    }
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    await exec(
      tx,
      `INSERT INTO "KpiActual" ("id","periodId","employeeId","kpiId","value","source","updatedAt") VALUES ${chunk.map(() => "(?,?,?,?,?,?,?)").join(",")}`,
      chunk.flat(),
    );
  }
});
await seedPayConfig(db, hrUserId, { poolUnitId: org.unitId.get("JC-GE"), revenueKpi: "REVENUE" });
// The bench has no period a year earlier: its pool compares with a fixed figure.
const pool = await db.payScheme.findFirstOrThrow({ where: { code: "POOL-GE" }, orderBy: { version: "desc" } });
await db.payScheme.update({
  where: { id: pool.id },
  data: { paramsJson: JSON.stringify({ ...JSON.parse(pool.paramsJson), comparison: "fixed", lastYearRevenueFen: 5_000_000_000_000 }) },
});

await db.payRatingGuideline.create({
  data: {
    periodId: period.id,
    rangesJson: JSON.stringify([
      { rating: "A", maxPercent: 20 },
      { rating: "E", minPercent: 5 },
    ]),
    updatedById: hrUserId,
  },
});
await db.$disconnect();
export {};
