import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLoaderData, useRouteLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { NAV_ITEMS } from "~/components/navigation";
import { useNonce } from "~/components/nonce";
import { AppShell, type ShellUser } from "~/components/shell";
import { ErrorPage } from "~/components/error-page";
import { Toast } from "~/components/toast";
import { roleHas } from "~/modules/auth/roles";
import { readFlash } from "~/utils/flash.server";
import { DEFAULT_LOCALE, getT } from "~/utils/i18n";
import styles from "~/styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: styles },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: getT(loaded?.locale ?? DEFAULT_LOCALE)("app.name") }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const sessionUser = context.session?.user ?? null;
  const user: ShellUser | null = sessionUser && {
    name: sessionUser.name,
    role: sessionUser.role,
    nav: NAV_ITEMS.filter(
      (item) => (!item.permission || roleHas(sessionUser.role, item.permission)) && (!item.employeeOnly || sessionUser.employeeId),
    ).map(({ to, label, section }) => ({ to, label, section })),
  };
  const { flash, headers } = readFlash(request);
  return data({ locale: context.locale, user, flash }, { headers });
}

export function Layout({ children }: { children: ReactNode }) {
  const loaded = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  return (
    <html lang={loaded?.locale ?? DEFAULT_LOCALE}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { user, flash } = useLoaderData<typeof loader>();
  return (
    <AppShell user={user}>
      {flash ? <Toast flash={flash} /> : null}
      <Outlet />
    </AppShell>
  );
}

export function ErrorBoundary() {
  const loaded = useRouteLoaderData<typeof loader>("root");
  return (
    <AppShell user={loaded?.user ?? null}>
      <ErrorPage />
    </AppShell>
  );
}
