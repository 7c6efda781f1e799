import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import { useT } from "~/components/i18n";
import { requireUser } from "~/modules/auth/guards.server";
import type { ShellUser } from "~/components/shell";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  return { name: user.name, role: user.role };
}

export default function Home() {
  const t = useT();
  const { name, role } = useLoaderData<typeof loader>();
  const root = useRouteLoaderData("root") as { user: ShellUser | null } | undefined;
  const links = (root?.user?.nav ?? []).filter((n) => n.to !== "/");
  return (
    <section>
      <h1>{t("home.greeting", { name })}</h1>
      <p className="lead">{t(`home.intro.${role}`)}</p>
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
