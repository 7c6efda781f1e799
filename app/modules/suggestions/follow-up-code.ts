/** Follow-up codes for anonymous suggestions: made by the author's browser, stored only as a hash. */

/** Crockford's base32: no I, L, O or U, so a code read aloud or retyped survives. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 20 random bytes: 160 bits, 32 characters, shown as 8 groups of 4. */
const CODE_BYTES = 20;
export const CODE_LENGTH = 32;

function base32(bytes: Uint8Array) {
  let bits = 0;
  let value = 0;
  let out = "";
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

/** A new follow-up code from the CSPRNG (the browser's or the server's), grouped for reading: "7K3Q-…". Shown once, never stored. */
export function newFollowUpCode() {
  return base32(crypto.getRandomValues(new Uint8Array(CODE_BYTES)))
    .match(/.{4}/g)!
    .join("-");
}

/**
 * The code as typed to its canonical form: case, spaces and dashes ignored, and the letters
 * Crockford maps (O→0, I/L→1) accepted. Null when it cannot be a code at all.
 */
export function normalizeFollowUpCode(input: string) {
  const text = input.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (text.length !== CODE_LENGTH) return null;
  for (const ch of text) if (!ALPHABET.includes(ch)) return null;
  return text;
}

/** What is stored: SHA-256 (hex) of the canonical code (the code has 160 bits, so no slow hash is needed). */
export async function hashFollowUpCode(canonical: string) {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
