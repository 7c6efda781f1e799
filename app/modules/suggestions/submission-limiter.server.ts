import { createHmac, randomBytes } from "node:crypto";

/**
 * Throttles submissions without storing who submitted. Counters live only in this process's
 * memory, keyed by an HMAC of the user id under a key drawn at start-up and never written
 * anywhere; entries disappear when their window passes. A database bucket would leave a
 * dated trace of "this person submitted at about this time" beside an anonymous row.
 */
export const SUBMISSION_LIMIT = 5;
export const SUBMISSION_WINDOW_MS = 60 * 60 * 1000;

const processKey = randomBytes(32);
const hits = new Map<string, number[]>();

function keyFor(userId: string) {
  return createHmac("sha256", processKey).update(userId).digest("base64url");
}

function prune(now: number) {
  for (const [key, times] of hits) {
    const fresh = times.filter((t) => now - t < SUBMISSION_WINDOW_MS);
    if (fresh.length === 0) hits.delete(key);
    else if (fresh.length !== times.length) hits.set(key, fresh);
  }
}

/** Records a submission attempt; true when the user is over the limit (the attempt is refused and not counted). */
export function submissionThrottled(userId: string, now = Date.now()) {
  prune(now);
  const key = keyFor(userId);
  const times = hits.get(key) ?? [];
  if (times.length >= SUBMISSION_LIMIT) return true;
  hits.set(key, [...times, now]);
  return false;
}

/** For tests. */
export function resetSubmissionLimiter() {
  hits.clear();
}
