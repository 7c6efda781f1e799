import { isoDate, z } from "~/utils/validation";

/** Demographic cuts a survey may collect, from a fixed list. */
export const CUTS = ["unit", "track", "tenure"] as const;
export type Cut = (typeof CUTS)[number];

export const DEFAULT_MIN_GROUP_SIZE = 5;
/** No report, rate or comment list for fewer people than this, whatever HR chooses. */
export const FLOOR_MIN_GROUP_SIZE = 3;
/** Comments are readable only for larger groups: prose identifies people more easily than scores. */
export const DEFAULT_MIN_COMMENT_GROUP_SIZE = 10;

export const SURVEY_STATUSES = ["draft", "open", "closed"] as const;
export type SurveyStatus = (typeof SURVEY_STATUSES)[number];

/** The department works on China time; a survey opens at the start of its first day and closes at the end of its last. */
const CHINA_OFFSET = "+08:00";

export function dayStart(date: string) {
  return new Date(`${date}T00:00:00${CHINA_OFFSET}`);
}

export function dayEnd(date: string) {
  return new Date(dayStart(date).getTime() + 24 * 60 * 60 * 1000);
}

/** The calendar date (China time) of an instant, "YYYY-MM-DD". */
export function chinaDate(instant: Date) {
  return new Date(instant.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The last calendar day a survey is open, from its exclusive closing instant. */
export function lastDay(closesAt: Date) {
  return chinaDate(new Date(closesAt.getTime() - 1));
}

/** The settings HR edits on a draft: titles, dates, group minimums and cuts. */
export const SettingsFields = z.object({
  titleZh: z.string().trim().min(1).max(120),
  titleEn: z.string().trim().min(1).max(120),
  opensOn: isoDate,
  closesOn: isoDate,
  minGroupSize: z.coerce.number().int().min(FLOOR_MIN_GROUP_SIZE).max(100).default(DEFAULT_MIN_GROUP_SIZE),
  minCommentGroupSize: z.coerce.number().int().min(FLOOR_MIN_GROUP_SIZE).max(200).default(DEFAULT_MIN_COMMENT_GROUP_SIZE),
  cuts: z.array(z.enum(CUTS)).max(CUTS.length).default([]),
});

export function refineSettings(
  value: { opensOn: string; closesOn: string; minGroupSize: number; minCommentGroupSize: number },
  ctx: z.RefinementCtx,
) {
  if (value.closesOn < value.opensOn) ctx.addIssue({ code: "custom", path: ["closesOn"], message: "surveys.errors.closesBeforeOpens" });
  if (value.minCommentGroupSize < value.minGroupSize) {
    ctx.addIssue({ code: "custom", path: ["minCommentGroupSize"], message: "surveys.errors.commentMinBelowGroupMin" });
  }
}

export const SettingsSchema = SettingsFields.strict().superRefine(refineSettings);

export type Settings = z.infer<typeof SettingsSchema>;

export function parseCuts(json: string): Cut[] {
  const raw = JSON.parse(json) as unknown;
  return Array.isArray(raw) ? CUTS.filter((c) => raw.includes(c)) : [];
}

/** What must hold before a draft may be launched; message keys, empty when ready. */
export function launchProblems(
  survey: {
    opensAt: Date;
    closesAt: Date;
    itemCount: number;
    invited: number;
    established?: number;
    minGroupSize: number;
    minCommentGroupSize: number;
    pooled?: boolean;
  },
  now = new Date(),
) {
  const problems: string[] = [];
  if (survey.itemCount === 0) problems.push("surveys.errors.noItems");
  if (survey.invited === 0) problems.push("surveys.errors.emptyPopulation");
  // Fewer invitees than the minimum could never be reported, and a one-person population is that person.
  else if (survey.invited < survey.minGroupSize && !survey.pooled) problems.push("surveys.errors.populationBelowMinimum");
  // Newly arrived people count towards no group: without enough established ones, nothing could be reported safely.
  else if ((survey.established ?? survey.invited) < survey.minGroupSize && !survey.pooled) problems.push("surveys.errors.populationTooNew");
  if (survey.closesAt <= now) problems.push("surveys.errors.closesInPast");
  if (survey.closesAt <= survey.opensAt) problems.push("surveys.errors.closesBeforeOpens");
  if (survey.minGroupSize < FLOOR_MIN_GROUP_SIZE) problems.push("surveys.errors.groupMinTooSmall");
  if (survey.minCommentGroupSize < survey.minGroupSize) problems.push("surveys.errors.commentMinBelowGroupMin");
  return problems;
}

/** Open for answers right now: launched, not closed, within its dates. */
/**
 * The status a page shows: an open survey past its closing time reads as closed at once, before
 * the background job (`surveys.close`) closes it and aggregates its results. A read never closes.
 */
export function effectiveStatus(survey: { status: string; closesAt: Date }, now = new Date()): SurveyStatus {
  return survey.status === "open" && now >= survey.closesAt ? "closed" : (survey.status as SurveyStatus);
}

export function isAnswerable(survey: { status: string; opensAt: Date; closesAt: Date }, now = new Date()) {
  return survey.status === "open" && survey.opensAt <= now && now < survey.closesAt;
}
