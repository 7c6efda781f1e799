import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { Form } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { obtainToken, tokenSource, type HeldToken } from "~/modules/anonymity/blind-client";
import { hashFollowUpCode, newFollowUpCode, normalizeFollowUpCode } from "~/modules/suggestions/follow-up-code";
import { ErrorList, Field, FormErrors, SelectField, SubmitButton, TextAreaField } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { SUGGESTION_CATEGORIES } from "~/modules/suggestions/rules";
import { BODY_MAX, MONTHLY_ALLOWANCE, SuggestionSchema } from "~/modules/suggestions/schemas";
import { pick } from "~/utils/i18n";

type UnitOption = { id: string; nameZh: string; nameEn: string; depth: number };

type AnonymousState = { kind: "preparing" | "ready" | "allowanceUsed" | "failed"; token: HeldToken | null; remaining: number | null };

/** The anonymous token this person's browser holds, taken when the form opens (see `~/modules/anonymity`). */
function useAnonymousToken(storageKey: string) {
  const [state, setState] = useState<AnonymousState>({ kind: "preparing", token: null, remaining: null });
  const pending = useRef<Promise<HeldToken | null> | null>(null);
  useEffect(() => {
    let cancelled = false;
    let remaining: number | null = null;
    const obtaining = obtainToken(
      window.localStorage,
      storageKey,
      tokenSource("/suggestions/token", (reply) => (remaining = Number(reply.remaining) - 1)),
    );
    pending.current = obtaining.catch(() => null);
    obtaining
      .then((token) => !cancelled && setState({ kind: token ? "ready" : "allowanceUsed", token, remaining }))
      .catch(() => !cancelled && setState({ kind: "failed", token: null, remaining: null }));
    return () => {
      cancelled = true;
    };
  }, [storageKey]);
  const forget = () => window.localStorage.removeItem(storageKey);
  /** The token, once the request started when the form opened has finished (null if none). */
  const settled = async () => state.token ?? (await pending.current) ?? null;
  return { ...state, forget, settled };
}

/**
 * Posts an anonymous suggestion without the session (no cookie), with the token; the follow-up
 * code is made here and only its hash is sent. The server answers 303, as for a named one.
 */
async function postAnonymously(token: HeldToken, form: FormData, code: string) {
  const body = new URLSearchParams(form as unknown as Record<string, string>);
  body.set("followUpHash", await hashFollowUpCode(normalizeFollowUpCode(code)!));
  try {
    const response = await fetch("/suggestions/new", {
      method: "POST",
      credentials: "omit",
      cache: "no-store",
      redirect: "manual",
      referrerPolicy: "no-referrer",
      headers: { "X-Anonymous-Token": `${token.keyId}.${token.token}.${token.signature}` },
      body,
    });
    if (response.type === "opaqueredirect" || response.status === 303) return { status: "ok" as const };
    const json = (await response.json().catch(() => null)) as { status: string; reply?: SubmissionResult<string[]> } | null;
    return json ?? { status: "network" };
  } catch {
    return { status: "network" };
  }
}

export function SuggestionForm({
  lastResult,
  units,
  tokenStorageKey,
  onAnonymousFiled,
}: {
  lastResult?: SubmissionResult<string[]>;
  units: UnitOption[];
  tokenStorageKey: string;
  onAnonymousFiled: (followUpCode: string) => void;
}) {
  const t = useT();
  const locale = useLocale();
  const anonymous = useAnonymousToken(tokenStorageKey);
  const [clientResult, setClientResult] = useState<SubmissionResult<string[]> | undefined>(undefined);
  const [anonymousError, setAnonymousError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [form, fields] = useForm({
    lastResult: clientResult ?? lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SuggestionSchema }),
    shouldRevalidate: "onInput",
  });

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    form.onSubmit(event);
    if (event.defaultPrevented) return; // invalid: Conform shows why
    const data = new FormData(event.currentTarget);
    if (data.get("identity") !== "anonymous") return; // a named suggestion posts as usual
    event.preventDefault();
    setAnonymousError(null);
    setSending(true);
    // Pressed before the token (asked for when the form opened) arrived: wait for it.
    const token = await anonymous.settled();
    if (!token) {
      setSending(false);
      setAnonymousError(anonymous.kind === "allowanceUsed" ? "suggestions.errors.allowanceUsed" : "suggestions.errors.tokenFailed");
      return;
    }
    const code = newFollowUpCode();
    const outcome = await postAnonymously(token, data, code);
    setSending(false);
    if (outcome.status === "ok") {
      anonymous.forget();
      onAnonymousFiled(code);
    } else if (outcome.status === "invalid" && "reply" in outcome && outcome.reply) {
      setClientResult(outcome.reply);
    } else if (outcome.status === "alreadyUsed" || outcome.status === "badToken") {
      anonymous.forget();
      setAnonymousError("suggestions.errors.tokenUsed");
    } else {
      setAnonymousError("suggestions.errors.tokenFailed");
    }
  };

  return (
    <Form method="post" {...getFormProps(form)} onSubmit={onSubmit} className="stack">
      <Field meta={fields.title} label={t("suggestions.fieldTitle")} />
      <TextAreaField meta={fields.body} label={t("suggestions.fieldBody")} rows={8} hint={t("suggestions.bodyHint", { max: BODY_MAX })} />
      <SelectField
        meta={fields.category}
        label={t("suggestions.category")}
        options={SUGGESTION_CATEGORIES.map((c) => ({ value: c, label: t(`suggestions.category.${c}`) }))}
        placeholder={t("suggestions.choose")}
      />
      <SelectField
        meta={fields.unitId}
        label={t("suggestions.unit")}
        options={units.map((u) => ({ value: u.id, label: `${"— ".repeat(u.depth)}${pick(locale, u)}` }))}
        placeholder={t("suggestions.choose")}
      />
      <fieldset className="field">
        <legend>{t("suggestions.identity")}</legend>
        <label>
          <input {...getInputProps(fields.identity, { type: "radio", value: "named" })} /> {t("suggestions.identity.named")}
        </label>
        <label>
          <input {...getInputProps(fields.identity, { type: "radio", value: "anonymous" })} /> {t("suggestions.identity.anonymous")}
        </label>
        <small className="hint">{t("suggestions.anonymityNotice")}</small>
        {anonymous.kind === "ready" ? (
          <small className="hint" data-testid="anonymous-ready">
            {anonymous.remaining === null
              ? t("suggestions.anonymousHeld")
              : t("suggestions.anonymousReady", { count: anonymous.remaining })}
          </small>
        ) : null}
        {anonymous.kind === "allowanceUsed" ? (
          <small className="hint">{t("suggestions.errors.allowanceUsed", { max: MONTHLY_ALLOWANCE })}</small>
        ) : null}
        <noscript>
          <small className="hint">{t("suggestions.errors.anonymousNeedsScript")}</small>
        </noscript>
        <ErrorList id={fields.identity.errorId} errors={fields.identity.errors} />
      </fieldset>
      <FormErrors errors={form.errors} />
      {anonymousError ? (
        <p className="notice warn" role="alert" data-testid="anonymous-error">
          {t(anonymousError, { max: MONTHLY_ALLOWANCE })}
        </p>
      ) : null}
      <SubmitButton busy={sending}>{t("suggestions.submit")}</SubmitButton>
    </Form>
  );
}
