import { type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { deviceCookie, readCookie, sessionCookie } from "~/modules/auth/cookie.server";
import { deviceToken } from "~/modules/auth/throttle.server";
import { clearSsoCookie, finishSignIn, SSO_COOKIE, SSO_PROVIDERS } from "~/modules/identity/sso.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";

const Params = z.object({ provider: z.enum(SSO_PROVIDERS) });

/**
 * Where the provider sends the browser back. A GET by the protocol's design: the sealed
 * round-trip cookie (state, nonce, PKCE verifier) is what ties it to the sign-in this browser began.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const url = new URL(request.url);
  const origin = getEnv().APP_ORIGIN;
  const callback = origin ? new URL(url.pathname + url.search, origin) : url;
  const result = await finishSignIn(db, parsed.data.provider, callback, readCookie(request.headers.get("cookie"), SSO_COOKIE));
  const headers = new Headers({ "Cache-Control": "no-store" });
  headers.append("Set-Cookie", clearSsoCookie());
  if (!result.ok) return redirectWithFlash("/login", { kind: "error", message: result.error }, { headers });
  headers.append("Set-Cookie", sessionCookie(result.token, result.expiresAt));
  headers.append("Set-Cookie", deviceCookie(deviceToken(result.userId)));
  headers.set("Location", result.redirectTo);
  const response = new Response(null, { status: 302, headers });
  return response;
}
