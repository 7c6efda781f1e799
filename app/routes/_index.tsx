import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useLocale, useT } from "~/components/i18n";
import { requireUser } from "~/modules/auth/guards.server";
import { whatWaits } from "~/modules/home/waiting.server";
import { accountChanges } from "~/modules/org/accounts.server";
import { db } from "~/utils/db.server";
import { formatDate, formatDateTime } from "~/utils/format";
import type { ShellUser } from "~/components/shell";

/** Changes to one's own account (role, password) in this many days are announced on the home page. */
const NOTICE_DAYS = 14;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const since = new Date(Date.now() - NOTICE_DAYS * 24 * 60 * 60 * 1000);
  const [changes, waiting] = await Promise.all([accountChanges(db, user.userId, since), whatWaits(db, user)]);
  const changed = changes.some((c) => c.action !== "password.change");
  return { name: user.name, role: user.role, accountChanged: changed, waiting };
}

type Serialized = ReturnType<typeof useLoaderData<typeof loader>>["waiting"][number];

/** One waiting item: what it is (translated) and where to act on it. */
function describe(item: Serialized, t: ReturnType<typeof useT>, en: boolean): { text: string; to: string; action: string } {
  const title = (x: { titleZh: string; titleEn: string }) => (en ? x.titleEn : x.titleZh);
  switch (item.kind) {
    case "survey":
      return {
        text: t(item.opened ? "home.waiting.surveyOpened" : "home.waiting.survey", {
          title: title(item),
          date: formatDateTime(item.closesAt),
        }),
        to: `/surveys/${item.id}`,
        action: t("home.waiting.surveyAction"),
      };
    case "payslip":
      return {
        text: t("home.waiting.payslip", { period: item.periodCode, date: formatDate(item.lockedAt) }),
        to: `/pay/payslips/${item.runId}/${item.employeeId}`,
        action: t("home.waiting.payslipAction"),
      };
    case "assessments":
      return {
        text: t("home.waiting.assessments", { count: item.count, date: formatDate(item.dueUntil) }),
        to: "/me/training",
        action: t("home.waiting.assessmentsAction"),
      };
    case "session":
      return {
        text: t("home.waiting.session", { title: title(item), date: formatDateTime(item.startsAt) }),
        to: `/training/sessions/${item.id}`,
        action: t("home.waiting.sessionAction"),
      };
    case "payRun":
      return {
        text: t(`home.waiting.payRun.${item.step}`, { period: item.periodCode }),
        to: `/pay/runs/${item.id}`,
        action: t("home.waiting.payRunAction"),
      };
    case "nominations":
      return {
        text: t("home.waiting.nominations", { name: item.name, count: item.count }),
        to: `/careers/cycles/${item.cycleId}`,
        action: t("home.waiting.nominationsAction"),
      };
    case "appeals":
      return {
        text: t("home.waiting.appeals", { period: item.periodCode, count: item.count }),
        to: `/pay/runs/${item.runId}/appeals`,
        action: t("home.waiting.appealsAction"),
      };
    case "objections":
      return {
        text: t("home.waiting.objections", { period: item.periodCode, count: item.count }),
        to: `/kpi/periods/${item.periodId}/confirmations`,
        action: t("home.waiting.objectionsAction"),
      };
    case "surveyAction":
      return {
        text: t(item.overdue ? "home.waiting.actionOverdue" : "home.waiting.actionDueSoon", {
          title: item.title,
          date: formatDate(item.dueOn),
        }),
        to: `/surveys/actions/${item.id}`,
        action: t("home.waiting.actionAction"),
      };
    case "suggestions":
      return {
        text: t("home.waiting.suggestions", { count: item.count }),
        to: "/manage/suggestions",
        action: t("home.waiting.suggestionsAction"),
      };
  }
}

export default function Home() {
  const t = useT();
  const en = useLocale() === "en";
  const { name, role, accountChanged, waiting } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData("root") as { user: ShellUser | null } | undefined;
  const links = (root?.user?.nav ?? []).filter((n) => n.to !== "/");
  return (
    <section>
      <h1>{t("home.greeting", { name })}</h1>
      <p className="lead">{t(`home.intro.${role}`)}</p>
      {accountChanged ? (
        <div className="notice" role="status" data-testid="account-changed">
          {t("accounts.recentNotice")} <Link to="/account#changes">{t("accounts.recentNoticeLink")}</Link>
        </div>
      ) : null}
      <h2>{t("home.waiting.title")}</h2>
      {waiting.length === 0 ? (
        <p className="empty-state" data-testid="waiting-empty">
          {t("home.waiting.empty")}
        </p>
      ) : (
        <ul className="waiting-list" data-testid="waiting">
          {waiting.map((item, i) => {
            const d = describe(item, t, en);
            return (
              <li key={i} className="waiting-item" data-kind={item.kind}>
                <span>{d.text}</span>
                <Link to={d.to} className="button secondary">
                  {d.action}
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      <h2>{t("home.shortcuts")}</h2>
      <ul className="card-grid">
        {links.map((item) => (
          <li key={item.to} className="card">
            <Link to={item.to}>{t(item.label)}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
