import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { requireUser } from "~/modules/auth/guards.server";
import { accountChanges } from "~/modules/org/accounts.server";
import { db } from "~/utils/db.server";
import type { ShellUser } from "~/components/shell";

/** Changes to one's own account (role, password) in this many days are announced on the home page. */
const NOTICE_DAYS = 14;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const since = new Date(Date.now() - NOTICE_DAYS * 24 * 60 * 60 * 1000);
  const changed = (await accountChanges(db, user.userId, since)).some((c) => c.action !== "password.change");
  return { name: user.name, role: user.role, accountChanged: changed };
}

export default function Home() {
  const t = useT();
  const { name, role, accountChanged } = useLoaderData<typeof loader>();
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
