import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useT } from "./i18n";

/** Translated pages for 403, 404 and the unexpected; every route exports it as its ErrorBoundary. */
export function ErrorPage() {
  const error = useRouteError();
  const t = useT();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = status === 403 ? "forbidden" : status === 404 ? "notFound" : status === 400 ? "badRequest" : "unexpected";
  if (status >= 500) console.error(error);
  return (
    <section className="error-page" data-status={status}>
      <h1>{t(`errors.page.${key}.title`)}</h1>
      <p>{t(`errors.page.${key}.body`)}</p>
      <p>
        <Link to="/">{t("errors.page.home")}</Link>
      </p>
    </section>
  );
}
