import { roleHas, type Permission, type Role } from "~/modules/auth/roles";

/** What a token may do, and the permission its creator must hold for it (now and at every use). */
export const API_SCOPES = {
  "org:read": "org.view",
  "org:write": "org.manage",
  "kpi:write": "kpi.manage",
  "training:read": "training.report",
  "training:write": "training.manage",
  "surveys:read": "survey.report",
  "suggestions:read": "suggestion.handle",
  "payroll:read": "pay.manage",
} as const satisfies Record<string, Permission>;

export type ApiScope = keyof typeof API_SCOPES;
export const SCOPE_NAMES = Object.keys(API_SCOPES) as ApiScope[];

export function isApiScope(value: unknown): value is ApiScope {
  return typeof value === "string" && value in API_SCOPES;
}

/** A token never grants more than its creator may do in the app. */
export function grantableScopes(role: Role): ApiScope[] {
  return SCOPE_NAMES.filter((scope) => roleHas(role, API_SCOPES[scope]));
}

/** The scopes a token holds today: granted at creation and still held by its creator's role. */
export function effectiveScopes(granted: readonly string[], creatorRole: Role): ApiScope[] {
  const allowed = new Set(grantableScopes(creatorRole));
  return granted.filter((s): s is ApiScope => isApiScope(s) && allowed.has(s));
}
