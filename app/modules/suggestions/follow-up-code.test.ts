import { describe, expect, it } from "vitest";
import { CODE_LENGTH, hashFollowUpCode, newFollowUpCode, normalizeFollowUpCode } from "./follow-up-code";

describe("follow-up code", () => {
  it("has 160 random bits in 8 readable groups of Crockford base32", () => {
    const code = newFollowUpCode();
    expect(code).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){7}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(CODE_LENGTH * 5).toBeGreaterThanOrEqual(160);
    const many = new Set(Array.from({ length: 500 }, newFollowUpCode));
    expect(many.size).toBe(500);
  });

  it("accepts the code however it is retyped, and nothing that cannot be a code", () => {
    const code = newFollowUpCode();
    const canonical = normalizeFollowUpCode(code)!;
    expect(normalizeFollowUpCode(code.toLowerCase().replace(/-/g, " "))).toBe(canonical);
    expect(normalizeFollowUpCode(canonical.replace(/0/g, "O").replace(/1/g, "l"))).toBe(canonical);
    expect(normalizeFollowUpCode(code.slice(0, -1))).toBeNull();
    expect(normalizeFollowUpCode(`${code}U`)).toBeNull();
    expect(normalizeFollowUpCode("")).toBeNull();
  });

  it("stores only a SHA-256 that differs for every code", async () => {
    const a = normalizeFollowUpCode(newFollowUpCode())!;
    expect(await hashFollowUpCode(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(await hashFollowUpCode(a)).not.toContain(a);
    expect(await hashFollowUpCode(a)).not.toBe(await hashFollowUpCode(normalizeFollowUpCode(newFollowUpCode())!));
  });
});
