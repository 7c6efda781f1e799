import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { openSecret, sealSecret } from "~/modules/integration/secrets.server";
import { ProviderConfig, type Provider, type ProviderConfigs } from "./provider-settings";

export type ProviderSetting<P extends Provider> = { enabled: boolean; config: ProviderConfigs[P]; hasSecret: boolean; updatedAt: Date };

/** A provider's settings as the settings page shows them: never the secret itself. */
export async function getProviderSetting<P extends Provider>(
  db: Pick<Db, "integrationSetting">,
  provider: P,
): Promise<ProviderSetting<P> | null> {
  const row = await db.integrationSetting.findUnique({ where: { id: provider } });
  if (!row) return null;
  const parsed = ProviderConfig[provider].safeParse(JSON.parse(row.configJson));
  if (!parsed.success) return null;
  return {
    enabled: row.enabled,
    config: parsed.data as ProviderConfigs[P],
    hasSecret: Boolean(row.secretSealed),
    updatedAt: row.updatedAt,
  };
}

/** An enabled provider with its secret opened, for the code that calls it; null when off or incomplete. */
export async function activeProvider<P extends Provider>(
  db: Pick<Db, "integrationSetting">,
  provider: P,
): Promise<{ config: ProviderConfigs[P]; secret: string } | null> {
  const row = await db.integrationSetting.findUnique({ where: { id: provider } });
  if (!row?.enabled) return null;
  const parsed = ProviderConfig[provider].safeParse(JSON.parse(row.configJson));
  if (!parsed.success) return null;
  // An SMTP relay may take no password; every other provider needs its secret.
  if (!row.secretSealed && provider !== "smtp") return null;
  return { config: parsed.data as ProviderConfigs[P], secret: row.secretSealed ? openSecret(row.secretSealed) : "" };
}

/** Saves a provider's settings. `secret`: undefined keeps the stored one, null removes it. */
export async function saveProviderSetting<P extends Provider>(
  db: Db,
  actorId: string,
  provider: P,
  input: { enabled: boolean; config: ProviderConfigs[P]; secret?: string | null },
) {
  const config = ProviderConfig[provider].parse(input.config);
  const secretSealed = input.secret === undefined ? undefined : input.secret === null ? null : sealSecret(input.secret);
  await db.$transaction(async (tx) => {
    const data = {
      enabled: input.enabled,
      configJson: JSON.stringify(config),
      updatedById: actorId,
      ...(secretSealed !== undefined ? { secretSealed } : {}),
    };
    await tx.integrationSetting.upsert({ where: { id: provider }, create: { id: provider, ...data }, update: data });
    await audit(tx, {
      actorId,
      action: "integrationSetting.save",
      entity: "IntegrationSetting",
      entityId: provider,
      after: { enabled: input.enabled, ...config, secretChanged: input.secret !== undefined },
    });
  });
}
