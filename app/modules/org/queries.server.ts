// SQLite dialect; the statements this capability runs beside Prisma.
import type { Db } from "~/utils/db.server";

/** Inside a Prisma interactive transaction: the import lands whole or not at all. */
type Tx = Pick<Db, "$executeRawUnsafe">;

/** A new employee as inserted; dates by `sqliteDate`. */
export type NewEmployeeRow = {
  id: string;
  employeeNo: string;
  name: string;
  email: string;
  unitId: string;
  positionId: string;
  track: string;
  level: string;
  hireDate: string;
};

/** Inserts employees in one statement (eleven parameters each: keep `rows` to a few hundred). */
export async function insertEmployees(tx: Tx, rows: NewEmployeeRow[], now: string) {
  await tx.$executeRawUnsafe(
    `INSERT INTO "Employee" ("id", "employeeNo", "name", "email", "unitId", "positionId", "track", "level", "hireDate", "createdAt", "updatedAt") VALUES ${rows.map(() => "(?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
    ...rows.flatMap((r) => [r.id, r.employeeNo, r.name, r.email, r.unitId, r.positionId, r.track, r.level, r.hireDate, now, now]),
  );
}

/** An imported row as staged: the employee's fields, their manager and whether they already existed. */
export type StagedEmployeeRow = Omit<NewEmployeeRow, "employeeNo"> & { managerId: string | null; isUpdate: boolean };

// Updates and manager links go through a keyed temporary table and one UPDATE … FROM each.

/** (Re)creates the empty staging table of an import. */
export async function createImportStaging(tx: Tx) {
  await tx.$executeRawUnsafe(`DROP TABLE IF EXISTS temp."import_employee"`);
  await tx.$executeRawUnsafe(
    `CREATE TEMP TABLE "import_employee" (id TEXT PRIMARY KEY, name TEXT, email TEXT, unitId TEXT, positionId TEXT, track TEXT, level TEXT, hireDate TEXT, managerId TEXT, isUpdate INTEGER) WITHOUT ROWID`,
  );
}

/** Stages imported rows (ten parameters each: keep `rows` to a few hundred). */
export async function stageImportedEmployees(tx: Tx, rows: StagedEmployeeRow[]) {
  await tx.$executeRawUnsafe(
    `INSERT INTO temp."import_employee" VALUES ${rows.map(() => "(?,?,?,?,?,?,?,?,?,?)").join(",")}`,
    ...rows.flatMap((r) => [r.id, r.name, r.email, r.unitId, r.positionId, r.track, r.level, r.hireDate, r.managerId, r.isUpdate ? 1 : 0]),
  );
}

/** Applies the staged rows: the fields of existing employees, then everyone's manager; drops the staging table. */
export async function applyImportStaging(tx: Tx, now: string) {
  await tx.$executeRawUnsafe(
    `UPDATE "Employee" SET "name" = i.name, "email" = i.email, "unitId" = i.unitId, "positionId" = i.positionId, "track" = i.track, "level" = i.level, "hireDate" = i.hireDate, "updatedAt" = ?
     FROM temp."import_employee" AS i WHERE "Employee"."id" = i.id AND i.isUpdate = 1`,
    now,
  );
  await tx.$executeRawUnsafe(
    `UPDATE "Employee" SET "managerId" = i.managerId FROM temp."import_employee" AS i WHERE "Employee"."id" = i.id`,
  );
  await tx.$executeRawUnsafe(`DROP TABLE temp."import_employee"`);
}
