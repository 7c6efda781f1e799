import { describe, expect, it } from "vitest";
import { ARGON2_OPTIONS, hashPassword, passwordProblem, verifyPassword } from "./password.server";

describe("password policy", () => {
  it("refuses fewer than 8 and more than 128 characters, counted as characters not bytes", () => {
    expect(passwordProblem("short")).toBe("errors.passwordTooShort");
    expect(passwordProblem("密码太短了吧")).toBe("errors.passwordTooShort"); // 6 characters, 18 bytes
    expect(passwordProblem("这是一个很长的中文密码")).toBeNull();
    expect(passwordProblem("x".repeat(128) + "y")).toBe("errors.passwordTooLong");
    expect(passwordProblem("x".repeat(127) + "y")).toBeNull();
  });

  it("refuses common passwords whatever their case, and has no composition rules", () => {
    expect(passwordProblem("password123")).toBe("errors.passwordCommon");
    expect(passwordProblem("PassWord123")).toBe("errors.passwordCommon");
    expect(passwordProblem("woaini1314")).toBe("errors.passwordCommon");
    expect(passwordProblem("all lower case words")).toBeNull();
  });
});

describe("argon2id hashing", () => {
  it("stores argon2id with m=19456, t=2, p=1 in the hash", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(ARGON2_OPTIONS.memoryCost).toBeGreaterThanOrEqual(19456);
  });

  it("verifies long and Unicode passwords without truncating them", async () => {
    const long = "長い🔐パスフレーズ".repeat(10) + "末尾";
    const hash = await hashPassword(long);
    expect(await verifyPassword(hash, long)).toBe(true);
    expect(await verifyPassword(hash, long.slice(0, -1))).toBe(false);
    expect(await verifyPassword(hash, long + "x")).toBe(false);
  });

  it("answers false for a missing hash after doing the same work", async () => {
    expect(await verifyPassword(null, "anything at all")).toBe(false);
    expect(await verifyPassword("not-a-hash", "anything at all")).toBe(false);
  });
});
