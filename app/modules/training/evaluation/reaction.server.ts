import type { Db } from "~/utils/db.server";
import { createSurvey, launchSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { reactionFigure } from "./evaluation";
import { answerCounts, responseCounts } from "./survey-data.server";
import { MIN_GROUP_SIZE } from "../training";
import { fieldError } from "~/utils/domain-error";

const OVERALL_ITEM = "overall-01";
const NPS_ITEM = "overall-02";
const LIKERT_ITEMS = ["rel-01", "rel-02", "trainer-01", "trainer-02", "practice-01", "materials-01", "org-01", "org-02", OVERALL_ITEM];
const REACTION_DAYS = 14;

/** Opens the anonymous reaction survey for a completed session's participants (no cuts: the session is the group). */
export async function launchReactionSurvey(db: Db, actorId: string, sessionId: string, now = new Date()) {
  const session = await db.trainingSession.findUnique({
    where: { id: sessionId },
    select: {
      status: true,
      reactionSurveyId: true,
      course: { select: { titleZh: true, titleEn: true } },
      enrolments: { where: { completedAt: { not: null } }, select: { employeeId: true } },
    },
  });
  if (!session) throw fieldError("sessionId", "errors.notFound");
  if (session.status !== "completed") throw fieldError("sessionId", "training.errors.notCompleted");
  if (session.reactionSurveyId) throw fieldError("sessionId", "training.errors.reactionExists");
  if (session.enrolments.length === 0) throw fieldError("sessionId", "training.errors.noParticipants");
  const survey = await createSurvey(db, actorId, {
    templateId: "training-reaction",
    titleZh: `培训反馈 · ${session.course.titleZh}`.slice(0, 120),
    titleEn: `Training feedback · ${session.course.titleEn}`.slice(0, 120),
    opensAt: now,
    closesAt: new Date(now.getTime() + REACTION_DAYS * 24 * 3600_000),
    population: { employeeIds: session.enrolments.map((e) => e.employeeId) },
    minGroupSize: MIN_GROUP_SIZE,
    cuts: [],
    purpose: "training-reaction",
    contextId: sessionId,
  });
  await launchSurvey(db, actorId, survey.id, now);
  await db.trainingSession.update({ where: { id: sessionId }, data: { reactionSurveyId: survey.id } });
  return survey;
}

export type ReactionFigures =
  | { status: "ok"; n: number; overall: number; average: number; nps: number | null }
  | { status: "suppressed" }
  | { status: "pending" }
  | { status: "none" };

type SurveyRef = { id: string; status: string; minGroupSize: number; closedAt: Date | null };

/** The reaction surveys with these ids and their response and answer counts, read at once for many sessions. */
export async function reactionData(db: Db, surveyIds: string[]) {
  const [surveys, responses, answers] = await Promise.all([
    surveyIds.length
      ? db.survey.findMany({ where: { id: { in: surveyIds } }, select: { id: true, status: true, minGroupSize: true, closedAt: true } })
      : [],
    responseCounts(db, surveyIds),
    answerCounts(db, surveyIds, [...LIKERT_ITEMS, NPS_ITEM]),
  ]);
  return { surveys: new Map<string, SurveyRef>(surveys.map((s) => [s.id, s])), responses, answers };
}
export type ReactionData = Awaited<ReturnType<typeof reactionData>>;

/**
 * Reaction figures per session survey (shown once it has closed and only with at least
 * minGroupSize responses; neither a running survey's count nor a hidden one's size is given),
 * and the course figure pooled from them. The pool is released in steps: a session shown on
 * its own joins it when it closes (its figure is public anyway); sessions too small to show
 * wait, in the order they closed, until together they hold at least the minimum, and then
 * join at once. So two releases of the pooled figure never differ by fewer than the minimum
 * unshown respondents, whenever they are read. `data` may hold more surveys than these (a
 * report reads every course's at once).
 */
export function reactionFigures(data: ReactionData, surveyIds: string[]) {
  const surveys = surveyIds.flatMap((id) => data.surveys.get(id) ?? []);
  const wanted = new Set(surveyIds);
  const responses = data.responses.filter((r) => wanted.has(r.surveyId));
  const answers = data.answers.filter((a) => wanted.has(a.surveyId));
  const nBy = new Map<string, number>();
  for (const r of responses) nBy.set(r.surveyId, (nBy.get(r.surveyId) ?? 0) + r.n);
  type Sums = { overallSum: number; overallN: number; allSum: number; allN: number; promoters: number; detractors: number; npsN: number };
  const zero = (): Sums => ({ overallSum: 0, overallN: 0, allSum: 0, allN: 0, promoters: 0, detractors: 0, npsN: 0 });
  const sums = new Map<string, Sums>();
  for (const a of answers) {
    const s = sums.get(a.surveyId) ?? zero();
    if (a.itemId === NPS_ITEM) {
      s.npsN += a.n;
      if (a.value >= 9) s.promoters += a.n;
      if (a.value <= 6) s.detractors += a.n;
    } else {
      s.allSum += a.value * a.n;
      s.allN += a.n;
      if (a.itemId === OVERALL_ITEM) {
        s.overallSum += a.value * a.n;
        s.overallN += a.n;
      }
    }
    sums.set(a.surveyId, s);
  }
  const figure = (n: number, s: Sums, minGroupSize: number): ReactionFigures => {
    const overall = reactionFigure(n, s.overallSum, s.overallN, minGroupSize);
    if (overall.status !== "ok") return { status: "suppressed" };
    return {
      status: "ok",
      n,
      overall: overall.mean,
      average: s.allN ? s.allSum / s.allN : 0,
      nps: s.npsN ? ((s.promoters - s.detractors) / s.npsN) * 100 : null,
    };
  };
  const bySurvey = new Map<string, ReactionFigures>();
  const closed = surveys
    .filter((s) => s.status === "closed")
    .sort((a, b) => (a.closedAt?.getTime() ?? 0) - (b.closedAt?.getTime() ?? 0) || (a.id < b.id ? -1 : 1));
  for (const s of surveys) {
    const n = nBy.get(s.id) ?? 0;
    bySurvey.set(s.id, s.status !== "closed" ? { status: "pending" } : figure(n, sums.get(s.id) ?? zero(), s.minGroupSize));
  }
  const minGroup = Math.max(MIN_GROUP_SIZE, ...closed.map((s) => s.minGroupSize));
  const pool: SurveyRef[] = [];
  let waiting: SurveyRef[] = [];
  for (const s of closed) {
    if (bySurvey.get(s.id)!.status === "ok") {
      pool.push(s);
      continue;
    }
    waiting.push(s);
    if (waiting.reduce((t, w) => t + (nBy.get(w.id) ?? 0), 0) >= minGroup) {
      pool.push(...waiting);
      waiting = [];
    }
  }
  const pooled = zero();
  let pooledN = 0;
  for (const s of pool) {
    const x = sums.get(s.id) ?? zero();
    pooledN += nBy.get(s.id) ?? 0;
    for (const k of Object.keys(pooled) as (keyof Sums)[]) pooled[k] += x[k];
  }
  const pooledFigure = figure(pooledN, pooled, minGroup);
  // No closed session yet: say a survey is running rather than that there is none.
  const course: ReactionFigures = closed.length > 0 ? pooledFigure : surveys.length > 0 ? { status: "pending" } : { status: "none" };
  return { bySurvey, course };
}
