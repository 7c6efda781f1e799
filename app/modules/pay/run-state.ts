/**
 * Pay-run life cycle: draft → reviewed → approved → locked.
 * - Only a draft is (re)computed; a run with blocking issues cannot leave draft.
 * - Separation of duties: preparer, reviewer and approver are three different people; nobody
 *   reviews or approves a run that holds their own pay line; a role granted in the last
 *   RECENT_ROLE_DAYS cannot review or approve. Approval also needs the password again
 *   (checked by the caller).
 * - A reviewed or approved run may be sent back to draft; a locked run never changes.
 */
export const RUN_STATUSES = ["draft", "reviewed", "approved", "locked"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_ACTIONS = ["review", "approve", "lock", "sendBack"] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

export type RunForTransition = { status: string; preparedById: string; reviewedById?: string | null; issueCount: number };

/** What the rules need to know about the person acting. */
export type RunActor = { userId: string; hasOwnLine?: boolean; roleGrantedAt?: Date | null };

export const DEFAULT_RECENT_ROLE_DAYS = 7;

export type TransitionResult = { ok: true; next: RunStatus } | { ok: false; error: TransitionError };
export type TransitionError =
  | "pay.errors.wrongState"
  | "pay.errors.samePerson"
  | "pay.errors.reviewerCannotApprove"
  | "pay.errors.ownLine"
  | "pay.errors.recentRole"
  | "pay.errors.hasIssues"
  | "pay.errors.locked";

const FROM: Record<RunAction, RunStatus[]> = {
  review: ["draft"],
  approve: ["reviewed"],
  lock: ["approved"],
  sendBack: ["reviewed", "approved"],
};
const TO: Record<RunAction, RunStatus> = { review: "reviewed", approve: "approved", lock: "locked", sendBack: "draft" };

/** true when a role granted at `grantedAt` is younger than `days` at `now` (null: held from the start). */
export function isRecentRole(grantedAt: Date | null | undefined, now: Date, days = DEFAULT_RECENT_ROLE_DAYS) {
  return Boolean(grantedAt) && now.getTime() - grantedAt!.getTime() < days * 24 * 60 * 60 * 1000;
}

export function transition(
  run: RunForTransition,
  action: RunAction,
  actor: string | RunActor,
  options: { now?: Date; recentRoleDays?: number } = {},
): TransitionResult {
  const who: RunActor = typeof actor === "string" ? { userId: actor } : actor;
  if (run.status === "locked") return { ok: false, error: "pay.errors.locked" };
  if (!(FROM[action] as string[]).includes(run.status)) return { ok: false, error: "pay.errors.wrongState" };
  if (action === "review" || action === "approve") {
    if (who.userId === run.preparedById) return { ok: false, error: "pay.errors.samePerson" };
    if (action === "approve" && who.userId === run.reviewedById) return { ok: false, error: "pay.errors.reviewerCannotApprove" };
    if (who.hasOwnLine) return { ok: false, error: "pay.errors.ownLine" };
    if (isRecentRole(who.roleGrantedAt, options.now ?? new Date(), options.recentRoleDays))
      return { ok: false, error: "pay.errors.recentRole" };
  }
  if (action === "review" && run.issueCount > 0) return { ok: false, error: "pay.errors.hasIssues" };
  return { ok: true, next: TO[action] };
}

export function mayRecompute(status: string) {
  return status === "draft";
}
