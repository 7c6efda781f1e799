import { isoDate } from "~/modules/careers/schemas";
import { TRACKS } from "~/modules/org/org";
import { z } from "~/utils/validation";
import { ROTATION_TYPES } from "./rules";

const text = (max: number) => z.string().trim().max(max).default("");
const id = z.string().trim().min(1).max(64);

export const ProgrammeSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    description: text(2000),
    minMonthsInPost: z.coerce.number().finite().int().min(0).max(240),
    tracks: z.array(z.enum(TRACKS)).max(3).default([]),
  })
  .strict();

export const OpeningSchema = z
  .object({
    intent: z.literal("opening"),
    hostUnitId: id,
    title: z.string().trim().min(1).max(100),
    description: text(2000),
    type: z.enum(ROTATION_TYPES),
    capacity: z.coerce.number().finite().int().min(1).max(50),
    months: z.coerce.number().finite().int().min(1).max(36),
  })
  .strict();

export const ApplySchema = z
  .object({
    intent: z.literal("apply"),
    openingId: id,
    proposedStart: isoDate,
    motivation: z.string().trim().min(10).max(2000),
  })
  .strict();

export const NominateSchema = z
  .object({
    intent: z.literal("nominate"),
    openingId: id,
    employeeNo: z.string().trim().min(1).max(20),
    proposedStart: isoDate,
    motivation: z.string().trim().min(1).max(2000),
  })
  .strict();

export const ApplicationDecisionSchema = z
  .object({
    intent: z.literal("decide"),
    applicationId: id,
    side: z.enum(["home", "host"]),
    decision: z.enum(["approved", "rejected"]),
    comment: text(1000),
  })
  .strict();

const planFields = {
  startDate: isoDate,
  endDate: isoDate,
  mentorNo: z
    .string()
    .trim()
    .max(20)
    .optional()
    .transform((v) => (v ? v : undefined)),
  objectives: z.string().trim().min(1).max(2000),
  returnPlan: z.string().trim().min(1).max(2000),
};

const datesInOrder = (v: { startDate: string; endDate: string }) => v.endDate >= v.startDate;

export const AssignmentSchema = z
  .object({ openingId: id, employeeNo: z.string().trim().min(1).max(20), ...planFields })
  .strict()
  .refine(datesInOrder, { path: ["endDate"], message: "rotations.errors.endBeforeStart" });

export const PlanSchema = z
  .object({ intent: z.literal("plan"), ...planFields })
  .strict()
  .refine(datesInOrder, { path: ["endDate"], message: "rotations.errors.endBeforeStart" });

const score = z.coerce.number().finite().int().min(1).max(5);

export const EvaluationSchema = z
  .object({
    intent: z.literal("evaluate"),
    scoreResults: score,
    scoreLearning: score,
    scoreCollaboration: score,
    scoreOverall: score,
    hostComment: z.string().trim().min(1).max(2000),
  })
  .strict();

export const ReflectionSchema = z
  .object({ intent: z.literal("reflect"), assignmentId: id, reflection: z.string().trim().min(10).max(4000) })
  .strict();

export const TransitionSchema = z.object({ intent: z.literal("transition"), to: z.enum(["active", "completed", "cancelled"]) }).strict();
