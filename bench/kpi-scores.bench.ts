// KPI scores for a pay run: periodScores over 100,000 employees × 8 KPIs (800,000 actuals),
// against the floor of reading the same actuals with one bare query.
// Alone: node --import tsx bench/kpi-scores.bench.ts (or npm run bench -- kpi-scores).
import { freshDatabase, measure, report } from "./lib";

const EMPLOYEES = Number(process.env.KPI_BENCH_EMPLOYEES ?? 100_000);
const { url } = await freshDatabase("kpi");
process.env.DATABASE_URL = url;
const { db } = await import("~/utils/db.server");
const { seedOrganisation } = await import("../prisma/seed/index");
const { periodScores, periodActuals } = await import("~/modules/kpi/scores.server");

const org = await seedOrganisation(db);
const unitId = org.unitId.get("JC-GE-FIN")!;
const am = await db.position.findUniqueOrThrow({ where: { code: "AM" } });
const now = new Date().toISOString();

await db.$transaction(
  async (tx) => {
    for (let i = 0; i < EMPLOYEES; i += 2000) {
      const n = Math.min(2000, EMPLOYEES - i);
      const values = Array.from({ length: n }, (_, j) => {
        const no = `K${String(i + j).padStart(7, "0")}`;
        return [`kemp${i + j}`, no, `员工${i + j}`, `${no.toLowerCase()}@bench.example.com`, unitId, am.id, "skill", "S3", now, now, now];
      }).flat();
      await tx.$executeRawUnsafe(
        `INSERT INTO "Employee" ("id","employeeNo","name","email","unitId","positionId","track","level","hireDate","createdAt","updatedAt") VALUES ${Array.from({ length: n }, () => "(?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
        ...values,
      );
    }
  },
  { timeout: 600_000 },
);
const kpis: { id: string }[] = [];
for (let i = 0; i < 8; i++)
  kpis.push(
    await db.kpi.create({
      data: {
        code: `K${i}`,
        nameZh: `指标${i}`,
        nameEn: `KPI ${i}`,
        unit: "fen",
        direction: i === 7 ? "lower" : "higher",
        kind: "quantitative",
        source: "csv",
      },
    }),
  );
const period = await db.appraisalPeriod.create({
  data: { code: "2026-Q3", kind: "quarter", startsOn: new Date("2026-07-01T00:00:00Z"), endsOn: new Date("2026-09-30T00:00:00Z") },
});
await db.kpiPlan.create({
  data: {
    periodId: period.id,
    positionId: am.id,
    items: {
      create: kpis.map((k, i) =>
        i === 7
          ? { kpiId: k.id, weight: 9, threshold: 800n, target: 500n, stretch: 300n, cap: 11_000, sortOrder: i }
          : { kpiId: k.id, weight: 13, threshold: 60_000_000n, target: 100_000_000n, stretch: 140_000_000n, cap: 12_000, sortOrder: i },
      ),
    },
  },
});
const ids = (await db.$queryRawUnsafe<{ id: string }[]>(`SELECT "id" FROM "Employee" WHERE "positionId" = ?`, am.id)).map((r) => r.id);
await db.$transaction(
  async (tx) => {
    let n = 0;
    const rows: unknown[] = [];
    const flush = async () => {
      if (!rows.length) return;
      await tx.$executeRawUnsafe(
        `INSERT INTO "KpiActual" ("id","periodId","employeeId","kpiId","value","source","updatedAt") VALUES ${Array.from({ length: rows.length / 7 }, () => "(?,?,?,?,?,?,?)").join(",")}`,
        ...rows,
      );
      rows.length = 0;
    };
    for (const e of ids) {
      for (const [i, k] of kpis.entries()) {
        rows.push(`ka${n++}`, period.id, e, k.id, i === 7 ? 300 + (n % 600) : 50_000_000 + ((n * 7919) % 100_000_000), "csv", now);
        if (rows.length >= 7 * 1000) await flush();
      }
    }
    await flush();
  },
  { timeout: 600_000 },
);

const cpuBefore = process.cpuUsage();
const scores = await measure(() => periodScores(db, period.id), 1);
const cpu = process.cpuUsage(cpuBefore);
console.error(`periodScores: ${scores.ms} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU`);
// The floor: the same actuals read row by row, the plainest way (measured after, so that its memory is not counted above).
const floor = await measure(
  () => db.$queryRawUnsafe<unknown[]>(`SELECT "employeeId", "kpiId", "value" FROM "KpiActual" WHERE "periodId" = ?`, period.id),
  1,
);
if (scores.value.scores.length !== ids.length || scores.value.missing.length !== 0) throw new Error("unexpected scores");
report({
  operation: "KPI scores (periodScores)",
  size: `${ids.length.toLocaleString("en-US")} employees × 8 KPIs`,
  ms: scores.ms,
  peakMb: scores.peakMb,
  floorMs: floor.ms,
  target: "< 3 s",
  pass: scores.ms < 3_000,
});
const actuals = await measure(() => periodActuals(db, period.id, { kpiCodes: ["K0", "K1"] }), 1);
report({
  operation: "KPI actuals (periodActuals, 2 codes)",
  size: `${ids.length.toLocaleString("en-US")} employees`,
  ms: actuals.ms,
  peakMb: actuals.peakMb,
});
await db.$disconnect();
