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

/** A Prisma `where` fragment restricting a relation to the actor's unit subtree. */
export function unitWhere(actor: Actor): { path?: { startsWith: string } } | { id: { in: never[] } } {
  const scope = unitPathScope(actor);
  if (scope === null) return {};
  if (scope === undefined) return { id: { in: [] } };
  return { path: { startsWith: scope } };
}
