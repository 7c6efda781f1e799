import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { CareerView } from "~/components/careers/career-view";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { unitWhere } from "~/modules/auth/scope";
import { careerOverview } from "~/modules/careers/career.server";
import { db } from "~/utils/db.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";

/** A head or HR looks at one employee's career page; outside their scope it does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "career.review");
  const { id } = parseParams(args.params, idParam);
  const inScope = await db.employee.findFirst({ where: { id, unit: unitWhere(user) }, select: { id: true } });
  invariantResponse(inScope, 404);
  const view = await careerOverview(db, id);
  invariantResponse(view, 404);
  return { view };
}

export default function EmployeeCareer() {
  const t = useT();
  const locale = useLocale();
  const { view } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader
        title={t("careers.employeeCareerTitle", { name: view.employee.name })}
        actions={<Link to="/careers/reports">{t("careers.reportsTitle")}</Link>}
      >
        <p>
          {view.employee.employeeNo} · {locale === "en" ? view.employee.unit.nameEn : view.employee.unit.nameZh}
        </p>
      </PageHeader>
      <CareerView view={view} />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
