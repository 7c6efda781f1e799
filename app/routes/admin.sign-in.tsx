import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SelectField } from "~/components/forms";
import { useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { forgetPlatformTokens } from "~/modules/identity/platforms.server";
import { ProviderForm, splitForm } from "~/modules/identity/provider-forms";
import { MATCH_FIELDS, PROVIDERS, type Provider } from "~/modules/identity/provider-settings";
import { activeProvider, getProviderSetting, saveProviderSetting } from "~/modules/identity/provider-settings.server";
import { callbackUrl, forgetOidcDiscovery, oidcTestConnection } from "~/modules/identity/sso.server";
import { testConnection } from "~/modules/identity/test-connection.server";
import { db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { z } from "~/utils/validation";

const Intent = z.object({ intent: z.string().regex(/^(save|test)-(oidc|wecom|dingtalk|smtp)$/) });

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "system.admin");
  const [oidc, wecom, dingtalk, smtp] = await Promise.all(PROVIDERS.map((p) => getProviderSetting(db, p)));
  const origin = getEnv().APP_ORIGIN ?? new URL(args.request.url).origin;
  return {
    settings: { oidc, wecom, dingtalk, smtp },
    callbacks: { oidc: callbackUrl(origin, "oidc"), wecom: callbackUrl(origin, "wecom"), dingtalk: callbackUrl(origin, "dingtalk") },
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "system.admin");
  const formData = await args.request.formData();
  const intent = Intent.safeParse({ intent: formData.get("intent") });
  invariantResponse(intent.success, 400);
  const [verb, provider] = intent.data.intent.split("-") as ["save" | "test", Provider];
  if (verb === "test") {
    const result = await testConnection(db, provider);
    return { provider, test: result, result: null };
  }
  const submission = parseWithZod(formData, { schema: ProviderForm[provider] });
  if (submission.status !== "success")
    return data({ provider, test: null, result: submission.reply({ hideFields: ["secret"] }) }, { status: 400 });
  const { enabled, config, secret } = splitForm(submission.value as Parameters<typeof splitForm>[0]);
  if (provider === "oidc" && enabled && (config as { requireForPrivileged?: boolean }).requireForPrivileged) {
    // Refuse to lock the admins out: enforcement is switched on only with a provider that answers.
    const stored = secret === undefined ? await activeProvider(db, "oidc") : null;
    const works = await oidcTestConnection({ config: config as never, secret: secret ?? stored?.secret ?? "" }).then(
      () => Boolean(secret ?? stored?.secret),
      () => false,
    );
    if (!works)
      return data(
        {
          provider,
          test: null,
          result: submission.reply({ formErrors: ["identity.errors.enforceNeedsProvider"], hideFields: ["secret"] }),
        },
        { status: 400 },
      );
  }
  await saveProviderSetting(db, user.userId, provider, { enabled, config: config as never, secret });
  forgetPlatformTokens();
  forgetOidcDiscovery();
  return redirectWithFlash("/admin/sign-in", { kind: "success", message: "identity.saved" });
}

type FieldSpec = { name: string; type?: "text" | "url" | "number" | "email"; options?: readonly string[] };
const FIELDS: Record<Provider, { fields: FieldSpec[]; switches: string[] }> = {
  oidc: {
    fields: [
      { name: "issuer", type: "url" },
      { name: "clientId" },
      { name: "claim" },
      { name: "matchField", options: MATCH_FIELDS },
      { name: "scopes" },
    ],
    switches: ["requireForPrivileged"],
  },
  wecom: { fields: [{ name: "corpId" }, { name: "agentId" }], switches: ["signIn", "messages"] },
  dingtalk: { fields: [{ name: "appKey" }, { name: "agentId" }], switches: ["signIn", "messages"] },
  smtp: {
    fields: [
      { name: "host" },
      { name: "port", type: "number" },
      { name: "security", options: ["tls", "starttls", "none"] },
      { name: "user" },
      { name: "from", type: "email" },
    ],
    switches: [],
  },
};
const DEFAULTS: Record<Provider, Record<string, string>> = {
  oidc: { claim: "email", matchField: "email", scopes: "openid email profile" },
  wecom: {},
  dingtalk: {},
  smtp: { port: "465", security: "tls" },
};

function ProviderPanel({ provider }: { provider: Provider }) {
  const t = useT();
  const { settings, callbacks } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const saved = settings[provider];
  const mine = answer?.provider === provider ? answer : null;
  const stored: Record<string, string | undefined> = { ...DEFAULTS[provider] };
  if (saved) {
    for (const [k, v] of Object.entries(saved.config)) stored[k] = typeof v === "boolean" ? (v ? "on" : undefined) : String(v);
    stored.enabled = saved.enabled ? "on" : undefined;
  }
  const [form, fields] = useForm({
    id: `provider-${provider}`,
    lastResult: mine?.result ?? undefined,
    defaultValue: stored,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ProviderForm[provider] }),
    shouldRevalidate: "onInput",
  });
  const meta = fields as unknown as Record<string, Parameters<typeof Field>[0]["meta"]>;
  const spec = FIELDS[provider];
  return (
    <div className="panel" id={provider}>
      <h2>{t(`identity.provider.${provider}`)}</h2>
      <p className="hint">{t(`identity.intro.${provider}`)}</p>
      {provider !== "smtp" ? (
        <p className="hint">
          {t("identity.callbackUrl")} <code>{callbacks[provider]}</code>
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="grid-form">
        {spec.fields.map((f) =>
          f.options ? (
            <SelectField
              key={f.name}
              meta={meta[f.name]}
              label={t(`identity.field.${provider}.${f.name}` as never)}
              options={f.options.map((o) => ({ value: o, label: t(`identity.option.${o}` as never) }))}
            />
          ) : (
            <Field key={f.name} meta={meta[f.name]} label={t(`identity.field.${provider}.${f.name}` as never)} type={f.type ?? "text"} />
          ),
        )}
        <Field
          meta={meta.secret}
          label={t(`identity.secret.${provider}`)}
          type="password"
          autoComplete="off"
          hint={t("identity.secretHint")}
        />
        {saved?.hasSecret ? (
          <label>
            <input type="checkbox" name="clearSecret" value="on" /> {t("identity.clearSecret")} ({t("identity.secretSet")})
          </label>
        ) : null}
        {[...spec.switches, "enabled"].map((name) => (
          <label key={name}>
            <input {...getInputProps(meta[name] as never, { type: "checkbox", value: "on" })} /> {t(`identity.switch.${name}` as never)}
          </label>
        ))}
        <FormErrors errors={form.errors} />
        <div className="actions">
          <button type="submit" name="intent" value={`save-${provider}`} className="primary">
            {t("common.save")}
          </button>
        </div>
      </Form>
      <Form method="post" className="inline-form">
        <button type="submit" name="intent" value={`test-${provider}`} disabled={!saved}>
          {t("identity.test")}
        </button>
        {mine?.test ? (
          <span role="status" className={mine.test.ok ? "notice" : "notice warn"}>
            {mine.test.ok ? t("identity.testOk") : t("identity.testFailed", { detail: mine.test.detail })}
          </span>
        ) : null}
      </Form>
    </div>
  );
}

export default function SignInSettings() {
  const t = useT();
  const { settings } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("identity.title")}>
        <p className="hint">{t("identity.pageIntro")}</p>
      </PageHeader>
      {PROVIDERS.map((p) => (
        // A new key after each save: the form starts again from what is stored (the secret field empty).
        <ProviderPanel key={`${p}-${String(settings[p]?.updatedAt ?? "")}`} provider={p} />
      ))}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
