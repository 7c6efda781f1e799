import { parse, serialize } from "hono/utils/cookie";
import { getEnv } from "~/utils/env.server";

/** `__Host-` prefix when served over HTTPS: Secure, Path=/, no Domain. */
export function sessionCookieName() {
  return getEnv().SECURE_COOKIES ? "__Host-session" : "session";
}

export function readCookie(header: string | null | undefined, name: string) {
  if (!header) return undefined;
  return parse(header, name)[name];
}

function baseAttributes() {
  return { path: "/", httpOnly: true, sameSite: "Lax" as const, secure: getEnv().SECURE_COOKIES };
}

export function sessionCookie(token: string, expiresAt: Date) {
  return serialize(sessionCookieName(), token, { ...baseAttributes(), expires: expiresAt });
}

export function clearSessionCookie() {
  return serialize(sessionCookieName(), "", { ...baseAttributes(), maxAge: 0 });
}

export const DEVICE_COOKIE = "device";

/** Long-lived marker that this browser signed in to an account before (see throttle). */
export function deviceCookie(value: string) {
  return serialize(DEVICE_COOKIE, value, { ...baseAttributes(), maxAge: 180 * 24 * 60 * 60 });
}

export const LOCALE_COOKIE = "lng";

export function localeCookie(locale: string) {
  return serialize(LOCALE_COOKIE, locale, { path: "/", sameSite: "Lax", maxAge: 365 * 24 * 60 * 60, secure: getEnv().SECURE_COOKIES });
}
