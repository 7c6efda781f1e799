import { redirect, type AppLoadContext } from "@remix-run/node";
import { forbidden } from "~/utils/http.server";
import type { Permission } from "./roles";
import { may } from "./scope";
import type { SessionUser } from "./session.server";

type Args = { request: Request; context: AppLoadContext };

/** The signed-in user, or a redirect to sign-in that comes back here afterwards. */
export function requireUser({ request, context }: Args): SessionUser {
  const user = context.session?.user;
  if (!user) {
    const url = new URL(request.url);
    const back = url.pathname + url.search;
    throw redirect(back === "/" ? "/login" : `/login?redirectTo=${encodeURIComponent(back)}`);
  }
  return user;
}

/** The signed-in user with the permission (on the unit, when given), or 403. */
export function requirePermission(args: Args, permission: Permission, unitPath?: string): SessionUser {
  const user = requireUser(args);
  if (!may(user, permission, unitPath)) forbidden();
  return user;
}

/** The signed-in user's own employee id, or 403 for accounts without an employee record. */
export function requireEmployee(args: Args): SessionUser & { employeeId: string } {
  const user = requireUser(args);
  if (!user.employeeId) forbidden();
  return user as SessionUser & { employeeId: string };
}
