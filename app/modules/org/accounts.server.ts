import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import type { Role } from "~/modules/auth/roles";
import { invalidateUserSessions } from "~/modules/auth/session.server";
import { OrgRuleError } from "./units.server";

/** Creates or changes the sign-in account of an employee. Role changes apply on the next request. */
export async function setAccount(db: Db, actorId: string, employeeId: string, input: { role: Role; scopeUnitId?: string }) {
  const employee = await db.employee.findUnique({ where: { id: employeeId }, select: { email: true, active: true, user: { select: { id: true, role: true, scopeUnitId: true } } } });
  if (!employee) throw new OrgRuleError("id", "errors.notFound");
  if (input.role === "dept_head" && !input.scopeUnitId) throw new OrgRuleError("scopeUnitId", "org.errors.scopeRequired");
  if (input.scopeUnitId && !(await db.unit.findUnique({ where: { id: input.scopeUnitId }, select: { id: true } }))) {
    throw new OrgRuleError("scopeUnitId", "errors.unknownUnit");
  }
  const scopeUnitId = input.role === "dept_head" ? input.scopeUnitId! : null;
  const before = employee.user;
  const user = await db.$transaction(async (tx) => {
    const saved = before
      ? await tx.user.update({ where: { id: before.id }, data: { role: input.role, scopeUnitId }, select: { id: true } })
      : await tx.user.create({ data: { email: employee.email, employeeId, role: input.role, scopeUnitId, disabled: !employee.active }, select: { id: true } });
    await audit(tx, { actorId, action: before ? "user.role" : "user.create", entity: "User", entityId: saved.id, before, after: { role: input.role, scopeUnitId } });
    return saved;
  });
  return user.id;
}

export async function setUserDisabled(db: Db, actorId: string, userId: string, disabled: boolean) {
  if (userId === actorId && disabled) throw new OrgRuleError("disabled", "org.errors.cannotDisableSelf");
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabled } });
    await audit(tx, { actorId, action: disabled ? "user.disable" : "user.enable", entity: "User", entityId: userId });
  });
  if (disabled) await invalidateUserSessions(db, userId);
}
