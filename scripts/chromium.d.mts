/** The browser the tests drive: CHROMIUM_PATH, else Debian's package, else one on PATH; null when none. */
export function findChromium(): string | null;
