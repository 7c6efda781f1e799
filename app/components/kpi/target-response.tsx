import { getFormProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { FormErrors, TextAreaField, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { TargetResponseSchema, type TargetState } from "~/modules/kpi/target-responses";
import { formatDateTime } from "~/utils/format";

type Standing = {
  state: TargetState;
  response: {
    kind: string;
    reason: string | null;
    respondedAt: string | Date;
    answerOutcome: string | null;
    answer: string | null;
    answeredAt: string | Date | null;
    current: boolean;
  } | null;
  can: { confirm: boolean; object: boolean };
};

/** The employee's own targets: confirm them, or object with a reason; then what the head answered. */
export function TargetResponsePanel({ standing, lastResult }: { standing: Standing; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const [form, fields] = useForm({
    id: "object-targets",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: TargetResponseSchema }),
    shouldRevalidate: "onInput",
  });
  const { state, response } = standing;
  return (
    <div className="panel" data-testid="target-response">
      <h2>{t("talk.targets.title")}</h2>
      <p data-testid="target-state">
        <span className={state === "confirmed" ? "badge ok" : state === "pending" ? "badge warn" : "badge"}>
          {t(`talk.targets.state.${state}`)}
        </span>{" "}
        {response && state !== "pending" ? t("talk.targets.at", { at: formatDateTime(response.respondedAt) }) : null}
      </p>
      {response && !response.current ? <p className="hint">{t("talk.targets.changedSince")}</p> : null}
      {response?.current && response.kind === "objected" ? (
        <p>
          {t("talk.targets.yourObjection")}: {response.reason}
        </p>
      ) : null}
      {response?.current && response.answeredAt ? (
        <p data-testid="objection-answer">
          <strong>{t(`talk.targets.outcome.${response.answerOutcome === "change" ? "change" : "keep"}`)}</strong> · {response.answer} ·{" "}
          {formatDateTime(response.answeredAt)}
        </p>
      ) : null}
      {standing.can.confirm ? (
        <Form method="post">
          <input type="hidden" name="intent" value="confirmTargets" />
          <p className="hint">{t("talk.targets.confirmHint")}</p>
          <SubmitButton>{t("talk.targets.confirm")}</SubmitButton>
        </Form>
      ) : null}
      {standing.can.object ? (
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="objectTargets" />
          <TextAreaField meta={fields.reason} label={t("talk.targets.objectionReason")} rows={3} />
          <FormErrors errors={form.errors} />
          <SubmitButton className="">{t("talk.targets.object")}</SubmitButton>
        </Form>
      ) : null}
    </div>
  );
}
