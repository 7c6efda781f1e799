import { useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type LinksFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { FormErrors, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { ItemInput } from "~/components/surveys/item-input";
import { useSurveyProgress } from "~/components/surveys/progress";
import { requireEmployee } from "~/modules/auth/guards.server";
import { answersSchema, type Answers } from "~/modules/surveys/items";
import { progressKey, submitResponse, surveyForRespondent } from "~/modules/surveys/responding.server";
import { chinaDate, lastDay } from "~/modules/surveys/settings";
import { getTemplate } from "~/modules/surveys/templates.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, notFound, parseParams } from "~/utils/http.server";
import surveyStyles from "~/styles/surveys.css?url";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: surveyStyles }];

async function load(args: LoaderFunctionArgs | ActionFunctionArgs) {
  const user = requireEmployee(args);
  const { id } = parseParams(args.params, idParam);
  const survey = await surveyForRespondent(db, id, user.employeeId);
  if (!survey) notFound();
  return { user, survey };
}

export async function loader(args: LoaderFunctionArgs) {
  const { user, survey } = await load(args);
  const template = getTemplate(survey.templateId);
  return {
    survey: {
      id: survey.id,
      titleZh: survey.titleZh,
      titleEn: survey.titleEn,
      descriptionZh: template?.descriptionZh ?? "",
      descriptionEn: template?.descriptionEn ?? "",
      answerable: survey.answerable,
      answered: survey.answered,
      status: survey.status,
      opensOn: chinaDate(survey.opensAt),
      lastDay: lastDay(survey.closesAt),
      items: survey.items,
      dimensions: template?.dimensions ?? [],
    },
    progressKey: progressKey(survey.id, user.employeeId),
  };
}

export async function action(args: ActionFunctionArgs) {
  const { user, survey } = await load(args);
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: answersSchema(survey.items) });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const result = await submitResponse(db, { surveyId: survey.id, employeeId: user.employeeId, answers: submission.value as Answers });
  if (result.ok) return redirectWithFlash(`/surveys/${survey.id}/done`, { kind: "success", message: "surveys.answer.thanks" });
  if (result.reason === "invalid") return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  if (result.reason === "notInvited") notFound();
  return data(submission.reply({ formErrors: [result.reason === "alreadyAnswered" ? "surveys.errors.alreadyAnswered" : "surveys.errors.notOpen"] }), { status: 409 });
}

export default function AnswerSurvey() {
  const t = useT();
  const locale = useLocale();
  const { survey, progressKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const formRef = useRef<HTMLFormElement>(null);
  const progress = useSurveyProgress(formRef, progressKey);
  const [form, fields] = useForm({ lastResult, shouldValidate: "onSubmit" });
  const title = locale === "en" ? survey.titleEn : survey.titleZh;
  const fieldErrors = fields as unknown as Record<string, { errors?: string[] }>;

  if (survey.answered || !survey.answerable) {
    return (
      <section>
        <PageHeader title={title} />
        <FormErrors errors={form.errors} />
        {survey.answered ? (
          <p className="notice success" data-testid="already-answered">
            {t("surveys.answer.alreadyAnswered")} <Link to={`/surveys/${survey.id}/done`}>{t("surveys.mine.receipt")}</Link>
          </p>
        ) : (
          <p className="notice">{survey.status === "closed" ? t("surveys.answer.closed") : t("surveys.answer.notYetOpen", { date: survey.opensOn })}</p>
        )}
        <Link to="/surveys">{t("surveys.mine.back")}</Link>
      </section>
    );
  }

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
      {progress.restored ? (
        <p className="notice success" role="status" data-testid="progress-restored">
          {t("surveys.answer.restored")}{" "}
          <button type="button" className="link-button" onClick={progress.discard}>
            {t("surveys.answer.discard")}
          </button>
        </p>
      ) : null}
      <Form method="post" id={form.id} ref={formRef} noValidate onChange={progress.save} onSubmit={form.onSubmit}>
        {errorCount > 0 ? (
          <p className="notice warn" role="alert">
            {t("surveys.answer.fixErrors", { count: errorCount })}
          </p>
        ) : null}
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
        <button type="submit" className="primary" disabled={navigation.state === "submitting"}>
          {t("surveys.answer.submit")}
        </button>
      </Form>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
