/** Sizes and encodings shared by the browser and the server for anonymous tokens. */

/** RSA modulus: 2048 bits. Blinded messages and signatures are this long. */
export const MODULUS_BYTES = 256;
/** A prepared token: 32 random bytes of RFC 9474's randomized preparation and 32 random bytes of message. */
export const TOKEN_BYTES = 64;

export function encodeBytes(bytes: Uint8Array) {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function decodeBytes(text: string): Uint8Array<ArrayBuffer> {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error("not base64url");
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** base64url text of exactly `bytes` bytes, for request schemas. */
export const base64urlOf = (bytes: number) => new RegExp(`^[A-Za-z0-9_-]{${Math.ceil((bytes * 4) / 3)}}$`);
