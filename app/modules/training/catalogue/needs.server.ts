import { answeredShowable } from "~/modules/surveys/campaigns/rates";
import type { Db } from "~/utils/db.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import { createSurvey, launchSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { parseItems } from "~/modules/surveys/items";
import { answerCounts, responseCounts } from "../evaluation/survey-data.server";
import { NEEDS_TOPIC_ITEM, TOPICS, type Topic } from "../training";

const URGENT_ITEM = "topic-02";

/** Launches the training-needs survey for a unit (and its rooms) at once. */
export async function launchNeedsSurvey(
  db: Db,
  actorId: string,
  input: { unitId: string; closesAt: Date; minGroupSize?: number },
  now = new Date(),
) {
  const unit = await db.unit.findUnique({ where: { id: input.unitId }, select: { id: true, nameZh: true, nameEn: true } });
  if (!unit) return null;
  const survey = await createSurvey(db, actorId, {
    templateId: "training-needs",
    titleZh: `培训需求调研 · ${unit.nameZh}`.slice(0, 120),
    titleEn: `Training needs · ${unit.nameEn}`.slice(0, 120),
    opensAt: now,
    closesAt: input.closesAt,
    population: { unitIds: [unit.id], tracks: [] },
    minGroupSize: input.minGroupSize ?? 5,
    cuts: ["unit"],
    purpose: "training-needs",
    contextId: unit.id,
  });
  await launchSurvey(db, actorId, survey.id, now);
  return survey;
}

/** Needs surveys whose unit is in the actor's scope, newest first, with response rates. */
export async function listNeedsSurveys(db: Db, actor: Actor) {
  const units = await db.unit.findMany({ where: unitWhere(actor), select: { id: true, nameZh: true, nameEn: true } });
  const unitById = new Map(units.map((u) => [u.id, u]));
  const surveys = await db.survey.findMany({
    where: { purpose: "training-needs", contextId: { in: [...unitById.keys()] } },
    orderBy: { opensAt: "desc" },
    take: 50,
    select: {
      id: true,
      status: true,
      opensAt: true,
      closesAt: true,
      contextId: true,
      minGroupSize: true,
      _count: { select: { participations: true, responses: true } },
    },
  });
  // While a survey runs only HR, who runs it, sees how many answered, and only when answered and
  // not yet answered each pass the minimum; a closed survey's count follows the same rule.
  return surveys.map(({ _count, minGroupSize, ...s }) => {
    const showable =
      answeredShowable(_count.participations, _count.responses, minGroupSize) && (s.status === "closed" || actor.role === "hr_admin");
    return { ...s, unit: unitById.get(s.contextId!)!, invited: _count.participations, answered: showable ? _count.responses : null };
  });
}

export type TopicNeed = { wanted: number; urgent: number };
export type UnitNeeds =
  | { unitId: string; nameZh: string; nameEn: string; status: "ok"; responses: number; topics: Record<Topic, TopicNeed> }
  | { unitId: string; nameZh: string; nameEn: string; status: "suppressed"; responses: null };

const emptyTopics = () => Object.fromEntries(TOPICS.map((t) => [t, { wanted: 0, urgent: 0 }])) as Record<Topic, TopicNeed>;

/**
 * Recorded needs from closed needs surveys, by topic and by the unit each answer is filed
 * under, for units in the actor's scope. A unit with fewer than the survey's minimum number of
 * responses shows no figures, and totals add up only the units shown, so no difference reveals it.
 */
export async function needsByTopicAndUnit(db: Db, actor: Actor, options: { since?: Date } = {}) {
  const surveys = await db.survey.findMany({
    where: { purpose: "training-needs", status: "closed", ...(options.since ? { closedAt: { gte: options.since } } : {}) },
    select: { id: true, itemsJson: true, minGroupSize: true },
  });
  const units = await db.unit.findMany({
    where: unitWhere(actor),
    select: { id: true, nameZh: true, nameEn: true, path: true },
    orderBy: [{ path: "asc" }],
  });
  const unitById = new Map(units.map((u) => [u.id, u]));
  const ids = surveys.map((s) => s.id);
  const [responses, answers] = await Promise.all([responseCounts(db, ids), answerCounts(db, ids, [NEEDS_TOPIC_ITEM, URGENT_ITEM])]);
  const minGroup = Math.max(5, ...surveys.map((s) => s.minGroupSize));
  const topicOf = new Map(
    surveys.map((s) => {
      const items = parseItems(s.itemsJson);
      const options = (id: string) => items.find((i) => i.id === id)?.options?.map((o) => o.id) ?? [];
      return [s.id, { wanted: options(NEEDS_TOPIC_ITEM), urgent: options(URGENT_ITEM) }];
    }),
  );
  const byUnit = new Map<string, { responses: number; topics: Record<Topic, TopicNeed> }>();
  for (const r of responses) {
    if (!r.unitId || !unitById.has(r.unitId)) continue;
    const entry = byUnit.get(r.unitId) ?? { responses: 0, topics: emptyTopics() };
    entry.responses += r.n;
    byUnit.set(r.unitId, entry);
  }
  for (const a of answers) {
    const entry = a.unitId ? byUnit.get(a.unitId) : undefined;
    if (!entry) continue;
    const map = topicOf.get(a.surveyId)!;
    const topic = (a.itemId === NEEDS_TOPIC_ITEM ? map.wanted : map.urgent)[a.value] as Topic | undefined;
    if (!topic || !(topic in entry.topics)) continue;
    entry.topics[topic][a.itemId === NEEDS_TOPIC_ITEM ? "wanted" : "urgent"] += a.n;
  }
  const rows: UnitNeeds[] = [...byUnit.entries()]
    .map(([unitId, e]) => ({ unitId, u: unitById.get(unitId)!, ...e }))
    .sort((a, b) => a.u.path.localeCompare(b.u.path))
    .map(({ unitId, u, responses: n, topics }) =>
      n >= minGroup
        ? { unitId, nameZh: u.nameZh, nameEn: u.nameEn, status: "ok" as const, responses: n, topics }
        : { unitId, nameZh: u.nameZh, nameEn: u.nameEn, status: "suppressed" as const, responses: null },
    );
  const totals = emptyTopics();
  let shownResponses = 0;
  for (const row of rows) {
    if (row.status !== "ok") continue;
    shownResponses += row.responses;
    for (const t of TOPICS) {
      totals[t].wanted += row.topics[t].wanted;
      totals[t].urgent += row.topics[t].urgent;
    }
  }
  return { rows, totals, shownResponses, minGroupSize: minGroup };
}
