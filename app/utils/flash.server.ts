import { serialize } from "hono/utils/cookie";
import { readCookie } from "~/modules/auth/cookie.server";
import type { MessageKey } from "./i18n";

/** A one-shot message shown after a redirect (a toast). Carries a message key, never data. */
export type Flash = { kind: "success" | "error"; message: MessageKey };

const NAME = "flash";

export function flashCookie(flash: Flash) {
  return serialize(NAME, encodeURIComponent(JSON.stringify(flash)), { path: "/", httpOnly: true, sameSite: "Lax", maxAge: 60 });
}

export function readFlash(request: Request): { flash: Flash | null; headers: Headers } {
  const headers = new Headers();
  const raw = readCookie(request.headers.get("cookie"), NAME);
  if (!raw) return { flash: null, headers };
  headers.append("Set-Cookie", serialize(NAME, "", { path: "/", maxAge: 0 }));
  try {
    const value = JSON.parse(decodeURIComponent(raw)) as Flash;
    if ((value.kind === "success" || value.kind === "error") && typeof value.message === "string") return { flash: value, headers };
  } catch {
    // a malformed flash cookie is dropped
  }
  return { flash: null, headers };
}

/** Redirect with a toast. */
export function redirectWithFlash(to: string, flash: Flash, init?: { headers?: HeadersInit; status?: 302 | 303 }) {
  const headers = new Headers(init?.headers);
  headers.set("Location", to);
  headers.append("Set-Cookie", flashCookie(flash));
  return new Response(null, { status: init?.status ?? 302, headers });
}
