// SQLite dialect; the statements this capability runs beside Prisma.
import { z } from "zod";
import { col, defineQuery } from "~/utils/sql.server";
import { unitPathScope, type Actor } from "./scope";

/** A session with its user, the user's scope unit and employee: read on every request. */
export const sessionWithUser = defineQuery(
  "auth.sessionWithUser",
  z.object({
    secretHash: col.text,
    expiresAt: col.date,
    absoluteExpiresAt: col.date,
    userId: col.text,
    email: col.text,
    role: col.text,
    locale: col.text,
    disabled: col.bool,
    employeeId: col.text.nullable(),
    scopePath: col.text.nullable(),
    name: col.text.nullable(),
    unitId: col.text.nullable(),
  }),
  `SELECT s."secretHash", s."expiresAt", s."absoluteExpiresAt", u."id" AS "userId", u."email", u."role", u."locale", u."disabled", u."employeeId",
          su."path" AS "scopePath", e."name", e."unitId"
   FROM "Session" s JOIN "User" u ON u."id" = s."userId"
   LEFT JOIN "Unit" su ON su."id" = u."scopeUnitId" LEFT JOIN "Employee" e ON e."id" = u."employeeId"
   WHERE s."id" = ?`,
);

/**
 * `unitWhere` for direct SQL: a condition that `column` (a unit id) lies in the actor's
 * subtree, with its parameters. Everything and nothing need no join: TRUE and FALSE (a condition on
 * PostgreSQL must be a boolean, not 1 or 0).
 */
export function unitIdScopeSql(actor: Actor, column: string): { sql: string; params: string[] } {
  const scope = unitPathScope(actor);
  if (scope === null) return { sql: "TRUE", params: [] };
  if (scope === undefined) return { sql: "FALSE", params: [] };
  return { sql: `${column} IN (SELECT "id" FROM "Unit" WHERE substr("path", 1, length(?)) = ?)`, params: [scope, scope] };
}

/** The same for `column` holding an employee id. */
export function employeeIdScopeSql(actor: Actor, column: string): { sql: string; params: string[] } {
  const units = unitIdScopeSql(actor, `"unitId"`);
  if (units.params.length === 0) return units;
  return { sql: `${column} IN (SELECT "id" FROM "Employee" WHERE ${units.sql})`, params: units.params };
}
