import { RSABSSA } from "@cloudflare/blindrsa-ts";
import { decodeBytes, encodeBytes, TOKEN_BYTES } from "./token-format";

/**
 * The browser's side of an anonymous token (RFC 9474, RSABSSA-SHA384-PSS-Randomized): make a
 * random token, blind it, and after the server has signed the blinded value, unblind the
 * signature. The server sees only the blinded value; the token and its signature it sees first
 * when they are spent, in a request without a session.
 */
const suite = RSABSSA.SHA384.PSS.Randomized();

/** A token being asked for: what the browser keeps until the signature has come back. */
export type PendingToken = { keyId: string; publicKey: string; token: string; blinded: string; inv: string };
/** A signed token, ready to be spent once. */
export type HeldToken = { keyId: string; token: string; signature: string };

async function importKey(spki: string) {
  return crypto.subtle.importKey("spki", decodeBytes(spki), { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]);
}

export async function blindToken(keyId: string, publicKey: string): Promise<PendingToken> {
  const token = suite.prepare(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES - 32)));
  const { blindedMsg, inv } = await suite.blind(await importKey(publicKey), token);
  return { keyId, publicKey, token: encodeBytes(token), blinded: encodeBytes(blindedMsg), inv: encodeBytes(inv) };
}

/** Unblinds the server's signature; throws when it does not verify (a wrong or tampered reply). */
export async function finishToken(pending: PendingToken, blindSignature: string): Promise<HeldToken> {
  const signature = await suite.finalize(
    await importKey(pending.publicKey),
    decodeBytes(pending.token),
    decodeBytes(blindSignature),
    decodeBytes(pending.inv),
  );
  return { keyId: pending.keyId, token: pending.token, signature: encodeBytes(signature) };
}

async function postJson(url: string, body: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const json = (await response.json().catch(() => null)) as Record<string, unknown> | null;
  if (response.status >= 500 || !json) throw new Error(`token request answered ${response.status}`);
  return json;
}

/**
 * The two token requests against `url` (`{ intent: "key" }`, then `{ intent: "sign" }`), with the
 * session cookie, as the survey page and the suggestion form make them. `onKey` sees the key reply.
 */
export function tokenSource(url: string, onKey?: (reply: Record<string, unknown>) => void): TokenSource {
  return {
    key: async () => {
      const reply = await postJson(url, { intent: "key" });
      if (!reply.ok) return null;
      onKey?.(reply);
      return { keyId: String(reply.keyId), publicKey: String(reply.publicKey) };
    },
    sign: async (keyId, blinded) => {
      const reply = await postJson(url, { intent: "sign", keyId, blinded });
      return reply.ok ? String(reply.blindSignature) : null;
    },
  };
}

type Store = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export type TokenSource = {
  /** Asks for the key (step 1); null when the server will not sign one for this person any more. */
  key(): Promise<{ keyId: string; publicKey: string } | null>;
  /** Asks for the blind signature (step 2); null when refused. */
  sign(keyId: string, blinded: string): Promise<string | null>;
};

/**
 * The token kept under `storageKey`, asking for one when there is none. A request that was sent
 * but whose reply was lost is sent again with the same blinded value (the server answers it with
 * the same signature). Resolves to null when the server will not sign one (already taken).
 */
export async function obtainToken(
  store: Store,
  storageKey: string,
  source: TokenSource,
  impl = { blind: blindToken, finish: finishToken },
): Promise<HeldToken | null> {
  const held = read<HeldToken>(store, storageKey);
  if (held) return held;
  let pending = read<PendingToken>(store, `${storageKey}:pending`);
  if (!pending) {
    const key = await source.key();
    if (!key) return null;
    pending = await impl.blind(key.keyId, key.publicKey);
    store.setItem(`${storageKey}:pending`, JSON.stringify(pending));
  }
  const blindSignature = await source.sign(pending.keyId, pending.blinded);
  if (!blindSignature) {
    store.removeItem(`${storageKey}:pending`);
    return null;
  }
  const token = await impl.finish(pending, blindSignature);
  store.setItem(storageKey, JSON.stringify(token));
  store.removeItem(`${storageKey}:pending`);
  return token;
}

function read<T>(store: Store, key: string): T | null {
  try {
    const text = store.getItem(key);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}
