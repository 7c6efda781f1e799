import type { Permission } from "~/modules/auth/roles";
import type { MessageKey } from "~/utils/i18n";

export type NavItem = {
  to: string;
  label: MessageKey;
  /** Shown only to users who hold this permission; omitted: every signed-in user. */
  permission?: Permission;
  /** Shown only to users linked to an employee record. */
  employeeOnly?: boolean;
  section: "me" | "manage" | "system";
};

/** One list of pages; each capability adds its entries here. */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "nav.home", section: "me" },
  { to: "/org/units", label: "nav.units", permission: "org.view", section: "manage" },
  { to: "/org/employees", label: "nav.employees", permission: "org.view", section: "manage" },
  { to: "/admin/users", label: "nav.users", permission: "users.manage", section: "system" },
];
