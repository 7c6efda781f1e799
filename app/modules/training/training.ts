import { z } from "~/utils/validation";

/** Delivery formats the department decided to use beyond the classroom. */
export const FORMATS = ["classroom", "online", "hands-on", "boot-camp", "live-campaign", "customer-expert"] as const;
export type Format = (typeof FORMATS)[number];

/** Needs topics: the option ids of item topic-01 in the training-needs survey template. */
export const TOPICS = [
  "industry-solutions",
  "5g-private-line",
  "cloud-ict",
  "negotiation",
  "bidding-projects",
  "customer-relationship",
  "sales-skills",
  "data-analysis",
  "policy-regulation",
  "team-management",
] as const;
export type Topic = (typeof TOPICS)[number];

/** The item of the needs survey whose answers are the recorded needs. */
export const NEEDS_TOPIC_ITEM = "topic-01";

export const SESSION_STATUSES = ["scheduled", "completed", "cancelled"] as const;
export const BEHAVIOUR_WINDOW_DAYS = { from: 30, until: 90 } as const;
/** Default minimum group for any figure about people (same default as the surveys). */
export const MIN_GROUP_SIZE = 5;

/**
 * The sessions every training report counts: completed sessions of these courses that ended in
 * the window, its end excluded (a Prisma `where` on TrainingSession).
 */
export function completedSessionsWhere(courseIds: string[], window: { from?: Date; to?: Date }) {
  const endsAt = { ...(window.from ? { gte: window.from } : {}), ...(window.to ? { lt: window.to } : {}) };
  return { courseId: { in: courseIds }, status: "completed", ...(window.from || window.to ? { endsAt } : {}) };
}

/** Hours are kept in tenths: "3.5" → 35. */
export function parseHoursTenths(hours: number) {
  return Math.round(hours * 10);
}

export function hoursFromTenths(tenths: number) {
  return tenths / 10;
}

export function parseTopics(json: string): Topic[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is Topic => (TOPICS as readonly string[]).includes(t)) : [];
  } catch {
    return [];
  }
}

const codeField = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "errors.code");

const yuan = z.coerce
  .number()
  .finite()
  .min(0)
  .max(10_000_000)
  .refine((v) => Number.isInteger(Math.round(v * 100 * 1e6) / 1e6), "training.errors.fenPrecision");

/** Yuan as typed ("1234.5") to integer fen; more than two decimals is refused, never rounded. */
export function yuanToFen(value: number) {
  return Math.round(value * 100);
}

export const CourseSchema = z
  .object({
    code: codeField,
    titleZh: z.string().trim().min(1).max(100),
    titleEn: z.string().trim().min(1).max(150),
    topic: z.enum(TOPICS),
    needTopics: z.array(z.enum(TOPICS)).max(TOPICS.length).default([]),
    format: z.enum(FORMATS),
    hours: z.coerce
      .number()
      .finite()
      .min(0.5)
      .max(500)
      .refine((v) => Number.isInteger(Math.round(v * 10 * 1e6) / 1e6), "training.errors.hoursPrecision"),
    costYuan: yuan,
    grantsCertificate: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
    descriptionZh: z.string().trim().max(2000).optional(),
    descriptionEn: z.string().trim().max(2000).optional(),
  })
  .strict();
export type CourseInput = z.infer<typeof CourseSchema>;

const dateTime = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "errors.invalidDate")
  .refine((v) => !Number.isNaN(Date.parse(`${v}:00Z`)), "errors.invalidDate");

/** Session times are entered in China Standard Time (UTC+8, no daylight saving). */
export function cstToDate(local: string) {
  return new Date(`${local}:00+08:00`);
}

export function dateToCst(date: Date) {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
}

export const SessionSchema = z
  .object({
    startsAt: dateTime,
    endsAt: dateTime,
    trainer: z.string().trim().min(1).max(100),
    place: z.string().trim().min(1).max(200),
    capacity: z.coerce.number().int().min(1).max(1000),
    costYuan: yuan,
    testMaxScore: z.coerce.number().int().min(1).max(1000).default(100),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (cstToDate(v.endsAt) <= cstToDate(v.startsAt))
      ctx.addIssue({ code: "custom", path: ["endsAt"], message: "training.errors.endBeforeStart" });
  });
export type SessionInput = z.infer<typeof SessionSchema>;
