import { trimmed, optionalTrimmed, z } from "~/utils/validation";
import { SUGGESTION_CATEGORIES, SUGGESTION_STATUSES } from "./rules";

export const TITLE_MAX = 120;
export const BODY_MAX = 5000;
export const REASON_MAX = 1000;
/** Anonymous suggestions a person may file in a month (tokens taken; see tokens.server.ts). */
export const MONTHLY_ALLOWANCE = 5;

const id = z.string().trim().min(1).max(64);

/** The submission form. Anonymous or named is an explicit choice, never a default. */
export const SuggestionSchema = z
  .object({
    title: trimmed(TITLE_MAX),
    body: trimmed(BODY_MAX),
    category: z.enum(SUGGESTION_CATEGORIES),
    unitId: id,
    identity: z.enum(["named", "anonymous"]),
  })
  .strict();
export type SuggestionInput = z.infer<typeof SuggestionSchema>;

/** Follow-up with the code only: viewing, and replying (intent "reply"). */
export const FollowUpSchema = z.object({ intent: z.literal("view"), code: trimmed(80) }).strict();
export const FollowUpReplySchema = z.object({ intent: z.literal("reply"), code: trimmed(80), body: trimmed(BODY_MAX) }).strict();

export const SubmitterReplySchema = z.object({ intent: z.literal("reply"), body: trimmed(BODY_MAX) }).strict();

// Handling: one form per intent on the handling page.
export const StatusSchema = z
  .object({ intent: z.literal("status"), status: z.enum(SUGGESTION_STATUSES), reason: optionalTrimmed(REASON_MAX) })
  .strict()
  .refine((v) => v.status !== "declined" || Boolean(v.reason), { path: ["reason"], message: "suggestions.errors.reasonRequired" });
export const OwnerSchema = z.object({ intent: z.literal("owner"), ownerUserId: z.string().trim().max(64).optional() }).strict();
export const HandlerReplySchema = z
  .object({ intent: z.literal("reply"), body: trimmed(BODY_MAX), signWithName: z.literal("on").optional() })
  .strict();
export const NoteSchema = z.object({ intent: z.literal("note"), body: trimmed(BODY_MAX) }).strict();
export const MergeSchema = z.object({ intent: z.literal("merge"), targetId: id }).strict();
export const HideSchema = z.object({ intent: z.literal("hide"), reason: trimmed(REASON_MAX) }).strict();
export const UnhideSchema = z.object({ intent: z.literal("unhide") }).strict();
export const HideReplySchema = z.object({ intent: z.literal("hideReply"), replyId: id, reason: trimmed(REASON_MAX) }).strict();
export const RewardSchema = z
  .object({
    intent: z.literal("reward"),
    amountYuan: z
      .string()
      .trim()
      .max(20)
      .optional()
      .refine((v) => !v || /^\d{1,10}(\.\d{1,2})?$/.test(v.replace(/,/g, "")), "suggestions.errors.amount"),
    points: z.coerce.number().finite().int().min(0).max(1_000_000).optional(),
    note: trimmed(REASON_MAX),
  })
  .strict();
