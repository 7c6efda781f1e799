// The training reports for a year over 100,000 employees: 40 courses, 400 completed sessions,
// 40,000 completions with test scores, 20,000 behaviour assessments, and four closed quarters
// of KPI actuals (the results level compares participants' totals before and after). Times the
// effectiveness report (reaction, learning, behaviour, cost and results for every course) and
// the hours report for HR, next to the floor: the plain SQL aggregation of the same enrolments
// and of the year's actuals. Also times what keeping each closed quarter's totals costs: scoring
// the four quarters once, and the report after some employees changed position.
// Alone: node --import tsx bench/training-report.bench.ts (or npm run bench -- training).
import { freshDatabase, measure, report } from "./lib";

const EMPLOYEES = Number(process.env.TRAINING_BENCH_EMPLOYEES ?? 100_000);
const COURSES = 40;
const SESSIONS = 400;
// One completion per person at most (7919 is prime to the head count): ids stay unique at any size.
const COMPLETIONS = Math.min(40_000, Math.floor(EMPLOYEES * 0.4));
const { url } = await freshDatabase("training");
process.env.DATABASE_URL = url;
const { db } = await import("~/utils/db.server");
const { seedOrganisation } = await import("../prisma/seed/index");
const { effectivenessReport, hoursReport, yearWindow } = await import("~/modules/training/reports/reports.server");
const { keepPeriodTotals } = await import("~/modules/kpi/period-totals.server");

const org = await seedOrganisation(db);
const am = await db.position.findUniqueOrThrow({ where: { code: "AM" } });
const stamp = "2026-01-01T00:00:00.000+00:00";
const size = `${EMPLOYEES.toLocaleString("en-US")} employees, ${COMPLETIONS.toLocaleString("en-US")} completions, ${COURSES} courses`;

// Setup, timed but not a target: everything generated inside SQLite. (Numbers arrive as
// reals through Prisma's raw queries, hence the casts where they become part of an id.)
const setup = await measure(async () => {
  await db.$executeRawUnsafe(
    `INSERT INTO "Employee" ("id","employeeNo","name","email","unitId","positionId","track","level","hireDate","createdAt","updatedAt")
     WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?),
     rooms AS (SELECT "id", row_number() OVER (ORDER BY "code") - 1 AS k, count(*) OVER () AS c FROM "Unit" WHERE "kind" = 'room')
     SELECT 'tb' || i, 'T' || printf('%07d', i), '员工' || i, 't' || i || '@bench.example.com', rooms."id", ?, 'skill', 'S' || (1 + i % 7), ?, ?, ?
     FROM n JOIN rooms ON rooms.k = i % rooms.c`,
    EMPLOYEES,
    am.id,
    "2019-03-01T00:00:00.000+00:00",
    stamp,
    stamp,
  );
  const kpis = [];
  for (const code of ["TB_REVENUE", "TB_NEW_SUBS"])
    kpis.push(
      await db.kpi.create({
        data: { code, nameZh: code, nameEn: code, unit: "count", direction: "higher", kind: "quantitative", source: "csv" },
      }),
    );
  for (let q = 1; q <= 4; q++) {
    const startsOn = new Date(Date.UTC(2026, (q - 1) * 3, 1));
    const endsOn = new Date(Date.UTC(2026, q * 3, 0));
    const period = await db.appraisalPeriod.create({
      data: { code: `2026-Q${q}`, kind: "quarter", startsOn, endsOn, status: "closed", closedAt: endsOn },
    });
    await db.kpiPlan.create({
      data: {
        periodId: period.id,
        positionId: am.id,
        items: {
          create: kpis.map((k, i) => ({
            kpiId: k.id,
            weight: i === 0 ? 60 : 40,
            threshold: 50n,
            target: 100n,
            stretch: 150n,
            cap: 12000,
            sortOrder: i,
          })),
        },
      },
    });
    for (const [i, k] of kpis.entries()) {
      await db.$executeRawUnsafe(
        `INSERT INTO "KpiActual" ("id","periodId","employeeId","kpiId","value","source","updatedAt")
         SELECT 'a' || CAST(? AS INTEGER) || '-' || CAST(? AS INTEGER) || '-' || substr("id", 3), ?, "id", ?, 40 + (abs(random()) % 100) + CAST(? AS INTEGER) * 3 * (CAST(substr("id", 3) AS INTEGER) % 2), 'csv', ? FROM "Employee" WHERE "id" LIKE 'tb%'`,
        q,
        i,
        period.id,
        k.id,
        q,
        stamp,
      );
    }
  }
  await db.$executeRawUnsafe(
    `INSERT INTO "TrainingCourse" ("id","code","titleZh","titleEn","topic","needTopicsJson","format","hoursTenths","costFen","createdAt","updatedAt")
     WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
     SELECT 'tc' || i, 'TB-C' || printf('%03d', i), '课程' || i, 'Course ' || i, 'sales', '["sales"]', 'classroom', 80, 2000000, ?, ? FROM n`,
    COURSES,
    stamp,
    stamp,
  );
  // Sessions in May to September: a closed quarter before and after each. A session's
  // enrolments are made together, as in use (its rows lie together), by people across the organisation.
  await db.$executeRawUnsafe(
    `INSERT INTO "TrainingSession" ("id","courseId","startsAt","endsAt","trainer","place","capacity","costFen","testMaxScore","status","enrolmentOpen","createdAt","updatedAt")
     WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
     SELECT 'ts' || i, 'tc' || (i % CAST(? AS INTEGER)), strftime('%Y-%m-%dT09:00:00.000+00:00', '2026-05-04', '+' || (i % 120) || ' days'), strftime('%Y-%m-%dT17:00:00.000+00:00', '2026-05-04', '+' || (i % 120) || ' days'),
            'Trainer', 'Room', 200, 500000, 100, 'completed', 0, ?, ? FROM n`,
    SESSIONS,
    COURSES,
    stamp,
    stamp,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "TrainingEnrolment" ("id","sessionId","employeeId","status","source","queuedAt","attendance","completedAt","preScore","postScore","createdAt","updatedAt")
     WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < ?)
     SELECT 'te' || i, s."id", 'tb' || ((i * 7919) % CAST(? AS INTEGER)), 'enrolled', 'hr', ?, 'attended', s."endsAt", 40 + abs(random()) % 40, 60 + abs(random()) % 40, ?, ?
     FROM n JOIN "TrainingSession" s ON s."id" = 'ts' || (i * CAST(? AS INTEGER) / CAST(? AS INTEGER))`,
    COMPLETIONS,
    EMPLOYEES,
    stamp,
    stamp,
    stamp,
    SESSIONS,
    COMPLETIONS,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO "TrainingBehaviourAssessment" ("id","enrolmentId","managerId","dueFrom","dueUntil","requestedAt","applicationScore","improvementScore","submittedAt")
     SELECT 'tba' || substr("id", 3), "id", 'tb0', "completedAt", "completedAt", "completedAt", 1 + abs(random()) % 5, 1 + abs(random()) % 5, "completedAt"
     FROM "TrainingEnrolment" WHERE "id" LIKE 'te%' AND CAST(substr("id", 3) AS INTEGER) % 2 = 0`,
  );
}, 1);
report({ operation: "training: generate employees, actuals, sessions, completions (SQL)", size, ms: setup.ms, peakMb: setup.peakMb });

const hr = {
  userId: org.userId.get("E000003")!,
  role: "hr_admin" as const,
  employeeId: org.employeeId.get("E000003") ?? null,
  scopePath: null,
};
const window = yearWindow(2026);

// The floor: the same enrolments aggregated per course in plain SQL, and the year's actuals per employee and quarter.
const floor = await measure(
  () =>
    Promise.all([
      db.$queryRawUnsafe(
        `SELECT s."courseId", count(*) AS n, avg(e."preScore") AS pre, avg(e."postScore") AS post, avg(b."applicationScore") AS application, avg(b."improvementScore") AS improvement
         FROM "TrainingEnrolment" e JOIN "TrainingSession" s ON s."id" = e."sessionId" LEFT JOIN "TrainingBehaviourAssessment" b ON b."enrolmentId" = e."id"
         WHERE e."completedAt" IS NOT NULL AND s."status" = 'completed' GROUP BY s."courseId"`,
      ),
      db.$queryRawUnsafe(
        `SELECT count(*) AS n FROM (SELECT "periodId", "employeeId", sum("value") FROM "KpiActual" GROUP BY "periodId", "employeeId")`,
      ),
    ]),
  3,
);

// Closing a quarter scores it once and keeps the totals (the bench's quarters were created closed).
const quarters = await db.appraisalPeriod.findMany({ where: { kind: "quarter" }, select: { id: true } });
const kept = await measure(async () => {
  for (const q of quarters) await keepPeriodTotals(db, q.id);
}, 1);
report({
  operation: "training: KPI totals of four closed quarters, scored and kept (once, at closing)",
  size: `${EMPLOYEES.toLocaleString("en-US")} employees × 4 quarters`,
  ms: kept.ms,
  peakMb: kept.peakMb,
});

const effectiveness = await measure(() => effectivenessReport(db, hr, window), 3);
if (effectiveness.value.length !== COURSES) throw new Error(`expected ${COURSES} courses, got ${effectiveness.value.length}`);
const withResults = effectiveness.value.filter((c) => c.results.status !== "noWindow").length;
console.error(`effectiveness: ${effectiveness.value.length} courses, ${withResults} with a results window`);
report({
  operation: "training: effectiveness report, whole organisation (four levels, every course)",
  size,
  ms: effectiveness.ms,
  peakMb: effectiveness.peakMb,
  floorMs: floor.ms,
  target: "≤ 2× floor",
  pass: effectiveness.ms <= 2 * floor.ms,
});

// 100 people change position: their totals in every kept quarter are scored again at the next report.
const others = await db.position.findFirstOrThrow({ where: { code: { not: "AM" } }, select: { id: true } });
await db.$executeRawUnsafe(
  `UPDATE "Employee" SET "positionId" = ? WHERE "id" IN (SELECT "id" FROM "Employee" WHERE "id" LIKE 'tb%' LIMIT 100)`,
  others.id,
);
const afterMoves = await measure(() => effectivenessReport(db, hr, window), 1);
report({
  operation: "training: effectiveness report, first after 100 employees changed position",
  size,
  ms: afterMoves.ms,
  peakMb: afterMoves.peakMb,
});

const hoursPage = await measure(() => hoursReport(db, hr, window, { page: 1, pageSize: 25 }), 2);
report({
  operation: "training: hours report, whole organisation (figures and the first page of people)",
  size,
  ms: hoursPage.ms,
  peakMb: hoursPage.peakMb,
});
const hours = await measure(() => hoursReport(db, hr, window), 2);
report({
  operation: "training: hours report, whole organisation, every person named (CSV export)",
  size,
  ms: hours.ms,
  peakMb: hours.peakMb,
});
await db.$disconnect();
