import type { Db } from "~/utils/db.server";
import { isRole } from "~/modules/auth/roles";
import { isPrivileged } from "~/modules/org/account-rules";
import { activeProvider } from "./provider-settings.server";

/**
 * Whether an account with this role may sign in other than through the identity provider
 * (password, WeCom, DingTalk). With "privileged roles sign in through the identity provider"
 * on, heads, HR and sysadmins may not.
 */
export async function passwordSignInAllowed(db: Pick<Db, "integrationSetting">, role: string) {
  if (!isRole(role) || !isPrivileged(role)) return true;
  const settings = await activeProvider(db, "oidc");
  return !settings?.config.requireForPrivileged;
}
