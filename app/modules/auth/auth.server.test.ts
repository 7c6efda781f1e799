import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg, TEST_PASSWORD, userFor } from "../../../test/utils";
import { acceptInvitation, changePassword, createInvitation, findInvitation, signIn } from "./auth.server";
import { validateSessionToken } from "./session.server";
import { ACCOUNT_FAILURE_LIMIT, ACCOUNT_TOTAL_LIMIT, ADDRESS_FAILURE_LIMIT, deviceToken } from "./throttle.server";

let email: string;
beforeAll(async () => {
  await demoOrg();
  email = await userFor("E000004");
});

describe("sign-in", () => {
  it("signs in with the right password, e-mail case and spaces aside", async () => {
    const result = await signIn(db, { email: `  ${email.toUpperCase()} `, password: TEST_PASSWORD, address: "10.0.0.1" });
    expect(result.ok).toBe(true);
  });

  it("answers an unknown user exactly as a wrong password", async () => {
    const unknown = await signIn(db, { email: "nobody@ge.example.com", password: "whatever-it-is", address: "10.0.0.2" });
    const wrong = await signIn(db, { email, password: "whatever-it-is", address: "10.0.0.2" });
    expect(unknown).toEqual({ ok: false, reason: "invalid" });
    expect(wrong).toEqual(unknown);
  });

  it("throttles an account after 10 failures from one address, for that address only, and never the owner on a known device", async () => {
    const target = await userFor("E000101");
    const user = await db.user.findUniqueOrThrow({ where: { email: target } });
    const attackerAddress = "172.16.0.9";
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT; i++) {
      await signIn(db, { email: target, password: `guess-${i}-xx`, address: attackerAddress });
    }
    expect(await signIn(db, { email: target, password: TEST_PASSWORD, address: attackerAddress })).toEqual({
      ok: false,
      reason: "throttled",
    });
    const forged = await signIn(db, {
      email: target,
      password: TEST_PASSWORD,
      address: attackerAddress,
      deviceToken: deviceToken("someone-else"),
    });
    expect(forged).toEqual({ ok: false, reason: "throttled" });
    // The owner, on a browser that signed in before, gets in from the very same address…
    expect(
      (await signIn(db, { email: target, password: TEST_PASSWORD, address: attackerAddress, deviceToken: deviceToken(user.id) })).ok,
    ).toBe(true);
  });

  it("does not let one address lock an account out for its owner elsewhere, even on a new browser", async () => {
    const target = await userFor("E000106");
    for (let i = 0; i < ACCOUNT_FAILURE_LIMIT * 3; i++) {
      await signIn(db, { email: target, password: `guess-${i}-xx`, address: "198.51.100.66" });
    }
    expect((await signIn(db, { email: target, password: TEST_PASSWORD, address: "192.0.2.44" })).ok).toBe(true);
  });

  it("throttles an account tried from very many addresses, except on a known device", async () => {
    const target = await userFor("E000107");
    const user = await db.user.findUniqueOrThrow({ where: { email: target } });
    for (let i = 0; i < ACCOUNT_TOTAL_LIMIT; i++) {
      await signIn(db, { email: target, password: `guess-${i}-xx`, address: `10.200.${i >> 8}.${i & 255}` });
    }
    expect(await signIn(db, { email: target, password: TEST_PASSWORD, address: "192.0.2.45" })).toEqual({ ok: false, reason: "throttled" });
    expect(
      (await signIn(db, { email: target, password: TEST_PASSWORD, address: "192.0.2.45", deviceToken: deviceToken(user.id) })).ok,
    ).toBe(true);
  }, 60_000);

  it("after 30 failures an address may try only the accounts it knows: not a sprayer's next guess, still their owners", async () => {
    const address = "203.0.113.9";
    const regular = await userFor("E000108");
    const regularUser = await db.user.findUniqueOrThrow({ where: { email: regular } });
    // A colleague behind the same address signed in from it before.
    expect((await signIn(db, { email: regular, password: TEST_PASSWORD, address })).ok).toBe(true);
    for (let i = 0; i < ADDRESS_FAILURE_LIMIT; i++) {
      await signIn(db, { email: `someone${i}@ge.example.com`, password: "wrong-password", address });
    }
    // The sprayer's next account is refused (even with its right password, as an attacker would not know).
    expect(await signIn(db, { email, password: TEST_PASSWORD, address })).toEqual({ ok: false, reason: "throttled" });
    // The colleague who signed in from this address before is not locked out, on a new browser too…
    expect((await signIn(db, { email: regular, password: TEST_PASSWORD, address })).ok).toBe(true);
    // …and an owner on a known device never is.
    const owner = await db.user.findUniqueOrThrow({ where: { email } });
    expect((await signIn(db, { email, password: TEST_PASSWORD, address, deviceToken: deviceToken(owner.id) })).ok).toBe(true);
    expect(regularUser.id).not.toBe(owner.id);
  });

  it("stores throttle keys as HMACs, never the address or the e-mail", async () => {
    const keys = (await db.throttleBucket.findMany()).map((b) => b.key).join(" ");
    expect(keys).not.toContain("203.0.113.9");
    expect(keys).not.toContain("@");
  });

  it("refuses a disabled account with the same answer", async () => {
    const target = await userFor("E000102");
    await db.user.update({ where: { email: target }, data: { disabled: true } });
    expect(await signIn(db, { email: target, password: TEST_PASSWORD, address: "10.9.9.9" })).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("password change and invitations", () => {
  it("changing the password needs the current one, applies the policy and ends every session", async () => {
    const target = await userFor("E000103");
    const first = await signIn(db, { email: target, password: TEST_PASSWORD, address: "10.1.1.1" });
    if (!first.ok) throw new Error("sign-in failed");
    expect(await changePassword(db, first.userId, "wrong current", "a new long passphrase")).toMatchObject({ ok: false, field: "current" });
    expect(await changePassword(db, first.userId, TEST_PASSWORD, "password123")).toMatchObject({
      ok: false,
      error: "errors.passwordCommon",
    });
    expect(await changePassword(db, first.userId, TEST_PASSWORD, "a new long passphrase")).toEqual({ ok: true });
    expect(await validateSessionToken(db, first.token)).toBeNull();
    expect((await signIn(db, { email: target, password: "a new long passphrase", address: "10.1.1.1" })).ok).toBe(true);
  });

  it("an invitation works once, before it expires, and only its hash is stored", async () => {
    const org = await demoOrg();
    const userId = org.userId.get("E000104")!;
    const token = await createInvitation(db, userId, org.userId.get("E000003")!);
    const stored = await db.invitation.findFirstOrThrow({ where: { userId, usedAt: null } });
    expect(stored.tokenHash).not.toContain(token);
    expect(await acceptInvitation(db, token, "123456")).toMatchObject({ ok: false, error: "errors.passwordTooShort" });
    expect(await acceptInvitation(db, token, "my first real password")).toMatchObject({ ok: true });
    expect(await acceptInvitation(db, token, "my second real password")).toMatchObject({ ok: false, error: "errors.invitationInvalid" });
    const expired = await createInvitation(db, userId, org.userId.get("E000003")!, new Date("2020-01-01T00:00:00Z"));
    expect(await findInvitation(db, expired)).toBeNull();
  });

  it("a new invitation replaces the previous one", async () => {
    const org = await demoOrg();
    const userId = org.userId.get("E000105")!;
    const first = await createInvitation(db, userId, org.userId.get("E000003")!);
    const second = await createInvitation(db, userId, org.userId.get("E000003")!);
    expect(await findInvitation(db, first)).toBeNull();
    expect(await findInvitation(db, second)).not.toBeNull();
  });
});
