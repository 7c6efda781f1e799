import { roleHas, type Permission, type Role } from "./roles";

/** What the authorisation rules need to know about the acting user. */
export type Actor = {
  userId: string;
  role: Role;
  employeeId: string | null;
  /** For dept_head: materialised path of the scope unit ("/a/b/"). */
  scopePath: string | null;
};

/** Unit paths the actor may see: null means every unit. An empty list means none. */
export function unitPathScope(actor: Actor): string | null | undefined {
  if (actor.role === "hr_admin" || actor.role === "sysadmin") return null;
  if (actor.role === "dept_head" && actor.scopePath) return actor.scopePath;
  return undefined;
}

export function isInScope(actor: Actor, unitPath: string) {
  const scope = unitPathScope(actor);
  if (scope === null) return true;
  if (scope === undefined) return false;
  return unitPath.startsWith(scope);
}

/**
 * The one answer to "may this user do X (on unit U)". For unit-bound permissions a
 * dept_head must have U inside their subtree; HR and sysadmin are organisation-wide.
 */
export function may(actor: Actor, permission: Permission, unitPath?: string) {
  if (!roleHas(actor.role, permission)) return false;
  if (unitPath === undefined) return true;
  return isInScope(actor, unitPath);
}

/**
 * `unitWhere` for direct SQL: a condition that `column` (a unit id) lies in the actor's
 * subtree, with its parameters. Everything and nothing need no join: "1" and "0".
 */
export function unitIdScopeSql(actor: Actor, column: string): { sql: string; params: string[] } {
  const scope = unitPathScope(actor);
  if (scope === null) return { sql: "1", params: [] };
  if (scope === undefined) return { sql: "0", params: [] };
  return { sql: `${column} IN (SELECT "id" FROM "Unit" WHERE substr("path", 1, length(?)) = ?)`, params: [scope, scope] };
}

/** The same for `column` holding an employee id. */
export function employeeIdScopeSql(actor: Actor, column: string): { sql: string; params: string[] } {
  const units = unitIdScopeSql(actor, `"unitId"`);
  if (units.params.length === 0) return units;
  return { sql: `${column} IN (SELECT "id" FROM "Employee" WHERE ${units.sql})`, params: units.params };
}

/** A Prisma `where` fragment restricting a relation to the actor's unit subtree. */
export function unitWhere(actor: Actor): { path?: { startsWith: string } } | { id: { in: never[] } } {
  const scope = unitPathScope(actor);
  if (scope === null) return {};
  if (scope === undefined) return { id: { in: [] } };
  return { path: { startsWith: scope } };
}
