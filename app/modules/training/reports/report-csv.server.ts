import type { Db } from "~/utils/db.server";
import type { Actor } from "~/modules/auth/scope";
import type { T } from "~/utils/i18n";
import { toCsv } from "../catalogue/csv";
import { effectivenessReport, hoursReport, needsDeliveryReport, type Window } from "./reports.server";

export const CSV_KINDS = ["hours", "units", "courses", "needs"] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

const r2 = (v: number | null | undefined) => (v === null || v === undefined ? "" : Math.round(v * 100) / 100);
const yuan = (fen: number | null) => (fen === null ? "" : (fen / 100).toFixed(2));

/** One report table as CSV, headed in the reader's language; figures below the group minimum stay empty. */
export async function reportCsv(db: Db, actor: Actor, kind: CsvKind, window: Window, t: T, locale: string) {
  const name = (x: { nameZh?: string; nameEn?: string; titleZh?: string; titleEn?: string }) =>
    (locale === "en" ? (x.nameEn ?? x.titleEn) : (x.nameZh ?? x.titleZh)) ?? "";
  if (kind === "hours" || kind === "units") {
    const report = await hoursReport(db, actor, window);
    if (kind === "hours")
      return toCsv(
        [t("training.employeeNo"), t("training.employee"), t("training.needs.unit"), t("training.hours"), t("training.report.courses")],
        report.people.map((p) => [p.employeeNo, p.name, name(p.unit), p.hours, p.courses]),
      );
    return toCsv(
      [
        t("training.needs.unit"),
        t("training.report.staff"),
        t("training.report.trained"),
        t("training.report.coverage"),
        t("training.report.averageHours"),
      ],
      report.units.map((u) => [name(u), u.staff, u.trained, r2(u.coverage), r2(u.averageHours)]),
    );
  }
  if (kind === "courses") {
    const rows = await effectivenessReport(db, actor, window);
    return toCsv(
      [
        t("training.code"),
        t("training.course"),
        t("training.report.sessionsDelivered"),
        t("training.eval.participants"),
        t("training.eval.completion"),
        t("training.report.reactionOverall"),
        t("training.report.reactionN"),
        t("training.report.meanGain"),
        t("training.report.normalisedGain"),
        t("training.report.behaviourApplication"),
        t("training.report.behaviourN"),
        t("training.report.did"),
        t("training.report.treatedN"),
        t("training.report.controlN"),
        t("training.report.costYuan"),
        t("training.report.costPerParticipantYuan"),
      ],
      rows.map((c) => [
        c.code,
        name(c),
        c.sessions,
        c.completers,
        r2(c.completionRate),
        c.reaction.status === "ok" ? r2(c.reaction.overall) : "",
        "n" in c.reaction ? c.reaction.n : "",
        r2(c.learning?.meanRawGain),
        r2(c.learning?.normalisedGain),
        r2(c.behaviour.application),
        c.behaviour.n,
        c.results.status === "ok" ? r2(c.results.did / 100) : "",
        c.results.status === "ok" ? c.results.treated.n : c.results.status === "insufficient" ? c.results.treatedN : "",
        c.results.status === "ok" ? c.results.control.n : c.results.status === "insufficient" ? c.results.controlN : "",
        yuan(c.costFen),
        yuan(c.cost.perParticipant),
      ]),
    );
  }
  const { topics } = await needsDeliveryReport(db, actor, window);
  return toCsv(
    [
      t("training.topic"),
      t("training.needs.wanted"),
      t("training.needs.urgent"),
      t("training.report.trainedPeople"),
      t("training.report.sessionsDelivered"),
      t("training.report.learnerHours"),
    ],
    topics.map((x) => [t(`training.topic.${x.topic}`), x.wanted, x.urgent, x.trainedPeople, x.sessions, x.learnerHours]),
  );
}
