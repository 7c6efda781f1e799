import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requireEmployee } from "~/modules/auth/guards.server";
import { publishedPlansFor } from "~/modules/surveys/reports/report-plans.server";
import { chinaDate } from "~/modules/surveys/settings";
import { db } from "~/utils/db.server";

/** Published summaries and action plans for the employee's own unit and the units above it. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const plans = await publishedPlansFor(db, user.employeeId);
  return { plans: plans.map((p) => ({ ...p, publishedOn: p.publishedAt ? chinaDate(p.publishedAt) : "" })) };
}

export default function SurveyResults() {
  const t = useT();
  const locale = useLocale();
  const { plans } = useLoaderData<typeof loader>();
  const pick = <T extends { nameZh?: string; nameEn?: string; titleZh?: string; titleEn?: string }>(x: T) =>
    locale === "en" ? (x.nameEn ?? x.titleEn) : (x.nameZh ?? x.titleZh);
  return (
    <section>
      <PageHeader title={t("results.title")}>
        <p>{t("results.intro")}</p>
      </PageHeader>
      {plans.length === 0 ? (
        <EmptyState>{t("results.none")}</EmptyState>
      ) : (
        plans.map((p) => (
          <article key={p.id} className="panel" data-testid="published-plan">
            <h2>
              {pick(p.survey)} · {pick(p.unit)}
            </h2>
            <p className="hint">{t("results.publishedOn", { date: p.publishedOn })}</p>
            <h3>{t("plans.summary")}</h3>
            <p style={{ whiteSpace: "pre-wrap" }}>{p.summary}</p>
            <h3>{t("plans.actions")}</h3>
            <p style={{ whiteSpace: "pre-wrap" }}>{p.actions}</p>
          </article>
        ))
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
