import type { Db } from "~/utils/db.server";
import { smtpTestConnection } from "~/modules/notifications/mail.server";
import { dingtalkTestConnection, wecomTestConnection } from "./platforms.server";
import { type Provider } from "./provider-settings";
import { getProviderSetting } from "./provider-settings.server";
import { activeProvider } from "./provider-settings.server";
import { oidcTestConnection } from "./sso.server";

export type ConnectionTest = { ok: true } | { ok: false; detail: string };

/** Tries the saved, enabled settings of a provider: discovery, an access token, or an SMTP login. */
export async function testConnection(db: Db, provider: Provider): Promise<ConnectionTest> {
  if (!(await getProviderSetting(db, provider))) return { ok: false, detail: "not saved" };
  try {
    if (provider === "oidc") {
      const s = await activeProvider(db, "oidc");
      if (!s) return { ok: false, detail: "disabled or no secret" };
      await oidcTestConnection(s);
    } else if (provider === "wecom") {
      const s = await activeProvider(db, "wecom");
      if (!s) return { ok: false, detail: "disabled or no secret" };
      await wecomTestConnection({ corpId: s.config.corpId, agentId: s.config.agentId, secret: s.secret });
    } else if (provider === "dingtalk") {
      const s = await activeProvider(db, "dingtalk");
      if (!s) return { ok: false, detail: "disabled or no secret" };
      await dingtalkTestConnection({ appKey: s.config.appKey, agentId: s.config.agentId, secret: s.secret });
    } else {
      const s = await activeProvider(db, "smtp");
      if (!s) return { ok: false, detail: "disabled" };
      await smtpTestConnection(s);
    }
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: (error instanceof Error ? error.message : "error").slice(0, 200) };
  }
}
