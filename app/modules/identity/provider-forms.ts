import { optionalTrimmed, z } from "~/utils/validation";
import { ProviderConfig, type Provider } from "./provider-settings";

const checkbox = z
  .literal("on")
  .optional()
  .transform((v) => v === "on");

const common = { intent: z.string().max(40), enabled: checkbox, secret: optionalTrimmed(500), clearSecret: z.literal("on").optional() };

/** The settings page's form per provider: the stored config plus the switches and the secret. */
export const ProviderForm = {
  oidc: ProviderConfig.oidc.extend({ ...common, requireForPrivileged: checkbox }),
  wecom: ProviderConfig.wecom.extend({ ...common, signIn: checkbox, messages: checkbox }),
  dingtalk: ProviderConfig.dingtalk.extend({ ...common, signIn: checkbox, messages: checkbox }),
  smtp: ProviderConfig.smtp.extend(common),
} satisfies Record<Provider, z.ZodTypeAny>;

/** Splits a parsed form into what is stored in the clear and the secret change. */
export function splitForm<T extends { intent: string; enabled: boolean; secret?: string; clearSecret?: "on" }>(value: T) {
  const { intent: _intent, enabled, secret, clearSecret, ...config } = value;
  return { enabled, config, secret: clearSecret ? null : secret };
}
