import type { Role } from "~/modules/auth/roles";

/**
 * Separation of duties on accounts, as plain rules:
 * - nobody requests, approves or resets anything on their own account;
 * - a role change takes two people: the requester and a different approver;
 * - anything that grants the sysadmin role, or touches a sysadmin's account, is requested and
 *   approved by sysadmins only (HR cannot create sysadmins);
 * - a password reset of a privileged account (HR, head, sysadmin) needs a second admin.
 */
export type AccountActor = { userId: string; role: Role };
export type AccountTarget = { userId: string; role: Role };
export type AccountRuleError =
  | "accounts.errors.self"
  | "accounts.errors.sysadminOnly"
  | "accounts.errors.noChange"
  | "accounts.errors.sameApprover"
  | "accounts.errors.notPending";

export const PRIVILEGED_ROLES: readonly Role[] = ["dept_head", "hr_admin", "sysadmin"];

export function isPrivileged(role: Role) {
  return PRIVILEGED_ROLES.includes(role);
}

function touchesSysadmin(target: AccountTarget, newRole?: Role) {
  return target.role === "sysadmin" || newRole === "sysadmin";
}

/** May the actor ask for the target's role to become `newRole` (scope changes count as changes)? */
export function roleRequestRefusal(
  actor: AccountActor,
  target: AccountTarget,
  change: { role: Role; changed: boolean },
): AccountRuleError | null {
  if (actor.userId === target.userId) return "accounts.errors.self";
  if (touchesSysadmin(target, change.role) && actor.role !== "sysadmin") return "accounts.errors.sysadminOnly";
  if (!change.changed) return "accounts.errors.noChange";
  return null;
}

/** May the actor issue (or ask for) a password-reset or invitation link for the target? */
export function resetRefusal(actor: AccountActor, target: AccountTarget): AccountRuleError | null {
  if (actor.userId === target.userId) return "accounts.errors.self";
  if (target.role === "sysadmin" && actor.role !== "sysadmin") return "accounts.errors.sysadminOnly";
  return null;
}

/** A link for a privileged account is issued only when a second admin approves it. */
export function resetNeedsApproval(target: AccountTarget) {
  return isPrivileged(target.role);
}

export type PendingRequest = { status: string; requestedById: string; userId: string; kind: string; role: string | null };

/** May the actor approve or reject the request? */
export function decisionRefusal(actor: AccountActor, request: PendingRequest, target: AccountTarget): AccountRuleError | null {
  if (request.status !== "pending") return "accounts.errors.notPending";
  if (actor.userId === request.userId) return "accounts.errors.self";
  if (actor.userId === request.requestedById) return "accounts.errors.sameApprover";
  if (touchesSysadmin(target, request.kind === "role" ? (request.role as Role) : undefined) && actor.role !== "sysadmin")
    return "accounts.errors.sysadminOnly";
  return null;
}
