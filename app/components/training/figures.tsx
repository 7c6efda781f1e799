import { useT } from "~/components/i18n";
import { formatPoints } from "~/utils/format";
import { formatRatio } from "~/utils/format";

type Reaction =
  | { status: "ok"; n: number; overall: number; average: number; nps: number | null }
  | { status: "suppressed" }
  | { status: "pending" }
  | { status: "none" };

export const fmt1 = (v: number) => v.toFixed(1);
export const pct = (v: number | null) => formatRatio(v);

export function ReactionCell({ reaction }: { reaction: Reaction }) {
  const t = useT();
  if (reaction.status === "none") return <span className="hint">{t("training.eval.noSurvey")}</span>;
  if (reaction.status === "pending") return <span className="hint">{t("training.eval.reactionOpen")}</span>;
  if (reaction.status === "suppressed") return <span className="suppressed">{t("training.eval.suppressed")}</span>;
  return (
    <span>
      {t("training.eval.reactionValue", { overall: fmt1(reaction.overall), n: reaction.n })}
      {reaction.nps !== null ? <small className="hint"> · NPS {Math.round(reaction.nps)}</small> : null}
    </span>
  );
}

export function LearningCell({
  learning,
}: {
  learning: { n: number; meanPre: number; meanPost: number; meanRawGain: number; normalisedGain: number | null } | null;
}) {
  const t = useT();
  if (!learning) return <span className="hint">{t("training.eval.noScores")}</span>;
  return (
    <span>
      {t("training.eval.learningValue", {
        pre: fmt1(learning.meanPre),
        post: fmt1(learning.meanPost),
        gain: fmt1(learning.meanRawGain),
        n: learning.n,
      })}
      <br />
      {learning.normalisedGain === null ? null : (
        <small title={t("training.eval.normalisedGainHover", { g: learning.normalisedGain.toFixed(2) })}>
          {t("training.eval.normalisedGain", { share: pct(learning.normalisedGain) })}
        </small>
      )}
    </span>
  );
}

export function BehaviourCell({
  behaviour,
}: {
  behaviour: { n: number; application: number | null; improvement: number | null; awaiting: number };
}) {
  const t = useT();
  if (behaviour.n === 0) return <span className="hint">{t("training.eval.behaviourAwaiting", { awaiting: behaviour.awaiting })}</span>;
  return (
    <span>
      {t("training.eval.behaviourValue", {
        application: fmt1(behaviour.application!),
        improvement: fmt1(behaviour.improvement!),
        n: behaviour.n,
      })}
      {behaviour.awaiting ? (
        <small className="hint"> · {t("training.eval.behaviourAwaiting", { awaiting: behaviour.awaiting })}</small>
      ) : null}
    </span>
  );
}

type Results =
  | { status: "noWindow"; sessions: number }
  | { status: "insufficient"; treatedN: number; controlN: number; minGroupSize: number }
  | { status: "ok"; did: number; treated: { n: number; change: number }; control: { n: number; change: number } };

const points = (hundredths: number) => formatPoints(hundredths, { signed: true });

export function ResultsCell({ results }: { results: Results }) {
  const t = useT();
  if (results.status === "noWindow") return <span className="hint">{t("training.eval.resultsNoWindow")}</span>;
  if (results.status === "insufficient")
    return (
      <span className="suppressed">
        {t("training.eval.resultsInsufficient", { treated: results.treatedN, control: results.controlN, min: results.minGroupSize })}
      </span>
    );
  return (
    <span data-testid="did">
      <span title={t("training.eval.resultsValueHover")}>{t("training.eval.resultsValue", { did: points(results.did) })}</span>
      <br />
      <small>
        {t("training.eval.resultsDetail", {
          treated: points(results.treated.change),
          treatedN: results.treated.n,
          control: points(results.control.change),
          controlN: results.control.n,
        })}
      </small>
    </span>
  );
}
