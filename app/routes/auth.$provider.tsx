import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { SSO_PROVIDERS, startSignIn } from "~/modules/identity/sso.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";

const Params = z.object({ provider: z.enum(SSO_PROVIDERS) });
const Query = z.object({ redirectTo: z.string().max(500).optional() });

/** Starts a sign-in through the identity provider, WeCom or DingTalk. Sets only the round-trip cookie. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  if (context.session) throw redirect("/");
  const parsed = Params.safeParse(params);
  invariantResponse(parsed.success, 404);
  const url = new URL(request.url);
  const query = Query.safeParse(Object.fromEntries(url.searchParams));
  const started = await startSignIn(db, parsed.data.provider, {
    origin: getEnv().APP_ORIGIN ?? url.origin,
    redirectTo: query.success ? query.data.redirectTo : undefined,
    userAgent: request.headers.get("user-agent"),
  });
  if ("error" in started) return redirectWithFlash("/login", { kind: "error", message: started.error });
  return redirect(started.url, { headers: { "Set-Cookie": started.cookie, "Cache-Control": "no-store" } });
}
