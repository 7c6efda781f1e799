// A respondent's side of the blind-token protocol for tests and benches, in Node. It follows
// RFC 9474 exactly like the browser module (`~/modules/anonymity/blind-client`), with the
// library's own PSS encoding, but does the big-number arithmetic with BigInt: the library's
// JavaScript big numbers take about 35 ms a blinding, too slow for hundreds of respondents.
// A test checks that its tokens and the browser module's are accepted alike.
import { RSABSSA } from "@cloudflare/blindrsa-ts";
// The library's encoding helper (a deep import; it is not in the package's index).
import { emsa_pss_encode } from "@cloudflare/blindrsa-ts/lib/src/util.js";
import { decodeBytes, encodeBytes, MODULUS_BYTES, TOKEN_BYTES } from "~/modules/anonymity/token-format";
import type { HeldToken, PendingToken } from "~/modules/anonymity/blind-client";

const suite = RSABSSA.SHA384.PSS.Randomized();

const toBig = (bytes: Uint8Array) => BigInt(`0x${Buffer.from(bytes).toString("hex") || "0"}`);
const toBytes = (n: bigint) => new Uint8Array(Buffer.from(n.toString(16).padStart(MODULUS_BYTES * 2, "0"), "hex"));

function modPow(base: bigint, exp: bigint, mod: bigint) {
  let result = 1n;
  base %= mod;
  while (exp > 0n) {
    if (exp & 1n) result = (result * base) % mod;
    base = (base * base) % mod;
    exp >>= 1n;
  }
  return result;
}

function modInverse(a: bigint, m: bigint) {
  let [oldR, r] = [a % m, m];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  if (oldR !== 1n) throw new Error("not invertible");
  return ((oldS % m) + m) % m;
}

async function publicNumbers(spki: string) {
  const key = await crypto.subtle.importKey("spki", decodeBytes(spki), { name: "RSA-PSS", hash: "SHA-384" }, true, ["verify"]);
  const jwk = await crypto.subtle.exportKey("jwk", key);
  return { n: toBig(decodeBytes(jwk.n!)), e: toBig(decodeBytes(jwk.e!)), key };
}

export async function fastBlind(keyId: string, publicKey: string): Promise<PendingToken> {
  const { n, e } = await publicNumbers(publicKey);
  const token = suite.prepare(crypto.getRandomValues(new Uint8Array(TOKEN_BYTES - 32)));
  const encoded: Uint8Array = await emsa_pss_encode(token, MODULUS_BYTES * 8 - 1, { sLen: 48, hash: "SHA-384" });
  const m = toBig(encoded);
  let r = 0n;
  while (r <= 1n || r >= n) r = toBig(crypto.getRandomValues(new Uint8Array(MODULUS_BYTES))) % n;
  const z = (m * modPow(r, e, n)) % n;
  return { keyId, publicKey, token: encodeBytes(token), blinded: encodeBytes(toBytes(z)), inv: encodeBytes(toBytes(modInverse(r, n))) };
}

export async function fastFinish(pending: PendingToken, blindSignature: string): Promise<HeldToken> {
  const { n, key } = await publicNumbers(pending.publicKey);
  const s = (toBig(decodeBytes(blindSignature)) * toBig(decodeBytes(pending.inv))) % n;
  const signature = toBytes(s);
  if (!(await suite.verify(key, signature, decodeBytes(pending.token)))) throw new Error("signature does not verify");
  return { keyId: pending.keyId, token: pending.token, signature: encodeBytes(signature) };
}
