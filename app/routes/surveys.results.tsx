import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { PlanActionsTable } from "~/components/reports/plan-actions";
import { requireEmployee } from "~/modules/auth/guards.server";
import { withDueState } from "~/modules/surveys/reports/plan-actions";
import { ownActions, templateDimensionNames } from "~/modules/surveys/reports/plan-actions.server";
import { publishedPlansFor } from "~/modules/surveys/reports/report-plans.server";
import { db } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

/**
 * "You said, we did": the published plans for the employee's own unit and the units above it,
 * with each action and how far it got; and the actions the employee owns.
 */
export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const now = new Date();
  const [plans, mine] = await Promise.all([publishedPlansFor(db, user.employeeId), ownActions(db, user.employeeId)]);
  return {
    plans: plans.map(({ items, ...p }) => ({
      ...p,
      items: withDueState(items, now),
      dimensions: templateDimensionNames(p.survey.templateId),
    })),
    mine: withDueState(mine, now),
    mineDimensions: Object.assign({}, ...[...new Set(mine.map((a) => a.plan.survey.templateId))].map(templateDimensionNames)) as ReturnType<
      typeof templateDimensionNames
    >,
  };
}

export default function SurveyResults() {
  const t = useT();
  const locale = useLocale();
  const { plans, mine, mineDimensions } = useLoaderData<typeof loader>();
  const pick = <T extends { nameZh?: string; nameEn?: string; titleZh?: string; titleEn?: string }>(x: T) =>
    locale === "en" ? (x.nameEn ?? x.titleEn) : (x.nameZh ?? x.titleZh);
  return (
    <section>
      <PageHeader title={t("results.title")}>
        <p>{t("results.intro")}</p>
      </PageHeader>
      {mine.length > 0 ? (
        <section className="panel" data-testid="my-actions">
          <h2>{t("planActions.mine")}</h2>
          <PlanActionsTable
            rows={mine}
            dimensions={mineDimensions}
            showOwner={false}
            manage={(row) => (
              <Link to={`/surveys/actions/${row.id}`} className="button secondary">
                {t("planActions.update")}
              </Link>
            )}
          />
        </section>
      ) : null}
      {plans.length === 0 ? (
        <EmptyState>{t("results.none")}</EmptyState>
      ) : (
        plans.map((p) => (
          <article key={p.id} className="panel" data-testid="published-plan">
            <h2>
              {pick(p.survey)} · {pick(p.unit)}
            </h2>
            <p className="hint">{t("results.publishedOn", { date: formatDate(p.publishedAt) })}</p>
            <h3>{t("plans.summary")}</h3>
            <p style={{ whiteSpace: "pre-wrap" }}>{p.summary}</p>
            <h3>{t("planActions.youSaidWeDid")}</h3>
            <PlanActionsTable rows={p.items} dimensions={p.dimensions} testId="we-did" />
            {p.actions ? (
              <>
                <h3>{t("planActions.notesHeading")}</h3>
                <p style={{ whiteSpace: "pre-wrap" }}>{p.actions}</p>
              </>
            ) : null}
          </article>
        ))
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
