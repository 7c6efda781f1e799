import { hash, verify } from "@node-rs/argon2";
import { isCommonPassword } from "./common-passwords";

/** argon2id with OWASP's minimum parameters (m=19456 KiB, t=2, p=1). Algorithm 2 is argon2id. */
export const ARGON2_OPTIONS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1, outputLen: 32 } as const;

export function hashPassword(password: string) {
  return hash(password, ARGON2_OPTIONS);
}

// A real hash of a random password, verified against when the user does not exist so that
// an unknown user and a wrong password take the same time.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null | undefined, password: string) {
  if (!storedHash) {
    dummyHash ??= hashPassword(crypto.randomUUID());
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}

export type PasswordProblem = "errors.passwordTooShort" | "errors.passwordTooLong" | "errors.passwordCommon";

/** 8–128 characters (counted as code points), no composition rules, not a common password. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < 8) return "errors.passwordTooShort";
  if (length > 128) return "errors.passwordTooLong";
  if (isCommonPassword(password)) return "errors.passwordCommon";
  return null;
}
