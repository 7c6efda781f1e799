export const ROLES = ["employee", "dept_head", "hr_admin", "sysadmin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * Everything a signed-in user may do, by role. Scoped actions (marked in SCOPED)
 * additionally need the target unit inside the user's scope.
 */
export const PERMISSIONS = {
  "self.view": ["employee", "dept_head", "hr_admin", "sysadmin"],
  "org.view": ["dept_head", "hr_admin", "sysadmin"],
  "org.manage": ["hr_admin"],
  "users.manage": ["sysadmin"],
  "accounts.request": ["hr_admin", "sysadmin"],
  "survey.manage": ["hr_admin"],
  "survey.report": ["dept_head", "hr_admin"],
  "survey.actionPlan": ["dept_head", "hr_admin"],
  "suggestion.handle": ["dept_head", "hr_admin"],
  "kpi.manage": ["hr_admin"],
  "kpi.view": ["dept_head", "hr_admin"],
  "kpi.checkin": ["employee", "dept_head", "hr_admin"],
  "pay.manage": ["hr_admin"],
  "pay.approve": ["hr_admin"],
  "pay.view": ["dept_head", "hr_admin"],
  "pay.calibrate": ["dept_head", "hr_admin"],
  "career.manage": ["hr_admin"],
  "career.review": ["dept_head", "hr_admin"],
  "rotation.manage": ["hr_admin"],
  "rotation.host": ["dept_head", "hr_admin"],
  "training.manage": ["hr_admin"],
  "training.report": ["dept_head", "hr_admin"],
  "training.nominate": ["dept_head", "hr_admin"],
  "api.tokens": ["hr_admin", "sysadmin"],
  "system.admin": ["sysadmin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function roleHas(role: Role, permission: Permission) {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
