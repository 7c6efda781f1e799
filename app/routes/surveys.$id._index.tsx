import { useForm, type SubmissionResult } from "@conform-to/react";
import type { LoaderFunctionArgs, LinksFunction } from "@remix-run/node";
import { Link, useLoaderData, useNavigate } from "@remix-run/react";
import { useMemo, useRef, useState, type FormEvent } from "react";
import { FormErrors, PageHeader, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { ItemInput } from "~/components/surveys/item-input";
import { forgetProgress, useSurveyProgress } from "~/components/surveys/progress";
import { sendAnswers, useResponseToken } from "~/components/surveys/response-token";
import { requireEmployee } from "~/modules/auth/guards.server";
import { progressKey, surveyForRespondent } from "~/modules/surveys/responding/responding.server";
import { chinaDate, lastDay } from "~/modules/surveys/settings";
import { getTemplate } from "~/modules/surveys/campaigns/templates.server";
import { db } from "~/utils/db.server";
import { idParam, notFound, parseParams } from "~/utils/http.server";
import surveyStyles from "~/styles/surveys.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

export async function loader(args: LoaderFunctionArgs) {
  const user = requireEmployee(args);
  const { id } = parseParams(args.params, idParam);
  const survey = await surveyForRespondent(db, id, user.employeeId);
  if (!survey) notFound();
  const template = getTemplate(survey.templateId);
  return {
    survey: {
      id: survey.id,
      titleZh: survey.titleZh,
      titleEn: survey.titleEn,
      descriptionZh: template?.descriptionZh ?? "",
      descriptionEn: template?.descriptionEn ?? "",
      answerable: survey.answerable,
      status: survey.status,
      opensOn: chinaDate(survey.opensAt),
      lastDay: lastDay(survey.closesAt),
      items: survey.items,
      dimensions: template?.dimensions ?? [],
    },
    progressKey: progressKey(survey.id, user.employeeId),
  };
}

export default function AnswerSurvey() {
  const t = useT();
  const locale = useLocale();
  const { survey, progressKey } = useLoaderData<typeof loader>();
  const navigate = useNavigate();
  const [lastResult, setLastResult] = useState<SubmissionResult<string[]> | undefined>(undefined);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<string | null>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const itemIds = useMemo(() => survey.items.map((i) => i.id), [survey.items]);
  const progress = useSurveyProgress(formRef, progressKey, itemIds);
  const token = useResponseToken(survey.id, progressKey, survey.answerable);
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit" });
  const title = locale === "en" ? survey.titleEn : survey.titleZh;
  const fieldErrors = fields as unknown as Record<string, { errors?: string[] }>;

  if (token.state === "answered" || token.state === "elsewhere" || !survey.answerable) {
    return (
      <section>
        <PageHeader title={title} />
        {token.state === "answered" ? (
          <p className="notice success" data-testid="already-answered">
            {t("surveys.answer.alreadyAnswered")} <Link to={`/surveys/${survey.id}/done`}>{t("surveys.mine.receipt")}</Link>
          </p>
        ) : token.state === "elsewhere" && survey.answerable ? (
          <p className="notice" data-testid="token-elsewhere">
            {t("surveys.answer.tokenElsewhere")}
          </p>
        ) : (
          <p className="notice">
            {survey.status === "closed" ? t("surveys.answer.closed") : t("surveys.answer.notYetOpen", { date: survey.opensOn })}
          </p>
        )}
        <Link to="/surveys">{t("surveys.mine.back")}</Link>
      </section>
    );
  }

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!token.token || sending) return;
    setSending(true);
    setSendError(null);
    const outcome = await sendAnswers(survey.id, token.token, new FormData(event.currentTarget));
    setSending(false);
    if (outcome.status === "ok") {
      forgetProgress(progressKey);
      token.spent(outcome.receipt);
      navigate(`/surveys/${survey.id}/done`);
    } else if (outcome.status === "invalid") {
      setLastResult((outcome.reply ?? undefined) as SubmissionResult<string[]> | undefined);
    } else if (outcome.status === "alreadyAnswered") {
      setSendError("surveys.errors.alreadyAnswered");
    } else if (outcome.status === "notOpen") {
      setSendError("surveys.errors.notOpen");
    } else if (outcome.status === "badToken") {
      setSendError("surveys.answer.badToken");
    } else {
      setSendError("surveys.answer.sendFailed");
    }
  };

  const dimensionName = (id: string) => {
    const d = survey.dimensions.find((x) => x.id === id);
    return d ? (locale === "en" ? d.nameEn : d.nameZh) : "";
  };
  const errorCount = survey.items.filter((i) => fieldErrors[i.id]?.errors?.length).length;
  let lastDimension = "";

  return (
    <section className="survey-answer">
      <PageHeader title={title}>
        <p>{t("surveys.answer.closesOn", { date: survey.lastDay })}</p>
      </PageHeader>
      <div className="notice">
        <p>{locale === "en" ? survey.descriptionEn : survey.descriptionZh}</p>
        <p>{t("surveys.answer.anonymity")}</p>
        <p>{t("surveys.answer.progressHint")}</p>
      </div>
      <noscript>
        <p className="notice warn">{t("surveys.answer.needsScript")}</p>
      </noscript>
      <p className={token.state === "failed" ? "notice warn" : "hint"} role="status" data-testid="token-state" data-state={token.state}>
        {token.state === "preparing"
          ? t("surveys.answer.preparing")
          : token.state === "ready"
            ? t("surveys.answer.tokenReady")
            : t("surveys.answer.tokenFailed")}
      </p>
      {progress.restored ? (
        <p className="notice success" role="status" data-testid="progress-restored">
          {t("surveys.answer.restored")}{" "}
          <button type="button" className="link-button" onClick={progress.discard}>
            {t("surveys.answer.discard")}
          </button>
        </p>
      ) : null}
      <form method="post" id={form.id} ref={formRef} noValidate onChange={progress.save} onSubmit={onSubmit}>
        {errorCount > 0 ? (
          <p className="notice warn" role="alert">
            {t("surveys.answer.fixErrors", { count: errorCount })}
          </p>
        ) : null}
        <p className="survey-progress" role="status" data-testid="answer-count">
          {t("surveys.answer.count", { answered: progress.answered, total: survey.items.length })}
        </p>
        <FormErrors errors={form.errors} />
        {survey.items.map((item, index) => {
          const heading = item.dimension !== lastDimension && survey.dimensions.length > 1 ? dimensionName(item.dimension) : null;
          lastDimension = item.dimension;
          return (
            <div key={item.id}>
              {heading ? <h2 className="survey-dimension">{heading}</h2> : null}
              <ItemInput item={item} number={index + 1} errors={fieldErrors[item.id]?.errors} />
            </div>
          );
        })}
        <FormErrors errors={form.errors} />
        {sendError ? (
          <p className="notice warn" role="alert" data-testid="send-error">
            {t(sendError)}
          </p>
        ) : null}
        <SubmitButton busy={sending} disabled={token.state !== "ready"}>
          {t("surveys.answer.submit")}
        </SubmitButton>
      </form>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
