import { Form, Link, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Role } from "~/modules/auth/roles";
import type { MessageKey } from "~/utils/i18n";
import { useLocale, useT } from "./i18n";

export type ShellUser = { name: string; role: Role; nav: { to: string; label: MessageKey; section: string }[] };

const SECTIONS = [
  ["me", "nav.section.me"],
  ["manage", "nav.section.manage"],
  ["system", "nav.section.system"],
] as const;

export function LanguageSwitch() {
  const t = useT();
  const locale = useLocale();
  const location = useLocation();
  const other = locale === "zh-CN" ? "en" : "zh-CN";
  const params = new URLSearchParams(location.search);
  params.set("lng", other);
  return (
    <a className="lang-switch" href={`${location.pathname}?${params}`} hrefLang={other} data-testid="lang-switch">
      {t("common.switchLanguage")}
    </a>
  );
}

export function AppShell({ user, children }: { user: ShellUser | null; children: ReactNode }) {
  const t = useT();
  const location = useLocation();
  if (!user) {
    return (
      <div className="public-shell">
        <header className="public-header">
          <span className="brand">{t("app.name")}</span>
          <LanguageSwitch />
        </header>
        <main id="main">{children}</main>
      </div>
    );
  }
  const current = user.nav
    .map((i) => i.to)
    .filter((to) => location.pathname === to || (to !== "/" && location.pathname.startsWith(`${to}/`)))
    .sort((a, b) => b.length - a.length)[0];
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        {t("common.skipToContent")}
      </a>
      <header className="topbar">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <div className="topbar-right">
          <span className="who">
            {user.name} · {t(`role.${user.role}`)}
          </span>
          <LanguageSwitch />
          <Link to="/account">{t("nav.account")}</Link>
          <Form method="post" action="/logout">
            <button type="submit" className="link-button">
              {t("nav.signOut")}
            </button>
          </Form>
        </div>
      </header>
      <details className="nav-toggle">
        <summary>{t("nav.menu")}</summary>
      </details>
      <nav className="sidebar" aria-label={t("nav.label")}>
        {SECTIONS.map(([section, label]) => {
          // One item is current: the most specific one whose path the page is under
          // (/surveys/results is "results", not also "my surveys").
          const items = user.nav.filter((i) => i.section === section);
          if (items.length === 0) return null;
          return (
            <div key={section} className="nav-section">
              <h2>{t(label)}</h2>
              <ul>
                {items.map((item) => (
                  <li key={item.to}>
                    <Link
                      to={item.to}
                      className={item.to === current ? "active" : undefined}
                      aria-current={item.to === current ? "page" : undefined}
                    >
                      {t(item.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          );
        })}
      </nav>
      <main id="main" className="content">
        {children}
      </main>
    </div>
  );
}
