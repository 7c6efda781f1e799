import { TRACKS } from "~/modules/org/org";
import { isoDate, z } from "~/utils/validation";

const optionalCount = (max: number) =>
  z.preprocess((v) => (v === "" || v === undefined ? null : v), z.coerce.number().finite().int().min(0).max(max).nullable());
const text = (max: number) => z.string().trim().max(max).default("");

export { isoDate };

/** A level's titles, description, competencies and promotion criteria. KPI average is typed in points (e.g. 85.5). */
export const LevelFormSchema = z
  .object({
    titleZh: z.string().trim().min(1).max(60),
    titleEn: z.string().trim().min(1).max(80),
    descriptionZh: text(1000),
    descriptionEn: text(1000),
    competenciesZh: text(2000),
    competenciesEn: text(2000),
    minMonthsInLevel: optionalCount(240),
    minKpiAverage: z.preprocess(
      (v) => (v === "" || v === undefined ? null : v),
      z.coerce.number().finite().min(0).max(100).multipleOf(0.01).nullable(),
    ),
    kpiPeriods: z.coerce.number().finite().int().min(1).max(12),
    minTrainingHours: optionalCount(2000),
    requiredCourses: text(500),
    requiredCertificates: text(500),
    minRotations: optionalCount(20),
  })
  .strict();
export type LevelFormInput = z.infer<typeof LevelFormSchema>;

/** One grade per level code (the equivalence matrix). */
export const GradesSchema = z
  .record(z.string().regex(/^grade\.[MTS][1-7]$/), z.coerce.number().finite().int().min(1).max(20))
  .refine((grades) => Object.keys(grades).length > 0, "errors.required");

export const CycleFormSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    effectiveDate: isoDate,
    allowSelfNomination: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
  })
  .strict();

export const NominateSchema = z
  .object({
    intent: z.literal("nominate"),
    employeeId: z.string().trim().min(1).max(64),
    justification: z.string().trim().min(1).max(2000),
  })
  .strict();

export const DecideSchema = z
  .object({
    intent: z.literal("decide"),
    nominationId: z.string().trim().min(1).max(64),
    decision: z.enum(["approved", "rejected"]),
    comment: text(2000),
  })
  .strict();

export const QuotaSchema = z
  .object({
    intent: z.literal("quota"),
    unitId: z.string().trim().min(1).max(64),
    posts: z.coerce.number().finite().int().min(0).max(1000),
  })
  .strict();

export const SelfNominateSchema = z
  .object({
    intent: z.literal("selfNominate"),
    cycleId: z.string().trim().min(1).max(64),
    justification: z.string().trim().min(1).max(2000),
  })
  .strict();

export const TrackRequestSchema = z
  .object({
    intent: z.literal("trackRequest"),
    toTrack: z.enum(TRACKS),
    toLevel: z.string().trim().min(1).max(4),
    reason: z.string().trim().min(10).max(2000),
  })
  .strict();

export const TrackDecisionSchema = z
  .object({
    requestId: z.string().trim().min(1).max(64),
    decision: z.enum(["approved", "rejected"]),
    comment: text(2000),
    effectiveFrom: isoDate,
  })
  .strict();
