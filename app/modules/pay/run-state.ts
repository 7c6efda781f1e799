/**
 * Pay-run life cycle: draft → reviewed → approved → locked.
 * - Only a draft is (re)computed; a run with blocking issues cannot leave draft.
 * - Review and approval are by someone other than the preparer (four eyes); approval
 *   also needs the password again (checked by the caller).
 * - A reviewed or approved run may be sent back to draft; a locked run never changes.
 */
export const RUN_STATUSES = ["draft", "reviewed", "approved", "locked"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_ACTIONS = ["review", "approve", "lock", "sendBack"] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

export type RunForTransition = { status: string; preparedById: string; issueCount: number };

export type TransitionResult = { ok: true; next: RunStatus } | { ok: false; error: TransitionError };
export type TransitionError = "pay.errors.wrongState" | "pay.errors.samePerson" | "pay.errors.hasIssues" | "pay.errors.locked";

const FROM: Record<RunAction, RunStatus[]> = {
  review: ["draft"],
  approve: ["reviewed"],
  lock: ["approved"],
  sendBack: ["reviewed", "approved"],
};
const TO: Record<RunAction, RunStatus> = { review: "reviewed", approve: "approved", lock: "locked", sendBack: "draft" };

export function transition(run: RunForTransition, action: RunAction, actorId: string): TransitionResult {
  if (run.status === "locked") return { ok: false, error: "pay.errors.locked" };
  if (!(FROM[action] as string[]).includes(run.status)) return { ok: false, error: "pay.errors.wrongState" };
  if ((action === "review" || action === "approve") && actorId === run.preparedById) return { ok: false, error: "pay.errors.samePerson" };
  if (action === "review" && run.issueCount > 0) return { ok: false, error: "pay.errors.hasIssues" };
  return { ok: true, next: TO[action] };
}

export function mayRecompute(status: string) {
  return status === "draft";
}
