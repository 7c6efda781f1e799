// The statements this capability runs beside Prisma: SQLite's form, and PostgreSQL's where it differs.
import type { Db, Dialect } from "~/utils/db.server";
import { numberPlaceholders } from "~/utils/postgres.server";

/**
 * Inside a Prisma interactive transaction (the import lands whole or not at all), on the
 * database `dialect` names: the transaction's handle does not tell.
 */
type Tx = Pick<Db, "$executeRawUnsafe">;

/** A statement written with `?` placeholders; Prisma's raw SQL on PostgreSQL takes `$1, $2, …`. */
function run(tx: Tx, dialect: Dialect, sql: string, args: unknown[] = []) {
  return tx.$executeRawUnsafe(dialect === "postgres" ? numberPlaceholders(sql) : sql, ...args);
}

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
export async function insertEmployees(tx: Tx, dialect: Dialect, rows: NewEmployeeRow[], now: string) {
  await run(
    tx,
    dialect,
    `INSERT INTO "Employee" ("id", "employeeNo", "name", "email", "unitId", "positionId", "track", "level", "hireDate", "createdAt", "updatedAt") VALUES ${rows.map(() => "(?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
    rows.flatMap((r) => [r.id, r.employeeNo, r.name, r.email, r.unitId, r.positionId, r.track, r.level, r.hireDate, now, now]),
  );
}

/** An imported row as staged: the employee's fields, their manager and whether they already existed. */
export type StagedEmployeeRow = Omit<NewEmployeeRow, "employeeNo"> & { managerId: string | null; isUpdate: boolean };

// Updates and manager links go through a keyed temporary table and one UPDATE … FROM each.
// SQLite keeps temporary tables in the schema "temp", PostgreSQL in "pg_temp" (there the table
// also goes with the transaction, should it end before the last statement).

/** (Re)creates the empty staging table of an import. */
export async function createImportStaging(tx: Tx, dialect: Dialect) {
  if (dialect === "postgres") {
    await run(tx, dialect, `DROP TABLE IF EXISTS pg_temp."import_employee"`);
    await run(
      tx,
      dialect,
      `CREATE TEMP TABLE "import_employee" (id TEXT PRIMARY KEY, name TEXT, email TEXT, unitId TEXT, positionId TEXT, track TEXT, level TEXT, hireDate TIMESTAMP(3), managerId TEXT, isUpdate INTEGER) ON COMMIT DROP`,
    );
    return;
  }
  await run(tx, dialect, `DROP TABLE IF EXISTS temp."import_employee"`);
  await run(
    tx,
    dialect,
    `CREATE TEMP TABLE "import_employee" (id TEXT PRIMARY KEY, name TEXT, email TEXT, unitId TEXT, positionId TEXT, track TEXT, level TEXT, hireDate TEXT, managerId TEXT, isUpdate INTEGER) WITHOUT ROWID`,
  );
}

const staging = (dialect: Dialect) => (dialect === "postgres" ? `pg_temp."import_employee"` : `temp."import_employee"`);

/** Stages imported rows (ten parameters each: keep `rows` to a few hundred). */
export async function stageImportedEmployees(tx: Tx, dialect: Dialect, rows: StagedEmployeeRow[]) {
  await run(
    tx,
    dialect,
    `INSERT INTO ${staging(dialect)} VALUES ${rows.map(() => "(?,?,?,?,?,?,?,?,?,?)").join(",")}`,
    rows.flatMap((r) => [r.id, r.name, r.email, r.unitId, r.positionId, r.track, r.level, r.hireDate, r.managerId, r.isUpdate ? 1 : 0]),
  );
}

/** Applies the staged rows: the fields of existing employees, then everyone's manager; drops the staging table. */
export async function applyImportStaging(tx: Tx, dialect: Dialect, now: string) {
  await run(
    tx,
    dialect,
    `UPDATE "Employee" SET "name" = i.name, "email" = i.email, "unitId" = i.unitId, "positionId" = i.positionId, "track" = i.track, "level" = i.level, "hireDate" = i.hireDate, "updatedAt" = ?
     FROM ${staging(dialect)} AS i WHERE "Employee"."id" = i.id AND i.isUpdate = 1`,
    [now],
  );
  await run(tx, dialect, `UPDATE "Employee" SET "managerId" = i.managerId FROM ${staging(dialect)} AS i WHERE "Employee"."id" = i.id`);
  await run(tx, dialect, `DROP TABLE ${staging(dialect)}`);
}
