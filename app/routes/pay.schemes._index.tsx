import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { listSchemes } from "~/modules/pay/config.server";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { db } from "~/utils/db.server";
import { pick } from "~/utils/i18n";
import { formatDateTime } from "~/utils/format";

export const headers = noStoreHeaders;

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "pay.manage");
  const schemes = await listSchemes(db);
  return data({ schemes: schemes.map(({ params: _params, ...s }) => s) }, { headers: NO_STORE });
}

export default function Schemes() {
  const t = useT();
  const locale = useLocale();
  const when = formatDateTime;
  const { schemes } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader
        title={t("pay.schemesTitle")}
        actions={
          <>
            <Link className="button" to="/pay/schemes/new?kind=subscriberGrowth">
              {t("pay.newGrowthScheme")}
            </Link>
            <Link className="button" to="/pay/schemes/new?kind=deptPool">
              {t("pay.newPoolScheme")}
            </Link>
          </>
        }
      >
        <p className="hint">{t("pay.schemesIntro")}</p>
      </PageHeader>
      {schemes.length === 0 ? (
        <EmptyState>{t("pay.noSchemes")}</EmptyState>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("pay.schemeCode")}</th>
              <th scope="col">{t("pay.schemeName")}</th>
              <th scope="col">{t("pay.schemeKind")}</th>
              <th scope="col">{t("pay.version")}</th>
              <th scope="col">{t("pay.status")}</th>
              <th scope="col">{t("pay.updatedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {schemes.map((s) => (
              <tr key={s.code}>
                <td>
                  {s.kind === "coefficients" ? (
                    <Link to="/pay/settings">{s.code}</Link>
                  ) : (
                    <Link to={`/pay/schemes/${s.code}`}>{s.code}</Link>
                  )}
                </td>
                <td>{pick(locale, s)}</td>
                <td>{t(`pay.kind.${s.kind}`)}</td>
                <td>v{s.version}</td>
                <td>
                  {s.active ? <span className="badge ok">{t("pay.active")}</span> : <span className="badge">{t("pay.retired")}</span>}
                </td>
                <td>{when(s.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
