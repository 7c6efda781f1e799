// node: --max-old-space-size=640
// A pay run for 100,000 employees with 8 KPIs each (900,000 actuals with the growth bonus's
// inputs): read scores and actuals, compute every line (base and performance pay pro-rated by
// days for the one in ten who joined during the quarter, the rating of every line, the
// subscriber-growth bonus, one pool over everyone) in memory, write the lines in one
// transaction. Then the calibration: the distribution of every unit against the period's
// guideline, 200 ratings moved, and the run recomputed with them. Target: each under 5 s, in
// under 1 GiB. The data is generated in another process first (pay-run-data.ts), so the peak
// memory is the run's own. The process runs with V8's heap capped at 640 MiB (the first line,
// read by bench/run.ts), as a memory-bounded server would: without a cap V8 keeps the first run's
// garbage and grows the heap for the recompute instead of collecting it (1.3 GiB), although the
// run needs a fraction of that. Alone: node --max-old-space-size=640 --import tsx
// bench/pay-run.bench.ts (or npm run bench -- pay-run).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { freshDatabase, measure, report } from "./lib";

const { url, dir } = await freshDatabase("pay");
process.env.DATABASE_URL = url;
const WHERE = process.env.BENCH_DATABASE === "postgres" ? "PostgreSQL" : "SQLite";
// PAY_BENCH_DATA: a SQLite database generated before (by pay-run-data.ts), copied instead of generating again.
if (process.env.PAY_BENCH_DATA && WHERE === "SQLite") fs.copyFileSync(process.env.PAY_BENCH_DATA, path.join(dir, "bench.db"));
else
  execFileSync(process.execPath, ["--import", "tsx", path.join("bench", "pay-run-data.ts")], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "inherit",
  });

const { db, sqlRead } = await import("~/utils/db.server");
const { createRun, recomputeRun } = await import("~/modules/pay/runs.server");
const { calibrate, unitDistributions } = await import("~/modules/pay/calibration.server");

const hr = await db.user.findFirstOrThrow({ where: { employee: { employeeNo: "E000003" } }, select: { id: true, employeeId: true } });
const period = await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q3" }, select: { id: true } });
const people = Number(
  (
    await sqlRead<{ n: number }>(
      db,
      `SELECT count(*) AS "n" FROM "Employee" e JOIN "Position" p ON p."id" = e."positionId" WHERE p."code" = 'AM'`,
    )
  )[0].n,
);
const size = `${people.toLocaleString("en-US")} employees × 8 KPIs`;
const GiB = 1024;

const cpu = process.cpuUsage();
const created = await measure(() => createRun(db, hr.id, period.id), 1);
const cpuMs = Math.round((process.cpuUsage(cpu).user + process.cpuUsage(cpu).system) / 1000);
const run = created.value;
if (run.issueCount !== 0 || run.employeeCount !== people) throw new Error(`unexpected run: ${JSON.stringify(run)}`);
const lines = await db.payLine.count({ where: { runId: run.id } });
if (lines !== people) throw new Error(`expected ${people} lines, got ${lines}`);
const prorated = await db.payLine.count({ where: { runId: run.id, inputsJson: { contains: `"d":` } } });
console.error(
  `pay run: ${lines} lines (${prorated} pro-rated), total ¥${(run.totalFen / 100).toFixed(2)}, ${created.ms} ms wall, ${cpuMs} ms CPU, peak ${created.peakMb} MiB`,
);
report({
  operation: `[${WHERE}] pay run with pro-rating (read, compute, write)`,
  size,
  ms: created.ms,
  peakMb: created.peakMb,
  target: "< 5 s, < 1 GiB",
  pass: created.ms < 5000 && created.peakMb < GiB,
});

const actor = { userId: hr.id, role: "hr_admin" as const, employeeId: hr.employeeId, scopePath: null };
const checked = await measure(() => unitDistributions(db, actor, run.id), 3);
console.error(`distribution of ${checked.value.units.length} units: ${checked.ms} ms`);
report({
  operation: `[${WHERE}] calibration: every unit's ratings against the guideline`,
  size,
  ms: checked.ms,
  peakMb: checked.peakMb,
  target: "< 1 s",
  pass: checked.ms < 1000,
});

// 200 ratings moved one by one (each a small transaction), then the run recomputed with them.
const targets = await sqlRead<{ employeeNo: string; rating: string }>(
  db,
  `SELECT e."employeeNo", l."rating" FROM "PayLine" l JOIN "Employee" e ON e."id" = l."employeeId" WHERE l."runId" = ? AND l."rating" = 'A' ORDER BY e."employeeNo" LIMIT 200`,
  [run.id],
);
const moved = await measure(async () => {
  for (const t of targets) await calibrate(db, actor, run.id, { employeeNo: t.employeeNo, rating: "B", reason: "校准：A 超出 20% 上限" });
  return targets.length;
}, 1);
console.error(`${moved.value} calibrations: ${moved.ms} ms`);
const recomputed = await measure(() => recomputeRun(db, hr.id, run.id), 1);
const calibratedLines = await db.payLine.count({ where: { runId: run.id, inputsJson: { contains: `"r":` } } });
if (calibratedLines !== targets.length) throw new Error(`expected ${targets.length} calibrated lines, got ${calibratedLines}`);
console.error(`recompute with ${calibratedLines} calibrated lines: ${recomputed.ms} ms, peak ${recomputed.peakMb} MiB`);
report({
  operation: `[${WHERE}] pay run recomputed with ${calibratedLines.toLocaleString("en-US")} calibrated ratings and pro-rating`,
  size,
  ms: recomputed.ms,
  peakMb: recomputed.peakMb,
  target: "< 5 s, < 1 GiB",
  pass: recomputed.ms < 5000 && recomputed.peakMb < GiB,
});
await db.$disconnect();
