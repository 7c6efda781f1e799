import { Link } from "@remix-run/react";
import { useMoney, useT } from "~/components/i18n";
import { DateText } from "./dates";
import { BehaviourCell, LearningCell, pct, ReactionCell, ResultsCell } from "./figures";
import { DataTable } from "~/components/ui/data-table";

type Evaluation = {
  course: {
    sessions: number;
    completers: number;
    enrolledInScope: number;
    completedInScope: number;
    completionRate: number | null;
    reaction: Parameters<typeof ReactionCell>[0]["reaction"];
    learning: Parameters<typeof LearningCell>[0]["learning"];
    behaviour: Parameters<typeof BehaviourCell>[0]["behaviour"];
    costFen: number;
    cost: { perParticipant: number | null; perLearnerHour: number | null };
  };
  perSession: {
    id: string;
    startsAt: string | Date;
    completers: number;
    completedInScope: number;
    enrolledInScope: number;
    reaction: Parameters<typeof ReactionCell>[0]["reaction"];
    learning: Parameters<typeof LearningCell>[0]["learning"];
    behaviour: Parameters<typeof BehaviourCell>[0]["behaviour"];
    cost: { perParticipant: number | null; perHour: number | null; perLearnerHour: number | null };
    costFen: number;
  }[];
  results: Parameters<typeof ResultsCell>[0]["results"];
  needs: { topic: string; wanted: number; urgent: number }[];
  needsResponses: number;
};

/** The four levels for a course, then session by session, with cost and the needs it answers. */
export function EffectivenessPanel({ evaluation }: { evaluation: Evaluation }) {
  const t = useT();
  const money = useMoney();
  const m = (fen: number | null) => (fen === null ? "—" : money(fen));
  const { course } = evaluation;
  return (
    <div className="panel" data-testid="effectiveness">
      <h2>{t("training.eval.title")}</h2>
      <p className="hint">{t("training.eval.scopeNote")}</p>
      <dl className="stats">
        <div className="card">
          <dt>{t("training.eval.reaction")}</dt>
          <dd>
            <ReactionCell reaction={course.reaction} />
          </dd>
        </div>
        <div className="card">
          <dt>{t("training.eval.learning")}</dt>
          <dd>
            <LearningCell learning={course.learning} />
          </dd>
        </div>
        <div className="card">
          <dt>{t("training.eval.behaviour")}</dt>
          <dd>
            <BehaviourCell behaviour={course.behaviour} />
          </dd>
        </div>
        <div className="card">
          <dt>{t("training.eval.results")}</dt>
          <dd>
            <ResultsCell results={evaluation.results} />
          </dd>
        </div>
        <div className="card">
          <dt>{t("training.eval.completion")}</dt>
          <dd>
            {pct(course.completionRate)}{" "}
            <small className="hint">
              ({course.completedInScope}/{course.enrolledInScope})
            </small>
          </dd>
        </div>
        <div className="card">
          <dt>{t("training.eval.cost")}</dt>
          <dd>
            {money(course.costFen)}
            <br />
            <small>
              {t("training.eval.perParticipant")} {m(course.cost.perParticipant)} · {t("training.eval.perLearnerHour")}{" "}
              {m(course.cost.perLearnerHour)}
            </small>
          </dd>
        </div>
      </dl>
      <h3>{t("training.eval.needsAddressed")}</h3>
      {evaluation.needsResponses === 0 ? (
        <p className="hint">{t("training.eval.noNeedsData")}</p>
      ) : (
        <ul>
          {evaluation.needs.map((n) => (
            <li key={n.topic}>
              {t("training.eval.needLine", {
                topic: t(`training.topic.${n.topic}`),
                wanted: n.wanted,
                urgent: n.urgent,
                responses: evaluation.needsResponses,
              })}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("training.eval.bySession")}</h3>
      <DataTable
        rows={evaluation.perSession}
        rowKey={(s) => s.id}
        empty="training.eval.noCompletedSessions"
        columns={[
          {
            key: "session",
            header: "training.session",
            cell: (s) => (
              <Link to={`/training/sessions/${s.id}`}>
                <DateText value={s.startsAt} />
              </Link>
            ),
          },
          {
            key: "participants",
            header: "training.eval.participants",
            numeric: true,
            cell: (s) => (
              <>
                {s.completers}
                {s.completedInScope !== s.completers ? (
                  <small className="hint"> ({t("training.eval.inScope", { n: s.completedInScope })})</small>
                ) : null}
              </>
            ),
          },
          { key: "reaction", header: "training.eval.reaction", cell: (s) => <ReactionCell reaction={s.reaction} /> },
          { key: "learning", header: "training.eval.learning", cell: (s) => <LearningCell learning={s.learning} /> },
          { key: "behaviour", header: "training.eval.behaviour", cell: (s) => <BehaviourCell behaviour={s.behaviour} /> },
          {
            key: "cost",
            header: "training.eval.cost",
            cell: (s) => (
              <>
                {money(s.costFen)}
                <br />
                <small>
                  {t("training.eval.perParticipant")} {m(s.cost.perParticipant)} · {t("training.eval.perHour")} {m(s.cost.perHour)}
                </small>
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
