import type { LoaderFunctionArgs, LinksFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { forgetProgress } from "~/components/surveys/progress";
import { readReceipt } from "~/components/surveys/response-token";
import { requireEmployee } from "~/modules/auth/guards.server";
import { progressKey, surveyForRespondent } from "~/modules/surveys/responding/responding.server";
import { db } from "~/utils/db.server";
import { idParam, notFound, parseParams } from "~/utils/http.server";
import surveyStyles from "~/styles/surveys.css?url";
import { CopyButton } from "~/components/ui/buttons";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const { id } = parseParams(args.params, idParam);
  const survey = await surveyForRespondent(db, id, user.employeeId);
  if (!survey || !survey.tokenTaken) notFound();
  // The receipt is kept by the browser that submitted; the server cannot know it.
  return {
    survey: { id: survey.id, titleZh: survey.titleZh, titleEn: survey.titleEn },
    progressKey: progressKey(survey.id, user.employeeId),
  };
}

export default function SurveyReceipt() {
  const t = useT();
  const locale = useLocale();
  const { survey, progressKey } = useLoaderData<typeof loader>();
  const [receipt, setReceipt] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    setReceipt(readReceipt(progressKey));
    if (readReceipt(progressKey)) forgetProgress(progressKey);
  }, [progressKey]);
  return (
    <section>
      <PageHeader title={t("surveys.receipt.title")}>
        <p>{locale === "en" ? survey.titleEn : survey.titleZh}</p>
      </PageHeader>
      <div className="panel stack" data-testid="receipt">
        {receipt === null ? (
          <p className="notice">{t("surveys.receipt.notHere")}</p>
        ) : (
          <>
            <p className="notice success">{t("surveys.receipt.recorded")}</p>
            <p>
              {t("surveys.receipt.code")} <strong className="receipt-code">{receipt ?? "…"}</strong>{" "}
              {receipt ? <CopyButton value={receipt} label="common.copyCode" /> : null}
            </p>
            <p className="hint">{t("surveys.receipt.codeExplained")}</p>
          </>
        )}
        <p className="hint">{t("surveys.receipt.whatHappens")}</p>
        <Link to="/surveys">{t("surveys.mine.back")}</Link>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
