import { MemoryLimiter } from "~/utils/memory-limiter.server";

/**
 * Throttles submissions without storing who submitted (see MemoryLimiter): a database bucket
 * would leave a dated trace of "this person submitted at about this time".
 */
export const SUBMISSION_LIMIT = 5;
export const SUBMISSION_WINDOW_MS = 60 * 60 * 1000;

const limiter = new MemoryLimiter(SUBMISSION_LIMIT, SUBMISSION_WINDOW_MS);

/** Records a submission attempt; true when the user is over the limit (the attempt is refused and not counted). */
export function submissionThrottled(userId: string, now = Date.now()) {
  return limiter.hit(userId, now);
}

/** For tests. */
export function resetSubmissionLimiter() {
  limiter.reset();
}
