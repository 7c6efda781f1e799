// The statements this capability runs beside Prisma: SQLite's, with PostgreSQL's form beside where they differ.
import type { InValue } from "@libsql/client";
import { z } from "zod";
import { unitIdScopeSql } from "~/modules/auth/queries.server";
import type { Actor } from "~/modules/auth/scope";
import type { BulkTransaction, Dialect } from "~/utils/db.server";
import type { PackedRead } from "~/utils/packed-rows.server";
import { col, defineQuery, dialectSql, exec, onPostgres, pick, type Query } from "~/utils/sql.server";

// --- Run inputs ---

/**
 * Every employee with unit path, level and post value, for a run (packed: 100,000 people). Hire
 * date and leaving date (the last day worked, empty while employed) as their days. The period run
 * pays whoever the period scored; `gatherInputs` leaves out those who left before it began.
 */
const runEmployeeColumns = (d: Dialect) => [
  `e."id"`,
  `e."employeeNo"`,
  `e."unitId"`,
  `u."path"`,
  `e."track"`,
  `e."level"`,
  `p."code"`,
  `p."postValue"`,
  dialectSql[d].day(`e."hireDate"`),
  dialectSql[d].day(`e."leftOn"`),
];

export const runEmployees: PackedRead = {
  columns: runEmployeeColumns("sqlite"),
  from: `FROM "Employee" e JOIN "Unit" u ON u."id" = e."unitId" JOIN "Position" p ON p."id" = e."positionId"`,
  params: [],
  postgres: { columns: runEmployeeColumns("postgres") },
};

/**
 * The people a monthly run pays, as `runEmployees`: hired on or before the month's last day, and
 * either still employed (active, no leaving date) or leaving on or after its first day (days as
 * YYYY-MM-DD). An inactive person without a leaving date (deactivated before dates were kept) is
 * not paid, as before.
 */
export const monthlyEmployees = (firstDay: string, lastDay: string): PackedRead => {
  const where = (d: Dialect) =>
    `${runEmployees.from} WHERE ${dialectSql[d].day(`e."hireDate"`)} <= ?
    AND (CASE WHEN e."leftOn" IS NULL THEN e."active" = TRUE ELSE ${dialectSql[d].day(`e."leftOn"`)} >= ? END)`;
  return {
    ...runEmployees,
    from: where("sqlite"),
    params: [lastDay, firstDay],
    postgres: { ...runEmployees.postgres, from: where("postgres") },
  };
};

/**
 * The advances paid in the locked monthly runs of the given months: employee id, month and
 * advance in fen, one row per person and month (packed: one read for a whole settlement).
 */
export const lockedAdvances = (months: string[]): PackedRead => ({
  columns: [`l."employeeId"`, `r."month"`, `l."advanceFen"`],
  from: `FROM "PayLine" l JOIN "PayRun" r ON r."id" = l."runId"
    WHERE r."kind" = 'monthly' AND r."status" = 'locked' AND r."month" IN (${months.map(() => "?").join(",")}) AND l."advanceFen" <> 0`,
  params: months,
});

// --- Runs and their lines ---

/** The run row's columns that hold a computation, in the order of `compute().figures`. */
const RUN_FIGURES = ["paramsJson", "poolsJson", "issuesJson", "issueCount", "employeeCount", "totalFen"].map((c) => `"${c}"`);

/** What a run row stores of a computation, in the order of RUN_FIGURES. */
export type RunFigures = [string, string, string, number, number, number];

/**
 * Inserts a draft run unless the period already has a run: false when it has (see `createRun`).
 * On PostgreSQL two transactions could both see no run (read committed) and both insert: a lock
 * on the period, held to the end of the transaction, makes the second wait and then see the first.
 */
export async function insertDraftRun(
  tx: BulkTransaction,
  run: {
    id: string;
    periodId: string;
    periodCode: string;
    kind: string;
    month: string | null;
    figures: RunFigures;
    preparedById: string;
    at: string;
    headSignOff: boolean;
  },
) {
  if (onPostgres(tx)) await exec(tx, `SELECT pg_advisory_xact_lock(hashtext('PayRun:' || ?::text))`, [run.periodId]);
  const inserted = await exec(
    tx,
    pick(tx, {
      sqlite: `INSERT INTO "PayRun" ("id","periodId","periodCode","kind","month","status",${RUN_FIGURES.join(",")},"preparedById","computedAt","createdAt","headSignOff")
     SELECT ?,?,?,?,?,'draft',?,?,?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM "PayRun" WHERE "periodId" = ?)`,
      // A SELECT list does not take its parameters' types from the columns: each is cast.
      postgres: `INSERT INTO "PayRun" ("id","periodId","periodCode","kind","month","status",${RUN_FIGURES.join(",")},"preparedById","computedAt","createdAt","headSignOff")
     SELECT ?::text,?::text,?::text,?::text,?::text,'draft',?::text,?::text,?::text,?::bigint,?::bigint,?::bigint,?::text,?::timestamp,?::timestamp,(?::int)::boolean
     WHERE NOT EXISTS (SELECT 1 FROM "PayRun" WHERE "periodId" = ?)`,
    }),
    [
      run.id,
      run.periodId,
      run.periodCode,
      run.kind,
      run.month,
      ...run.figures,
      run.preparedById,
      run.at,
      run.at,
      run.headSignOff ? 1 : 0,
      run.periodId,
    ],
  );
  return inserted === 1;
}

/** Stores a recomputation on a run still in draft: false when it is no longer one. */
export async function updateDraftRun(
  tx: BulkTransaction,
  runId: string,
  figures: RunFigures,
  preparedById: string,
  at: string,
  headSignOff: boolean,
) {
  const updated = await exec(
    tx,
    `UPDATE "PayRun" SET ${RUN_FIGURES.map((c) => `${c} = ?`).join(", ")}, "preparedById" = ?, "computedAt" = ?, "headSignOff" = ? WHERE "id" = ? AND "status" = 'draft'`,
    [...figures, preparedById, at, headSignOff ? 1 : 0, runId],
  );
  return updated === 1;
}

export async function deletePayLines(tx: BulkTransaction, runId: string) {
  await exec(tx, `DELETE FROM "PayLine" WHERE "runId" = ?`, [runId]);
}

/**
 * One pay line as written: employeeId, unitId, the four parts and total in fen, rating, the packed
 * inputs as JSON text, then the advance and the advances deducted in fen.
 */
export type PayLineRow = [string, string, number, number, number, number, number, string | null, string, number, number];

/**
 * Writes lines as one JSON array, expanded by SQLite (json_each): tens of thousands of bound
 * parameters per statement cost far more to pass than one text.
 */
export async function insertPayLines(tx: BulkTransaction, runId: string, rows: PayLineRow[]) {
  await exec(
    tx,
    pick(tx, {
      sqlite: `INSERT INTO "PayLine" ("runId","employeeId","unitId","basePayFen","performancePayFen","growthBonusFen","poolShareFen","totalFen","rating","inputsJson","advanceFen","advancesDeductedFen")
     SELECT ?, r.value->>0, r.value->>1, r.value->>2, r.value->>3, r.value->>4, r.value->>5, r.value->>6, r.value->>7, r.value->>8, r.value->>9, r.value->>10
     FROM json_each(?) r`,
      // ->> gives text on PostgreSQL: each amount is cast to the column's type.
      postgres: `INSERT INTO "PayLine" ("runId","employeeId","unitId","basePayFen","performancePayFen","growthBonusFen","poolShareFen","totalFen","rating","inputsJson","advanceFen","advancesDeductedFen")
     SELECT ?, r.value->>0, r.value->>1, (r.value->>2)::bigint, (r.value->>3)::bigint, (r.value->>4)::bigint, (r.value->>5)::bigint, (r.value->>6)::bigint,
       r.value->>7, r.value->>8, (r.value->>9)::bigint, (r.value->>10)::bigint
     FROM json_array_elements(?::json) r`,
    }),
    [runId, JSON.stringify(rows)],
  );
}

// --- Budgets ---

const spendRow = z.object({ path: col.text, fen: col.sum });

/**
 * What locked runs of a year and their adjustments paid, by unit path (one row per unit), leaving
 * out one run. Dates are stored as ISO text: the year is its first four characters. A monthly run
 * counts in its month's year (it has no appraisal period); a settlement line's total is already
 * net of the advances it deducts, so each advance is counted once, in its monthly run.
 * Arguments: `committedSpendArgs`.
 */
export const committedSpend = defineQuery(
  "pay.committedSpend",
  spendRow,
  `SELECT u."path" AS "path", SUM(x."fen") AS "fen" FROM (
     SELECT l."unitId" AS "unitId", SUM(l."totalFen") AS "fen" FROM "PayLine" l
       JOIN "PayRun" r ON r."id" = l."runId" LEFT JOIN "AppraisalPeriod" p ON p."id" = r."periodId"
       WHERE r."status" = 'locked' AND r."id" <> ? AND coalesce(substr(r."month", 1, 4), substr(p."startsOn", 1, 4)) = ? GROUP BY l."unitId"
     UNION ALL
     SELECT l."unitId", SUM(a."amountFen") FROM "PayAdjustment" a
       JOIN "PayLine" l ON l."runId" = a."runId" AND l."employeeId" = a."employeeId"
       JOIN "PayRun" r ON r."id" = a."runId" LEFT JOIN "AppraisalPeriod" p ON p."id" = r."periodId"
       WHERE r."id" <> ? AND coalesce(substr(r."month", 1, 4), substr(p."startsOn", 1, 4)) = ? GROUP BY l."unitId"
   ) x JOIN "Unit" u ON u."id" = x."unitId" GROUP BY x."unitId"`,
  // Dates are timestamps: the year through to_char. Grouped by the unit's key, so its path may be selected.
  `SELECT u."path" AS "path", SUM(x."fen") AS "fen" FROM (
     SELECT l."unitId" AS "unitId", SUM(l."totalFen") AS "fen" FROM "PayLine" l
       JOIN "PayRun" r ON r."id" = l."runId" LEFT JOIN "AppraisalPeriod" p ON p."id" = r."periodId"
       WHERE r."status" = 'locked' AND r."id" <> ? AND coalesce(substr(r."month", 1, 4), to_char(p."startsOn", 'YYYY')) = ? GROUP BY l."unitId"
     UNION ALL
     SELECT l."unitId", SUM(a."amountFen") FROM "PayAdjustment" a
       JOIN "PayLine" l ON l."runId" = a."runId" AND l."employeeId" = a."employeeId"
       JOIN "PayRun" r ON r."id" = a."runId" LEFT JOIN "AppraisalPeriod" p ON p."id" = r."periodId"
       WHERE r."id" <> ? AND coalesce(substr(r."month", 1, 4), to_char(p."startsOn", 'YYYY')) = ? GROUP BY l."unitId"
   ) x JOIN "Unit" u ON u."id" = x."unitId" GROUP BY u."id"`,
);

export const committedSpendArgs = (year: number, exceptRunId: string): InValue[] => [exceptRunId, String(year), exceptRunId, String(year)];

/** What one run pays, by unit path. */
export const runSpend = defineQuery(
  "pay.runSpend",
  spendRow,
  `SELECT u."path" AS "path", SUM(l."totalFen") AS "fen" FROM "PayLine" l JOIN "Unit" u ON u."id" = l."unitId" WHERE l."runId" = ? GROUP BY l."unitId"`,
  `SELECT u."path" AS "path", SUM(l."totalFen") AS "fen" FROM "PayLine" l JOIN "Unit" u ON u."id" = l."unitId" WHERE l."runId" = ? GROUP BY u."id"`,
);

// --- Calibration ---

const ratingCountRow = z.object({ unitId: col.text, nameZh: col.text, nameEn: col.text, rating: col.text.nullable(), n: col.int });

/** Each unit's count of each rating in a run, for the units in the actor's scope: one GROUP BY over the run's lines. */
export function unitRatingCounts(actor: Actor, runId: string): { query: Query<typeof ratingCountRow>; args: InValue[] } {
  const scope = unitIdScopeSql(actor, `l."unitId"`);
  return {
    query: defineQuery(
      "pay.unitRatingCounts",
      ratingCountRow,
      `SELECT l."unitId", u."nameZh", u."nameEn", l."rating", count(*) AS n FROM "PayLine" l JOIN "Unit" u ON u."id" = l."unitId"
       WHERE l."runId" = ? AND ${scope.sql} GROUP BY l."unitId", l."rating" ORDER BY u."sortOrder", u."code"`,
      `SELECT l."unitId", u."nameZh", u."nameEn", l."rating", count(*) AS n FROM "PayLine" l JOIN "Unit" u ON u."id" = l."unitId"
       WHERE l."runId" = ? AND ${scope.sql} GROUP BY l."unitId", u."id", l."rating" ORDER BY u."sortOrder", u."code"`,
    ),
    args: [runId, ...scope.params],
  };
}

const calibrationRow = z.object({
  id: col.text,
  employeeNo: col.text,
  name: col.text,
  fromRating: col.text,
  toRating: col.text,
  reason: col.text,
  by: col.text.nullable(),
  createdAt: col.date,
});

/** The calibrations of a run in the actor's scope, newest first (at most 200). */
export function runCalibrations(actor: Actor, runId: string): { query: Query<typeof calibrationRow>; args: InValue[] } {
  const scope = unitIdScopeSql(actor, `c."unitId"`);
  return {
    query: defineQuery(
      "pay.runCalibrations",
      calibrationRow,
      `SELECT c."id", e."employeeNo", e."name", c."fromRating", c."toRating", c."reason", be."name" AS "by", c."createdAt"
       FROM "PayCalibration" c JOIN "Employee" e ON e."id" = c."employeeId" LEFT JOIN "User" b ON b."id" = c."createdById" LEFT JOIN "Employee" be ON be."id" = b."employeeId"
       WHERE c."runId" = ? AND ${scope.sql} ORDER BY c."createdAt" DESC LIMIT 200`,
    ),
    args: [runId, ...scope.params],
  };
}
