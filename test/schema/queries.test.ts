import { describe, expect, it } from "vitest";
import type { Actor } from "~/modules/auth/scope";
import * as authQueries from "~/modules/auth/queries.server";
import * as integrationQueries from "~/modules/integration/queries.server";
import * as kpiQueries from "~/modules/kpi/queries.server";
import * as opsQueries from "~/modules/ops/queries.server";
import * as payQueries from "~/modules/pay/queries.server";
import * as trainingQueries from "~/modules/training/queries.server";
import * as jobQueries from "~/server/jobs/queries.server";
import { db, dialectOf, sqlRead } from "~/utils/db.server";
import { packingSql, type PackedColumns } from "~/utils/packed-rows.server";

const head: Actor = { userId: "u", role: "dept_head", employeeId: null, scopePath: "/a/" };
const hr: Actor = { userId: "u", role: "hr_admin", employeeId: null, scopePath: null };

type Statement = { name: string; sql: string; postgres?: string };

/** Every defined query a module exports as a value. */
function definedQueries(module: Record<string, unknown>): Statement[] {
  return Object.values(module).filter(
    (v): v is Statement => typeof v === "object" && v !== null && "sql" in v && "row" in v && "name" in v,
  );
}

/** A packed read as it runs (its PostgreSQL form on PostgreSQL). */
function packed(
  name: string,
  read: { columns: PackedColumns; from: string; postgres?: { columns?: PackedColumns; from?: string } },
): Statement {
  return {
    name,
    sql: packingSql("sqlite", read.columns, read.from),
    postgres: packingSql("postgres", read.postgres?.columns ?? read.columns, read.postgres?.from ?? read.from),
  };
}

const statements: Statement[] = [
  ...[authQueries, integrationQueries, kpiQueries, opsQueries, payQueries, trainingQueries, jobQueries].flatMap(definedQueries),
  kpiQueries.actualsOf("p", ["e1", "e2"], ["k"]).query,
  kpiQueries.packedPeriodActuals("p", ["k1", "k2"]).query,
  packed("kpi.employeeNumbers", kpiQueries.employeeNumbers),
  packed("kpi.employeePositions", kpiQueries.employeePositions),
  packed("kpi.keptTotals", kpiQueries.keptTotals("p")),
  packed("kpi.employeesBesideKeptTotals", kpiQueries.employeesBesideKeptTotals("p", true)),
  packed("pay.runEmployees", payQueries.runEmployees),
  packed("pay.monthlyEmployees", payQueries.monthlyEmployees("2026-01-01", "2026-01-31")),
  packed("pay.lockedAdvances", payQueries.lockedAdvances(["2026-01", "2026-02"])),
  ...[head, hr].flatMap((actor) => [
    payQueries.unitRatingCounts(actor, "r").query,
    payQueries.runCalibrations(actor, "r").query,
    packed("training.employeeProfiles", trainingQueries.employeeProfiles(actor)),
    packed("training.employeeRowIds", trainingQueries.employeeRowIds(actor)),
    packed("training.keptTotalsInScope", trainingQueries.keptTotalsInScope(actor, "p")),
    packed("training.completionsInScope", trainingQueries.completionsInScope(actor, ["c"])),
    packed("training.sessionEnrolments", trainingQueries.sessionEnrolments(actor, ["s1", "s2"])),
    packed("training.hoursCompleted", trainingQueries.hoursCompleted(actor, "2026-01-01", "2026-04-01")),
  ]),
  trainingQueries.surveyResponseCounts(["s"]).query,
  trainingQueries.surveyAnswerCounts(["s"], ["i"]).query,
];

describe("the direct SQL of kpi, pay, training, auth, operations and jobs", () => {
  it.each(statements.map((s) => [s.name, s] as const))("%s compiles against the migrated schema", async (_, statement) => {
    const sql = dialectOf(db) === "postgres" ? (statement.postgres ?? statement.sql) : statement.sql;
    const placeholders = sql.match(/\?/g)?.length ?? 0;
    // EXPLAIN prepares the statement (every table and column must exist) without running it.
    const plan = await sqlRead(
      db,
      `EXPLAIN ${sql}`,
      Array.from({ length: placeholders }, () => null),
    );
    expect(plan.length).toBeGreaterThan(0);
  });
});
