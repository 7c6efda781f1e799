/** Pay pages carry salaries: no cache may keep them, not even the browser's. */
export const NO_STORE = { "Cache-Control": "no-store" } as const;

export function noStoreHeaders() {
  return NO_STORE;
}
