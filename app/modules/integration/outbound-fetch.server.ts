/** Why an outbound call failed, as a message key for the history. */
export class OutboundError extends Error {
  constructor(
    public readonly key:
      | "feeds.error.timeout"
      | "feeds.error.http"
      | "feeds.error.redirect"
      | "feeds.error.network"
      | "feeds.error.tooLarge"
      | "feeds.error.malformed",
    public readonly status?: number,
  ) {
    super(key);
  }
}

const MAX_REDIRECTS = 3;

/**
 * GET a JSON document with a timeout, following redirects only within the same origin
 * (a redirect elsewhere could carry the auth header to a stranger), with a size cap.
 */
export async function fetchJson(
  url: string,
  options: { headers?: Record<string, string>; timeoutMs: number; maxBytes: number },
): Promise<unknown> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let target = new URL(url);
  const origin = target.origin;
  for (let hop = 0; ; hop++) {
    let response: Response;
    try {
      response = await fetch(target, { headers: { Accept: "application/json", ...options.headers }, redirect: "manual", signal });
    } catch (error) {
      const timedOut = error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError");
      throw new OutboundError(timedOut ? "feeds.error.timeout" : "feeds.error.network");
    }
    if (response.status >= 300 && response.status < 400) {
      const location = response.headers.get("location");
      const next = location ? new URL(location, target) : null;
      if (!next || next.origin !== origin || hop >= MAX_REDIRECTS) throw new OutboundError("feeds.error.redirect", response.status);
      target = next;
      continue;
    }
    if (!response.ok) throw new OutboundError("feeds.error.http", response.status);
    const declared = Number(response.headers.get("content-length") ?? 0);
    if (declared > options.maxBytes) throw new OutboundError("feeds.error.tooLarge");
    let text: string;
    try {
      text = await response.text();
    } catch {
      throw new OutboundError(signal.aborted ? "feeds.error.timeout" : "feeds.error.network");
    }
    if (Buffer.byteLength(text) > options.maxBytes) throw new OutboundError("feeds.error.tooLarge");
    try {
      return JSON.parse(text);
    } catch {
      throw new OutboundError("feeds.error.malformed");
    }
  }
}
