import type { LoaderFunctionArgs, LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { forgetProgress } from "~/components/surveys/progress";
import { requireEmployee } from "~/modules/auth/guards.server";
import { progressKey, receiptCode, surveyForRespondent } from "~/modules/surveys/responding.server";
import { db } from "~/utils/db.server";
import { idParam, notFound, parseParams } from "~/utils/http.server";
import surveyStyles from "~/styles/surveys.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const { id } = parseParams(args.params, idParam);
  const survey = await surveyForRespondent(db, id, user.employeeId);
  if (!survey || !survey.answered) notFound();
  return {
    survey: { id: survey.id, titleZh: survey.titleZh, titleEn: survey.titleEn },
    receipt: receiptCode(survey.id, user.employeeId),
    progressKey: progressKey(survey.id, user.employeeId),
  };
}

export default function SurveyReceipt() {
  const t = useT();
  const locale = useLocale();
  const { survey, receipt, progressKey } = useLoaderData<typeof loader>();
  useEffect(() => forgetProgress(progressKey), [progressKey]);
  return (
    <section>
      <PageHeader title={t("surveys.receipt.title")}>
        <p>{locale === "en" ? survey.titleEn : survey.titleZh}</p>
      </PageHeader>
      <div className="panel stack" data-testid="receipt">
        <p className="notice success">{t("surveys.receipt.recorded")}</p>
        <p>
          {t("surveys.receipt.code")} <strong className="receipt-code">{receipt}</strong>
        </p>
        <p className="hint">{t("surveys.receipt.codeExplained")}</p>
        <p className="hint">{t("surveys.receipt.whatHappens")}</p>
        <Link to="/surveys">{t("surveys.mine.back")}</Link>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
