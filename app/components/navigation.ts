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
  { to: "/surveys", label: "nav.mySurveys", employeeOnly: true, section: "me" },
  { to: "/suggestions", label: "nav.suggestions", employeeOnly: true, section: "me" },
  { to: "/surveys/results", label: "nav.surveyResults", employeeOnly: true, section: "me" },
  { to: "/me/performance", label: "nav.myPerformance", employeeOnly: true, section: "me" },
  { to: "/me/pay", label: "nav.myPay", employeeOnly: true, section: "me" },
  { to: "/org/units", label: "nav.units", permission: "org.view", section: "manage" },
  { to: "/kpi", label: "nav.kpi", permission: "kpi.view", section: "manage" },
  { to: "/pay", label: "nav.pay", permission: "pay.view", section: "manage" },
  { to: "/org/employees", label: "nav.employees", permission: "org.view", section: "manage" },
  { to: "/admin/surveys", label: "nav.surveyAdmin", permission: "survey.manage", section: "manage" },
  { to: "/reports", label: "nav.surveyReports", permission: "survey.report", section: "manage" },
  { to: "/manage/suggestions", label: "nav.handleSuggestions", permission: "suggestion.handle", section: "manage" },
  { to: "/me/training", label: "nav.myTraining", employeeOnly: true, section: "me" },
  { to: "/training", label: "nav.trainingCatalogue", section: "me" },
  { to: "/training/needs", label: "nav.trainingNeeds", permission: "training.report", section: "manage" },
  { to: "/training/reports", label: "nav.trainingReports", permission: "training.report", section: "manage" },
  { to: "/me/career", label: "careers.nav.myCareer", employeeOnly: true, section: "me" },
  { to: "/me/rotations", label: "rotations.nav.myRotations", employeeOnly: true, section: "me" },
  { to: "/careers/cycles", label: "careers.nav.careers", permission: "career.review", section: "manage" },
  { to: "/rotations", label: "rotations.nav.rotations", permission: "rotation.host", section: "manage" },
  { to: "/admin/users", label: "nav.users", permission: "users.manage", section: "system" },
  { to: "/admin/api-tokens", label: "nav.apiTokens", permission: "api.tokens", section: "system" },
  { to: "/admin/kpi-feeds", label: "nav.kpiFeeds", permission: "kpi.manage", section: "system" },
  { to: "/admin/notifications", label: "nav.notifications", permission: "system.admin", section: "system" },
  { to: "/admin/sign-in", label: "nav.signInSettings", permission: "system.admin", section: "system" },
  { to: "/admin/jobs", label: "nav.jobs", permission: "system.admin", section: "system" },
];
