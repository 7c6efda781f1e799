import type { LoaderFunctionArgs, LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { readReceipt } from "~/components/surveys/response-token";
import { EmptyState, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requireEmployee } from "~/modules/auth/guards.server";
import { listMySurveys } from "~/modules/surveys/responding/responding.server";
import { lastDay } from "~/modules/surveys/settings";
import { db } from "~/utils/db.server";
import surveyStyles from "~/styles/surveys.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const surveys = await listMySurveys(db, user.employeeId);
  return {
    surveys: surveys.map((s) => ({
      id: s.id,
      titleZh: s.titleZh,
      titleEn: s.titleEn,
      lastDay: lastDay(s.closesAt),
      itemCount: s.itemCount,
      opened: s.opened,
      progressKey: s.progressKey,
    })),
  };
}

export default function MySurveys() {
  const t = useT();
  const locale = useLocale();
  const { surveys } = useLoaderData<typeof loader>();
  // Whether a survey was answered is known only to the browser that answered it (its receipt).
  const [answered, setAnswered] = useState<Set<string>>(new Set());
  useEffect(() => setAnswered(new Set(surveys.filter((s) => s.opened && readReceipt(s.progressKey)).map((s) => s.id))), [surveys]);
  const toDo = surveys.filter((s) => !answered.has(s.id));
  const done = surveys.filter((s) => answered.has(s.id));
  const title = (s: { titleZh: string; titleEn: string }) => (locale === "en" ? s.titleEn : s.titleZh);
  return (
    <section>
      <PageHeader title={t("surveys.mine.title")}>
        <p>{t("surveys.mine.intro")}</p>
      </PageHeader>
      <h2>{t("surveys.mine.toDo")}</h2>
      {toDo.length === 0 ? (
        <EmptyState>{t("surveys.mine.none")}</EmptyState>
      ) : (
        <ul className="card-grid" data-testid="open-surveys">
          {toDo.map((s) => (
            <li key={s.id} className="card">
              <Link to={`/surveys/${s.id}`}>{title(s)}</Link>
              <p className="hint">
                {t("surveys.mine.meta", { count: s.itemCount, date: s.lastDay })}
                {s.opened ? ` · ${t("surveys.mine.opened")}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
      {done.length > 0 ? (
        <>
          <h2>{t("surveys.mine.done")}</h2>
          <ul data-testid="answered-surveys">
            {done.map((s) => (
              <li key={s.id}>
                {title(s)} · <Link to={`/surveys/${s.id}/done`}>{t("surveys.mine.receipt")}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
