import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import type { Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { submissionReply } from "~/utils/domain-error.server";
import type { MessageKey } from "~/utils/i18n";
import { addHandlerReply, addNote, changeStatus, hideReply, mergeInto, rewardSuggestion, setHidden, setOwner } from "./handling.server";
import { yuanToFen } from "./rules";
import {
  HandlerReplySchema,
  HideReplySchema,
  HideSchema,
  MergeSchema,
  NoteSchema,
  OwnerSchema,
  RewardSchema,
  StatusSchema,
  UnhideSchema,
} from "./schemas";

const SCHEMAS = {
  status: StatusSchema,
  owner: OwnerSchema,
  reply: HandlerReplySchema,
  note: NoteSchema,
  merge: MergeSchema,
  hide: HideSchema,
  unhide: UnhideSchema,
  hideReply: HideReplySchema,
  reward: RewardSchema,
} as const;
export type HandlingIntent = keyof typeof SCHEMAS;

export type HandlingOutcome =
  { ok: true; message: MessageKey } | { ok: false; intent: HandlingIntent | null; result: SubmissionResult<string[]> };

/** Parses one handling form (by its intent) and applies it; errors come back keyed to their form. */
export async function applyHandlingIntent(db: Db, actor: Actor, id: string, formData: FormData): Promise<HandlingOutcome> {
  const intent = formData.get("intent");
  if (typeof intent !== "string" || !(intent in SCHEMAS)) {
    const submission = parseWithZod(formData, { schema: StatusSchema });
    return { ok: false, intent: null, result: submission.reply({ formErrors: ["errors.invalidChoice"] }) };
  }
  const key = intent as HandlingIntent;
  const submission = parseWithZod(formData, { schema: SCHEMAS[key] as typeof StatusSchema });
  if (submission.status !== "success") return { ok: false, intent: key, result: submission.reply() };
  const v = submission.value as unknown as Record<string, string | number | undefined>;
  try {
    switch (key) {
      case "status":
        await changeStatus(db, actor, id, v.status as never, v.reason as string | undefined);
        break;
      case "owner":
        await setOwner(db, actor, id, (v.ownerUserId as string) || null);
        break;
      case "reply":
        await addHandlerReply(db, actor, id, v.body as string, v.signWithName === "on");
        break;
      case "note":
        await addNote(db, actor, id, v.body as string);
        break;
      case "merge":
        await mergeInto(db, actor, id, v.targetId as string);
        break;
      case "hide":
        await setHidden(db, actor, id, v.reason as string);
        break;
      case "unhide":
        await setHidden(db, actor, id, null);
        break;
      case "hideReply":
        await hideReply(db, actor, id, v.replyId as string, v.reason as string);
        break;
      case "reward":
        await rewardSuggestion(db, actor, id, {
          amountFen: v.amountYuan ? yuanToFen(String(v.amountYuan))! : 0,
          points: Number(v.points ?? 0),
          note: v.note as string,
        });
        break;
    }
  } catch (error) {
    return { ok: false, intent: key, result: submissionReply(error, submission).reply };
  }
  return { ok: true, message: `suggestions.flash.${key}` as MessageKey };
}
