import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPair,
  privateDecrypt,
  publicEncrypt,
  type KeyObject,
} from "node:crypto";
import { promisify } from "node:util";
import { RSABSSA } from "@cloudflare/blindrsa-ts";
import { openSecret, sealSecret } from "~/modules/integration/secrets.server";
import { BoundedMap } from "~/utils/bounded-map";
import { decodeBytes, encodeBytes, MODULUS_BYTES, TOKEN_BYTES } from "./token-format";

/**
 * Blind RSA signatures (RFC 9474, RSABSSA-SHA384-PSS-Randomized) for anonymous tokens.
 *
 * The browser makes a random token, blinds it with the public key and asks for a signature
 * while signed in; the server signs the blinded value once per person and learns nothing about
 * the token. Later the browser sends the token and its signature without any session: the
 * server checks the signature, spends the token once and cannot tell whose it was, because
 * every blinded value is equally likely to hide every token.
 *
 * The browser side uses `@cloudflare/blindrsa-ts` (blind, finalize). Signing uses Node's own RSA
 * (the raw private operation, with its constant-time blinding), about 1 ms instead of the
 * library's 400 ms in JavaScript big numbers; the result is the same bytes (tested).
 */
const suite = RSABSSA.SHA384.PSS.Randomized();
const generate = promisify(generateKeyPair);

export type StoredKeyPair = { publicKey: string; privateKey: string };

const making = new Map<string, Promise<unknown>>();

/**
 * Makes a signing key the first time it is needed: `find` reads it, and when it is missing
 * `store` saves a new pair (a unique key in the table settles a race between processes). Callers
 * asking at the same time share one key generation (about 100 ms of a worker thread).
 */
export async function keyOnce<T>(
  name: string,
  find: () => Promise<T | null>,
  store: (pair: StoredKeyPair) => Promise<unknown>,
): Promise<T> {
  const existing = await find();
  if (existing) return existing;
  let pending = making.get(name) as Promise<T> | undefined;
  if (!pending) {
    pending = (async () => {
      const pair = await newTokenKeyPair();
      // Another process may have stored one first: the unique key refuses ours, and theirs is used.
      await Promise.resolve(store(pair)).catch(async (error: unknown) => {
        if (!(await find())) throw error;
      });
      const made = await find();
      if (!made) throw new Error(`signing key ${name} was not stored`);
      return made;
    })().finally(() => making.delete(name));
    making.set(name, pending);
  }
  return pending;
}

/** A new 2048-bit key pair: the public half as SPKI (base64url), the private half as sealed PKCS#8. */
export async function newTokenKeyPair(): Promise<StoredKeyPair> {
  const { publicKey, privateKey } = await generate("rsa", { modulusLength: MODULUS_BYTES * 8, publicExponent: 0x10001 });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const pkcs8 = privateKey.export({ type: "pkcs8", format: "der" });
  return { publicKey: encodeBytes(spki), privateKey: sealSecret(encodeBytes(pkcs8)) };
}

const privateKeys = new BoundedMap<string, KeyObject>(2000);
const publicKeys = new BoundedMap<string, { node: KeyObject; web: Promise<CryptoKey> }>(2000);

function privateKeyOf(sealed: string) {
  let key = privateKeys.get(sealed);
  if (!key)
    privateKeys.set(sealed, (key = createPrivateKey({ key: Buffer.from(decodeBytes(openSecret(sealed))), format: "der", type: "pkcs8" })));
  return key;
}

function publicKeyOf(spki: string) {
  let key = publicKeys.get(spki);
  if (!key) {
    const der = decodeBytes(spki);
    key = {
      node: createPublicKey({ key: Buffer.from(der), format: "der", type: "spki" }),
      web: crypto.subtle.importKey("spki", der, { name: "RSA-PSS", hash: "SHA-384" }, false, ["verify"]),
    };
    publicKeys.set(spki, key);
  }
  return key;
}

/**
 * BlindSign of RFC 9474 (section 4.3): s = m^d mod n, checked by s^e mod n = m before it is
 * returned. Throws on a blinded message of the wrong length or not below the modulus.
 */
export function blindSign(pair: StoredKeyPair, blindedMsg: Uint8Array): Uint8Array {
  if (blindedMsg.length !== MODULUS_BYTES) throw new TokenError("badBlindedMessage");
  let signature: Buffer;
  try {
    signature = privateDecrypt({ key: privateKeyOf(pair.privateKey), padding: constants.RSA_NO_PADDING }, blindedMsg);
  } catch {
    throw new TokenError("badBlindedMessage");
  }
  const back = publicEncrypt({ key: publicKeyOf(pair.publicKey).node, padding: constants.RSA_NO_PADDING }, signature);
  if (!back.equals(Buffer.from(blindedMsg))) throw new TokenError("badBlindedMessage");
  return new Uint8Array(signature);
}

/** Whether `signature` is a valid signature of the (prepared) token under the public key. */
export async function verifyToken(publicKey: string, token: Uint8Array, signature: Uint8Array): Promise<boolean> {
  if (token.length !== TOKEN_BYTES || signature.length !== MODULUS_BYTES) return false;
  try {
    return await suite.verify(await publicKeyOf(publicKey).web, signature, token);
  } catch {
    return false;
  }
}

/** The token's bytes when `token` and `signature` (base64url) are a valid pair under the key; else null. */
export async function verifiedToken(publicKey: string, token: string, signature: string): Promise<Uint8Array | null> {
  let bytes: Uint8Array, sig: Uint8Array;
  try {
    bytes = decodeBytes(token);
    sig = decodeBytes(signature);
  } catch {
    return null;
  }
  return (await verifyToken(publicKey, bytes, sig)) ? bytes : null;
}

/** What is kept of a spent token: its SHA-256, hex. Knowing it does not give the token. */
export function spentHash(token: Uint8Array) {
  return createHash("sha256").update(token).digest("hex");
}

/** What is kept of a signed blinded message, to answer a repeated request with the same signature. */
export function blindedHash(blindedMsg: Uint8Array) {
  return createHash("sha256").update("blinded\0").update(blindedMsg).digest("hex");
}

export class TokenError extends Error {
  constructor(readonly reason: "badBlindedMessage") {
    super(reason);
  }
}
