// The statements this capability runs beside Prisma: SQLite's, with PostgreSQL's form beside where they differ.
import type { InValue } from "@libsql/client";
import { z } from "zod";
import { exec, col, defineQuery, dialectSql, pick, type Query } from "~/utils/sql.server";
import type { BulkTransaction, Db, Dialect } from "~/utils/db.server";
import { numberPlaceholders } from "~/utils/postgres.server";
import type { PackedRead } from "~/utils/packed-rows.server";

const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");

/**
 * A stored timestamp kept as the text it was stored as: the kept totals' key is built from it and
 * compared with it as stored, so it must not be re-encoded on the way.
 */
const storedStamp = z.union([z.string(), z.number(), z.bigint(), z.null()]).transform((v) => (v === null ? null : String(v)));

// --- Actuals import ---

/** Every employee's id, number, status and leaving day (packed: an import checks up to 100,000 rows against them). */
const employeeStatus = (d: Dialect, column: string) => [`"id"`, column, dialectSql[d].flag(`"active"`), dialectSql[d].day(`"leftOn"`)];

export const employeeNumbers: PackedRead = {
  columns: employeeStatus("sqlite", `"employeeNo"`),
  from: `FROM "Employee"`,
  params: [],
  postgres: { columns: employeeStatus("postgres", `"employeeNo"`) },
};

export type ActualRow = { employeeId: string; kpiId: string; value: number };

/**
 * Upserts actuals by (period, employee, KPI) inside a Prisma interactive transaction (the import
 * checks the period is open in the same transaction). One statement per call: keep `rows` to a
 * few hundred (eight parameters each). `dialect` is the database's: Prisma's raw statements take
 * `$n` placeholders on PostgreSQL, and its transaction handle does not say which it runs on.
 */
export async function upsertActuals(
  tx: Pick<Db, "$executeRawUnsafe">,
  dialect: Dialect,
  periodId: string,
  rows: ActualRow[],
  by: { source: string; actorId: string; at: string },
) {
  const placeholders = rows.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ");
  const params = rows.flatMap((v) => [crypto.randomUUID(), periodId, v.employeeId, v.kpiId, v.value, by.source, by.actorId, by.at]);
  const sql = `INSERT INTO "KpiActual" ("id", "periodId", "employeeId", "kpiId", "value", "source", "enteredById", "updatedAt") VALUES ${placeholders}
     ON CONFLICT ("periodId", "employeeId", "kpiId") DO UPDATE SET "value" = excluded."value", "source" = excluded."source", "enteredById" = excluded."enteredById", "updatedAt" = excluded."updatedAt"`;
  await tx.$executeRawUnsafe(dialect === "postgres" ? numberPlaceholders(sql) : sql, ...params);
}

// --- Period data ---

/** Every employee's id, position, status and leaving day (100,000 of them for a pay run). */
export const employeePositions: PackedRead = {
  columns: employeeStatus("sqlite", `"positionId"`),
  from: `FROM "Employee"`,
  params: [],
  postgres: { columns: employeeStatus("postgres", `"positionId"`) },
};

const actualRow = z.object({ employeeId: col.text, kpiId: col.text, value: col.int });

/** A short list of employees' actuals in a period, optionally of some KPIs only (read row by row). */
export function actualsOf(periodId: string, employeeIds: string[], kpiIds?: string[]): { query: Query<typeof actualRow>; args: InValue[] } {
  let sql = `SELECT "employeeId", "kpiId", "value" FROM "KpiActual" WHERE "periodId" = ? AND "employeeId" IN (${marks(employeeIds.length) || "NULL"})`;
  const args: InValue[] = [periodId, ...employeeIds];
  if (kpiIds) {
    sql += ` AND "kpiId" IN (${marks(kpiIds.length) || "NULL"})`;
    args.push(...kpiIds);
  }
  return { query: defineQuery("kpi.actualsOf", actualRow, sql), args };
}

const packedRow = z.object({ packed: z.string().nullable() });

/**
 * A whole period's actuals of the given KPIs as one text built by SQLite: `employeeId:k,v,k,v;…`
 * with each KPI as its index in `kpiIds` (a pay run reads 800,000 rows; per-row overhead in the
 * driver dominates otherwise). `kpiIds` must not be empty.
 */
export function packedPeriodActuals(periodId: string, kpiIds: string[]): { query: Query<typeof packedRow>; args: InValue[] } {
  const index = kpiIds.map((_, i) => `WHEN ? THEN ${i}`).join(" ");
  return {
    query: defineQuery(
      "kpi.packedPeriodActuals",
      packedRow,
      `SELECT group_concat("line", ';') AS "packed" FROM (
         SELECT "employeeId" || ':' || group_concat((CASE "kpiId" ${index} END) || ',' || "value", ',') AS "line"
         FROM "KpiActual" WHERE "periodId" = ? AND "kpiId" IN (${marks(kpiIds.length)}) GROUP BY "employeeId")`,
      `SELECT string_agg("line", ';') AS "packed" FROM (
         SELECT "employeeId" || ':' || string_agg((CASE "kpiId" ${index} END)::text || ',' || "value"::text, ',') AS "line"
         FROM "KpiActual" WHERE "periodId" = ? AND "kpiId" IN (${marks(kpiIds.length)}) GROUP BY "employeeId") x`,
    ),
    args: [...kpiIds, periodId, ...kpiIds],
  };
}

// --- Kept period totals ---

export const kpiDefinitionsStamp = defineQuery(
  "kpi.definitionsStamp",
  z.object({ n: col.int, at: storedStamp }),
  `SELECT count(*) AS n, max("updatedAt") AS at FROM "Kpi"`,
);

/** A period's first day (YYYY-MM-DD): who left before it is not appraised in it. */
export const periodFirstDay = defineQuery(
  "kpi.periodFirstDay",
  z.object({ firstDay: col.text }),
  `SELECT ${dialectSql.sqlite.day(`"startsOn"`)} AS "firstDay" FROM "AppraisalPeriod" WHERE "id" = ?`,
  `SELECT ${dialectSql.postgres.day(`"startsOn"`)} AS "firstDay" FROM "AppraisalPeriod" WHERE "id" = ?`,
);

/** A period's status and when it was closed (as stored: see `storedStamp`). */
export const periodClosing = defineQuery(
  "kpi.periodClosing",
  z.object({ status: col.text, closedAt: storedStamp }),
  `SELECT "status", "closedAt" FROM "AppraisalPeriod" WHERE "id" = ?`,
);

export const employeeChangeCount = defineQuery(
  "kpi.employeeChangeCount",
  z.object({ count: col.int }),
  `SELECT ifnull(max("count"), 0) AS count FROM "EmployeeChangeCount"`,
  `SELECT coalesce(max("count"), 0) AS count FROM "EmployeeChangeCount"`,
);

export const keptTotalsStateOf = defineQuery(
  "kpi.keptTotalsState",
  z.object({ key: col.text, employeeChanges: col.int }),
  `SELECT "key", "employeeChanges" FROM "KpiPeriodTotalsState" WHERE "periodId" = ?`,
);

export const closedPeriods = defineQuery(
  "kpi.closedPeriods",
  z.object({ id: col.text }),
  `SELECT "id" FROM "AppraisalPeriod" WHERE "status" = 'closed' ORDER BY "startsOn" DESC`,
);

/** A period's kept totals, those with one. */
export function keptTotals(periodId: string): PackedRead {
  return {
    columns: [`"employeeId"`, `"total"`],
    from: `FROM "KpiPeriodTotal" WHERE "periodId" = ? AND "total" IS NOT NULL`,
    params: [periodId],
  };
}

/**
 * Everyone as they are now, beside their kept row (when `keptHold`): "1" marks a kept row, then
 * its position and status.
 */
export function employeesBesideKeptTotals(periodId: string, keptHold: boolean): PackedRead {
  const columns = (d: Dialect) => {
    const flag = dialectSql[d].flag;
    return [`e."id"`, `e."positionId"`, flag(`e."active"`), flag(`t."employeeId" IS NOT NULL`), `t."positionId"`, flag(`t."active"`)];
  };
  return {
    columns: columns("sqlite"),
    from: `FROM "Employee" e LEFT JOIN "KpiPeriodTotal" t ON ? = 1 AND t."periodId" = ? AND t."employeeId" = e."id"`,
    params: [keptHold ? 1 : 0, periodId],
    postgres: { columns: columns("postgres") },
  };
}

/** Drops every kept total of a period (`all`), or only those of employees no longer there. */
export async function deleteKeptTotals(tx: BulkTransaction, periodId: string, all: boolean) {
  await exec(
    tx,
    all
      ? `DELETE FROM "KpiPeriodTotal" WHERE "periodId" = ?`
      : `DELETE FROM "KpiPeriodTotal" WHERE "periodId" = ? AND "employeeId" NOT IN (SELECT "id" FROM "Employee")`,
    [periodId],
  );
}

/** Writes kept totals: `rows` are [employeeId, positionId, active, total], sent as one JSON text. */
export async function insertKeptTotals(tx: BulkTransaction, periodId: string, rows: [string, string, number, number | null][]) {
  await exec(
    tx,
    pick(tx, {
      sqlite: `INSERT OR REPLACE INTO "KpiPeriodTotal" ("periodId","employeeId","positionId","active","total")
     SELECT ?, r.value->>0, r.value->>1, r.value->>2, r.value->>3 FROM json_each(?) r`,
      postgres: `INSERT INTO "KpiPeriodTotal" ("periodId","employeeId","positionId","active","total")
     SELECT ?, r.value->>0, r.value->>1, ((r.value->>2)::int)::boolean, (r.value->>3)::int FROM json_array_elements(?::json) r
     ON CONFLICT ("periodId","employeeId") DO UPDATE SET "positionId" = excluded."positionId", "active" = excluded."active", "total" = excluded."total"`,
    }),
    [periodId, JSON.stringify(rows)],
  );
}

export async function saveKeptTotalsState(tx: BulkTransaction, periodId: string, key: string, employeeChanges: number, computedAt: string) {
  const sql = pick(tx, {
    sqlite: `INSERT OR REPLACE INTO "KpiPeriodTotalsState" ("periodId","key","employeeChanges","computedAt") VALUES (?, ?, ?, ?)`,
    postgres: `INSERT INTO "KpiPeriodTotalsState" ("periodId","key","employeeChanges","computedAt") VALUES (?, ?, ?, ?)
     ON CONFLICT ("periodId") DO UPDATE SET "key" = excluded."key", "employeeChanges" = excluded."employeeChanges", "computedAt" = excluded."computedAt"`,
  });
  await exec(tx, sql, [periodId, key, employeeChanges, computedAt]);
}
