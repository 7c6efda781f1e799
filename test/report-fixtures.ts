import type { Db } from "~/utils/db.server";
import { createSurvey, closeSurvey, launchSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import type { Answers, SurveyItem } from "~/modules/surveys/items";
import { parseItems } from "~/modules/surveys/items";
import { answerAs } from "./survey-answering";

const DAY = 86_400_000;

/** Answers every item; `tone` 0–4 shifts the scale so groups differ. */
export function answersFor(items: SurveyItem[], tone: number, comment?: string): Answers {
  const answers: Answers = {};
  items.forEach((item, i) => {
    if (item.type === "likert5") answers[item.id] = 1 + ((tone + i) % 5);
    else if (item.type === "nps") answers[item.id] = Math.min(10, 4 + tone * 2);
    else if (item.type === "single") answers[item.id] = item.options![tone % item.options!.length].id;
    else if (item.type === "multiple") answers[item.id] = [item.options![0].id];
    else if (item.type === "text" && comment) answers[item.id] = comment;
  });
  return answers;
}

/**
 * A closed staff-satisfaction survey of the given units, built through the surveys module the
 * way HR and employees would: create, launch, answers from `answers[unitCode]` people, close.
 */
export async function closedSurvey(
  db: Db,
  input: {
    actorId: string;
    answers: Record<string, number>;
    minCommentGroupSize?: number;
    opensAt?: Date;
    title?: string;
    /** The comment of the `i`-th respondent of a unit (default: the unit's code and a number). */
    comment?: (unitCode: string, i: number) => string;
  },
) {
  const now = new Date();
  const opensAt = input.opensAt ?? new Date(now.getTime() - DAY);
  const units = await db.unit.findMany({ where: { code: { in: Object.keys(input.answers) } }, select: { id: true, code: true } });
  const { id } = await createSurvey(db, input.actorId, {
    templateId: "staff-satisfaction",
    titleZh: input.title ?? "报告测试调查",
    titleEn: input.title ?? "Report test survey",
    opensAt,
    closesAt: new Date(Math.max(now.getTime(), opensAt.getTime()) + DAY),
    population: { unitIds: units.map((u) => u.id), tracks: [] },
    cuts: ["unit", "track", "tenure"],
    minGroupSize: 5,
    minCommentGroupSize: input.minCommentGroupSize ?? 5,
  });
  const launchAt = new Date(Math.max(opensAt.getTime(), now.getTime() - DAY / 2));
  await launchSurvey(db, input.actorId, id, launchAt);
  const survey = await db.survey.findUniqueOrThrow({ where: { id }, select: { itemsJson: true } });
  const items = parseItems(survey.itemsJson);
  let tone = 0;
  for (const unit of units) {
    const people = await db.surveyParticipation.findMany({
      where: { surveyId: id, unitId: unit.id },
      orderBy: { employeeId: "asc" },
      take: input.answers[unit.code],
      select: { employeeId: true },
    });
    if (people.length < input.answers[unit.code]) throw new Error(`${unit.code} has only ${people.length} people`);
    for (const [i, p] of people.entries()) {
      const comment = input.comment ? input.comment(unit.code, i) : `${unit.code} 意见 ${tone + 1}`;
      const result = await answerAs(
        db,
        { surveyId: id, employeeId: p.employeeId, answers: answersFor(items, tone++ % 5, comment) },
        launchAt,
      );
      if (!result.ok) throw new Error(`answer refused: ${result.reason}`);
    }
  }
  await closeSurvey(db, input.actorId, id, new Date(launchAt.getTime() + 1000));
  return id;
}
