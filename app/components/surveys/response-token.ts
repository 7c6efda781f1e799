import { useCallback, useEffect, useState } from "react";
import { obtainToken, tokenSource, type HeldToken } from "~/modules/anonymity/blind-client";

/**
 * The survey page's anonymous answer token (see `~/modules/anonymity`), kept in localStorage
 * beside the saved progress, under the same per-person key.
 */
export type TokenState = "preparing" | "ready" | "elsewhere" | "failed" | "answered";

export const tokenKey = (progressKey: string) => `${progressKey}:token`;
export const receiptKey = (progressKey: string) => `${progressKey}:receipt`;

export function readReceipt(progressKey: string) {
  try {
    return window.localStorage.getItem(receiptKey(progressKey));
  } catch {
    return null;
  }
}

export function useResponseToken(surveyId: string, progressKey: string, enabled: boolean) {
  const [state, setState] = useState<TokenState>("preparing");
  const [token, setToken] = useState<HeldToken | null>(null);

  useEffect(() => {
    if (!enabled) return;
    if (readReceipt(progressKey)) return setState("answered");
    let cancelled = false;
    obtainToken(window.localStorage, tokenKey(progressKey), tokenSource(`/surveys/${surveyId}/token`))
      .then((held) => {
        if (cancelled) return;
        setToken(held);
        setState(held ? "ready" : "elsewhere");
      })
      .catch(() => !cancelled && setState("failed"));
    return () => {
      cancelled = true;
    };
  }, [surveyId, progressKey, enabled]);

  /** After the answers were stored: keep the receipt, forget the token. */
  const spent = useCallback(
    (receipt: string) => {
      try {
        window.localStorage.setItem(receiptKey(progressKey), receipt);
        window.localStorage.removeItem(tokenKey(progressKey));
      } catch {
        // storage disabled: the receipt is shown once on the next page only
      }
      setState("answered");
    },
    [progressKey],
  );

  return { state, token, spent };
}

export type SendOutcome =
  | { status: "ok"; receipt: string }
  | { status: "invalid"; reply: unknown }
  | { status: "alreadyAnswered" | "notOpen" | "badToken" | "network" };

/**
 * Sends the answers with the token and without the session: no cookie (`credentials: "omit"`),
 * to a path the server handles before it looks at any session.
 */
export async function sendAnswers(surveyId: string, token: HeldToken, form: FormData): Promise<SendOutcome> {
  try {
    const response = await fetch(`/anon/surveys/${surveyId}/responses`, {
      method: "POST",
      credentials: "omit",
      cache: "no-store",
      referrerPolicy: "no-referrer",
      headers: { "X-Anonymous-Token": `${token.keyId}.${token.token}.${token.signature}` },
      body: new URLSearchParams(form as unknown as Record<string, string>),
    });
    const json = (await response.json().catch(() => null)) as SendOutcome | null;
    return json && typeof json.status === "string" ? json : { status: "network" };
  } catch {
    return { status: "network" };
  }
}
