/** Attempts before a message is marked failed (about a day of retries with the delays below). */
export const MAX_ATTEMPTS = 10;
export const BASE_DELAY_MS = 30_000;
export const MAX_DELAY_MS = 4 * 60 * 60 * 1000;

/**
 * Delay before the next try after `attempts` failed ones: exponential, capped, with "equal
 * jitter" (half fixed, half random) so that many messages failing together do not retry in step.
 */
export function retryDelayMs(attempts: number, random: () => number = Math.random) {
  const exponential = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
  return Math.round(exponential / 2 + random() * (exponential / 2));
}
