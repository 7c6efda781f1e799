// The statements this capability runs beside Prisma: SQLite's form, and PostgreSQL's where it differs.
import type { InValue } from "@libsql/client";
import { z } from "zod";
import { employeeIdScopeSql, unitIdScopeSql } from "~/modules/auth/queries.server";
import type { Actor } from "~/modules/auth/scope";
import type { Dialect } from "~/utils/db.server";
import type { PackedRead } from "~/utils/packed-rows.server";
import { col, defineQuery, dialectSql, type Query } from "~/utils/sql.server";

const marks = (n: number) => Array.from({ length: n }, () => "?").join(",");

// --- Survey answers (reaction, needs) ---
// Only counts per survey, cut unit, item and value: never a response id, never one person's answers.

const responseCountRow = z.object({ surveyId: col.text, unitId: col.text.nullable(), n: col.int });

/** Responses per survey and cut unit. `surveyIds` must not be empty. */
export function surveyResponseCounts(surveyIds: string[]): { query: Query<typeof responseCountRow>; args: InValue[] } {
  return {
    query: defineQuery(
      "training.surveyResponseCounts",
      responseCountRow,
      `SELECT "surveyId", "unitId", COUNT(*) AS n FROM "SurveyResponse" WHERE "surveyId" IN (${marks(surveyIds.length)}) GROUP BY "surveyId", "unitId"`,
    ),
    args: surveyIds,
  };
}

const answerCountRow = z.object({ surveyId: col.text, unitId: col.text.nullable(), itemId: col.text, value: col.int, n: col.int });

/** Answers per survey, cut unit, item and value (option index or scale point). Neither list may be empty. */
export function surveyAnswerCounts(surveyIds: string[], itemIds: string[]): { query: Query<typeof answerCountRow>; args: InValue[] } {
  return {
    query: defineQuery(
      "training.surveyAnswerCounts",
      answerCountRow,
      `SELECT r."surveyId" AS "surveyId", r."unitId" AS "unitId", a."itemId" AS "itemId", a."value" AS "value", COUNT(*) AS n
         FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r."id" = a."responseId"
        WHERE r."surveyId" IN (${marks(surveyIds.length)}) AND a."itemId" IN (${marks(itemIds.length)})
        GROUP BY r."surveyId", r."unitId", a."itemId", a."value"`,
    ),
    args: [...surveyIds, ...itemIds],
  };
}

// --- Results (difference in differences over KPI totals) ---
// People are read by their row's id in the employee table: stable within one snapshot, and a small integer.

/**
 * PostgreSQL has no rowid: there each employee's number is their rank by id among all employees,
 * the same in every read of one snapshot (the reads of `resultsContext` share one).
 */
const numberedEmployees = `(SELECT "id", "unitId", "positionId", "track", "active", row_number() OVER (ORDER BY "id") AS "rowid" FROM "Employee")`;

/** Every employee in the actor's scope: rowid, position, track, status. */
export function employeeProfiles(actor: Actor): PackedRead {
  const scope = unitIdScopeSql(actor, `e."unitId"`);
  const columns = (d: Dialect) => [`e."rowid"`, `e."positionId"`, `e."track"`, dialectSql[d].flag(`e."active"`)];
  return {
    columns: columns("sqlite"),
    from: `FROM "Employee" e WHERE ${scope.sql}`,
    params: scope.params,
    postgres: { columns: columns("postgres"), from: `FROM ${numberedEmployees} e WHERE ${scope.sql}` },
  };
}

/** Every employee in the actor's scope: rowid and id. */
export function employeeRowIds(actor: Actor): PackedRead {
  const scope = unitIdScopeSql(actor, `e."unitId"`);
  return {
    columns: [`e."rowid"`, `e."id"`],
    from: `FROM "Employee" e WHERE ${scope.sql}`,
    params: scope.params,
    postgres: { from: `FROM ${numberedEmployees} e WHERE ${scope.sql}` },
  };
}

/** A closed period's kept totals of the employees in the actor's scope: rowid and total, those with one. */
export function keptTotalsInScope(actor: Actor, periodId: string): PackedRead {
  const scope = unitIdScopeSql(actor, `e."unitId"`);
  const join = `JOIN "KpiPeriodTotal" t ON t."periodId" = ? AND t."employeeId" = e."id" WHERE t."total" IS NOT NULL AND ${scope.sql}`;
  return {
    columns: [`e."rowid"`, `t."total"`],
    from: `FROM "Employee" e ${join}`,
    params: [periodId, ...scope.params],
    postgres: { from: `FROM ${numberedEmployees} e ${join}` },
  };
}

/** Completed enrolments in sessions of these courses (not empty), of employees in the actor's scope: course, session, rowid. */
export function completionsInScope(actor: Actor, courseIds: string[]): PackedRead {
  const scope = unitIdScopeSql(actor, `e."unitId"`);
  const from = (
    employees: string,
  ) => `FROM "TrainingEnrolment" en JOIN "TrainingSession" s ON s."id" = en."sessionId" JOIN ${employees} e ON e."id" = en."employeeId"
           WHERE s."courseId" IN (${marks(courseIds.length)}) AND en."completedAt" IS NOT NULL AND ${scope.sql}`;
  return {
    columns: [`s."courseId"`, `en."sessionId"`, `e."rowid"`],
    from: from(`"Employee"`),
    params: [...courseIds, ...scope.params],
    postgres: { from: from(numberedEmployees) },
  };
}

// --- Effectiveness ---

/**
 * The enrolments of these sessions (not empty) of employees in the actor's scope, with their
 * behaviour assessment: session, attendance, completed, pre and post score, assessed,
 * application and improvement score, submitted.
 */
export function sessionEnrolments(actor: Actor, sessionIds: string[]): PackedRead {
  const scope = employeeIdScopeSql(actor, `e."employeeId"`);
  // Conditions packed as 1/0 on both databases.
  const columns = (d: Dialect) => {
    const flag = dialectSql[d].flag;
    return [
      `e."sessionId"`,
      `e."attendance"`,
      flag(`e."completedAt" IS NOT NULL`),
      `e."preScore"`,
      `e."postScore"`,
      flag(`b."id" IS NOT NULL`),
      `b."applicationScore"`,
      `b."improvementScore"`,
      flag(`b."submittedAt" IS NOT NULL`),
    ];
  };
  return {
    columns: columns("sqlite"),
    from: `FROM "TrainingEnrolment" e LEFT JOIN "TrainingBehaviourAssessment" b ON b."enrolmentId" = e."id"
           WHERE e."sessionId" IN (${marks(sessionIds.length)}) AND e."status" = 'enrolled' AND ${scope.sql}`,
    params: [...sessionIds, ...scope.params],
    postgres: { columns: columns("postgres") },
  };
}

// --- Reports ---

/**
 * Hours completed in a window (dates by `sqliteDate`, its end excluded) per active employee in
 * the actor's scope: id, unit, tenths of hours and courses. Ordered as listed: by unit, then
 * employee number.
 */
export function hoursCompleted(actor: Actor, from: string, to: string): PackedRead {
  const scope = unitIdScopeSql(actor, `e."unitId"`);
  const rest = (window: string, active: string) => `FROM "Employee" e JOIN "Unit" u ON u."id" = e."unitId"
     LEFT JOIN (SELECT en."employeeId", sum(co."hoursTenths") AS "tenths", count(*) AS "courses"
                FROM "TrainingEnrolment" en JOIN "TrainingSession" s ON s."id" = en."sessionId" JOIN "TrainingCourse" co ON co."id" = s."courseId"
                WHERE en."completedAt" IS NOT NULL AND ${window}
                GROUP BY en."employeeId") c ON c."employeeId" = e."id"
     WHERE ${active} AND ${scope.sql}`;
  return {
    columns: { select: [`e."id"`, `e."unitId"`, `c."tenths"`, `c."courses"`], orderBy: `u."path", e."employeeNo"` },
    from: rest(`julianday(s."endsAt") >= julianday(?) AND julianday(s."endsAt") < julianday(?)`, `e."active" = 1`),
    params: [from, to, ...scope.params],
    // Timestamps hold UTC on PostgreSQL: compared as they are.
    postgres: { from: rest(`s."endsAt" >= ?::timestamp AND s."endsAt" < ?::timestamp`, `e."active"`) },
  };
}
