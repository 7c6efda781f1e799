// Employee CSV import of 10,000 rows (validate every row, then one all-or-nothing transaction).
import { freshDatabase, measure, report } from "./lib";

const ROWS = 10_000;
const { url } = await freshDatabase("import");
process.env.DATABASE_URL = url;
const { db } = await import("~/utils/db.server");
const { seedOrganisation } = await import("../prisma/seed/index");
const { importEmployees, validateEmployeeCsv } = await import("~/modules/org/employees.server");

await seedOrganisation(db);
const units = ["JC-GE-GOV", "JC-GE-FIN", "JC-GE-ENT", "JC-GE-PUB"];
const lines = ["employeeNo,name,email,unitCode,positionCode,track,level,hireDate,managerNo"];
for (let i = 0; i < ROWS; i++) {
  const no = `B${String(i).padStart(6, "0")}`;
  const manager = i % 50 === 0 ? "E000001" : `B${String(i - (i % 50)).padStart(6, "0")}`;
  lines.push(
    `${no},员工${i},${no.toLowerCase()}@bench.example.com,${units[i % 4]},AM,skill,S${(i % 7) + 1},2015-0${(i % 9) + 1}-15,${manager}`,
  );
}
const csv = lines.join("\n");

const validation = await measure(() => validateEmployeeCsv(db, csv), 3);
if (validation.value.errors.length) throw new Error(JSON.stringify(validation.value.errors.slice(0, 3)));
report({
  operation: "employee CSV validation",
  size: `${ROWS.toLocaleString("en-US")} rows`,
  ms: validation.ms,
  peakMb: validation.peakMb,
});

const run = await measure(async () => {
  const result = await importEmployees(db, "bench", csv);
  if (!result.ok) throw new Error("import failed");
  return result;
}, 1);
const floor = await measure(async () => {
  await db.$executeRawUnsafe(
    `CREATE TEMP TABLE IF NOT EXISTS floor_emp (no TEXT PRIMARY KEY, name TEXT, email TEXT, unit TEXT, pos TEXT, track TEXT, level TEXT, hire TEXT, manager TEXT)`,
  );
  await db.$executeRawUnsafe(`DELETE FROM floor_emp`);
  const rows = lines.slice(1).map((l) => l.split(","));
  await db.$transaction(async (tx) => {
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      await tx.$executeRawUnsafe(`INSERT INTO floor_emp VALUES ${chunk.map(() => "(?,?,?,?,?,?,?,?,?)").join(",")}`, ...chunk.flat());
    }
  });
}, 1);
report({
  operation: "employee CSV import (create)",
  size: `${ROWS.toLocaleString("en-US")} rows`,
  ms: run.ms,
  peakMb: run.peakMb,
  floorMs: floor.ms,
  target: "< 30 s",
  pass: run.ms < 30_000,
});
await db.$disconnect();
