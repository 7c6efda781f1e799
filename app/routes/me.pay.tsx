import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { money } from "~/components/pay/format";
import { requireEmployee } from "~/modules/auth/guards.server";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { myPayslips } from "~/modules/pay/views.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";

export const headers = noStoreHeaders;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const payslips = await myPayslips(db, user.employeeId);
  return data({ payslips, employeeId: user.employeeId }, { headers: NO_STORE });
}

export default function MyPay() {
  const t = useT();
  const when = formatDateTime;
  const { payslips, employeeId } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("pay.myPayTitle")}>
        <p className="hint">{t("pay.myPayIntro")}</p>
      </PageHeader>
      {payslips.length === 0 ? (
        <EmptyState>{t("pay.noPayslips")}</EmptyState>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("pay.period")}</th>
              <th scope="col">{t("pay.total")}</th>
              <th scope="col">{t("pay.lockedAt")}</th>
            </tr>
          </thead>
          <tbody>
            {payslips.map((p) => (
              <tr key={p.runId}>
                <td>
                  <Link to={`/pay/payslips/${p.runId}/${employeeId}`}>{t("pay.payslipTitle", { period: p.run.periodCode })}</Link>
                </td>
                <td>{money(p.totalFen)}</td>
                <td>{when(p.run.lockedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
