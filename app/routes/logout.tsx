import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { clearSessionCookie } from "~/modules/auth/cookie.server";
import { invalidateSession } from "~/modules/auth/session.server";
import { db } from "~/utils/db.server";

export async function loader() {
  return redirect("/");
}

export async function action({ context }: ActionFunctionArgs) {
  if (context.session) await invalidateSession(db, context.session.id);
  return redirect("/login", { headers: { "Set-Cookie": clearSessionCookie() } });
}
