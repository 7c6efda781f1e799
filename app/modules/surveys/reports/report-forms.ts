import { z } from "~/utils/validation";

/** The organisation total in report URLs and pickers (every respondent of the survey). */
export const ORG = "org";

/** Tenure bands as stored on responses (see tenureBand in org). */
export const TENURE_BANDS = ["lt3", "3to10", "gt10"] as const;

export const PlanSchema = z
  .object({
    intent: z.enum(["save", "publish"]),
    summary: z.string().trim().min(1).max(2000),
    /** Further notes beside the plan's actions (the plan's free text before actions had owners). */
    actions: z.string().trim().max(4000).optional(),
  })
  .strict();

export const UnpublishSchema = z.object({ intent: z.literal("unpublish") }).strict();
