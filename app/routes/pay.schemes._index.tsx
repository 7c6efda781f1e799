import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { listSchemes } from "~/modules/pay/config.server";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { db } from "~/utils/db.server";
import { pick } from "~/utils/i18n";
import { formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

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
      <DataTable
        rows={schemes}
        rowKey={(s) => s.code}
        empty="pay.noSchemes"
        columns={[
          {
            key: "code",
            header: "pay.schemeCode",
            cell: (s) =>
              s.kind === "coefficients" ? <Link to="/pay/settings">{s.code}</Link> : <Link to={`/pay/schemes/${s.code}`}>{s.code}</Link>,
          },
          { key: "name", header: "pay.schemeName", cell: (s) => pick(locale, s) },
          { key: "kind", header: "pay.schemeKind", cell: (s) => t(`pay.kind.${s.kind}`) },
          { key: "version", header: "pay.version", cell: (s) => `v${s.version}` },
          {
            key: "status",
            header: "pay.status",
            cell: (s) =>
              s.active ? <span className="badge ok">{t("pay.active")}</span> : <span className="badge">{t("pay.retired")}</span>,
          },
          { key: "updatedAt", header: "pay.updatedAt", cell: (s) => when(s.createdAt) },
        ]}
      />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
