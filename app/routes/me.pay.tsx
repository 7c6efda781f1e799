import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { money } from "~/components/pay/format";
import { requireEmployee } from "~/modules/auth/guards.server";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { myPayslips } from "~/modules/pay/views.server";
import { myAppeals } from "~/modules/pay/appeals.server";
import { db } from "~/utils/db.server";
import { formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";
import type { RunKind } from "~/modules/pay/cadence";

export const headers = noStoreHeaders;

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const payslips = await myPayslips(db, user.employeeId);
  return data({ payslips, employeeId: user.employeeId, appeals: await myAppeals(db, user) }, { headers: NO_STORE });
}

export default function MyPay() {
  const t = useT();
  const when = formatDateTime;
  const { payslips, employeeId, appeals } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("pay.myPayTitle")}>
        <p className="hint">{t("pay.myPayIntro")}</p>
      </PageHeader>
      <DataTable
        rows={payslips}
        rowKey={(p) => p.runId}
        empty="pay.noPayslips"
        columns={[
          {
            key: "period",
            header: "pay.period",
            cell: (p) => <Link to={`/pay/payslips/${p.runId}/${employeeId}`}>{t("pay.payslipTitle", { period: p.run.periodCode })}</Link>,
            sort: (p) => p.run.periodCode,
          },
          { key: "kind", header: "pay.kind", cell: (p) => t(`pay.kind.${p.run.kind as RunKind}`), sort: (p) => p.run.kind },
          { key: "total", header: "pay.total", numeric: true, cell: (p) => money(p.totalFen), sort: (p) => p.totalFen },
          { key: "locked", header: "pay.lockedAt", cell: (p) => when(p.run.lockedAt), sort: (p) => p.run.lockedAt },
        ]}
      />
      {appeals.open.length > 0 || appeals.appeals.length > 0 ? (
        <>
          <h2>{t("pay.appeals.myListTitle")}</h2>
          <DataTable
            rows={[
              ...appeals.open
                .filter((o) => !o.appealed)
                .map((o) => ({ runId: o.runId, periodCode: o.periodCode, status: null, deadline: o.deadline })),
              ...appeals.appeals.map((a) => ({ runId: a.runId, periodCode: a.periodCode, status: a.status, deadline: null })),
            ]}
            rowKey={(r) => r.runId}
            testId="my-appeals"
            sortParam="appealSort"
            columns={[
              {
                key: "period",
                header: "pay.period",
                cell: (r) => <Link to={`/me/appeals/${r.runId}`}>{t("pay.appeals.scoreOf", { period: r.periodCode })}</Link>,
              },
              {
                key: "status",
                header: "pay.status",
                cell: (r) =>
                  r.status
                    ? t(`pay.appeals.status.${r.status as "open" | "upheld" | "dismissed"}`)
                    : t("pay.appeals.openUntil", { at: when(r.deadline) }),
              },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
