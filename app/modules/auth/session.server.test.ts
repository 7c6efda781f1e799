import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import {
  createSession,
  invalidateSession,
  invalidateUserSessions,
  purgeExpiredSessions,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  validateSessionToken,
} from "./session.server";

let userId: string;
beforeAll(async () => {
  const org = await demoOrg();
  userId = org.userId.get("E000004")!;
});

const at = (base: Date, ms: number) => new Date(base.getTime() + ms);

describe("sessions", () => {
  it("issues ≥120-bit random ids and secrets and stores only the secret's SHA-256", async () => {
    const { token } = await createSession(db, userId);
    const [id, secret] = token.split(".");
    expect(id).toMatch(/^[a-z2-7]{24}$/); // 15 bytes = 120 bits
    expect(secret).toMatch(/^[a-z2-7]{32}$/); // 20 bytes = 160 bits
    const row = await db.session.findUniqueOrThrow({ where: { id } });
    expect(row.secretHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(secret);
  });

  it("creates a new session on every sign-in", async () => {
    const a = await createSession(db, userId);
    const b = await createSession(db, userId);
    expect(a.token).not.toBe(b.token);
  });

  it("refuses a tampered secret, a malformed token and an unknown id", async () => {
    const { token } = await createSession(db, userId);
    const [id, secret] = token.split(".");
    const flipped = secret[0] === "a" ? "b" + secret.slice(1) : "a" + secret.slice(1);
    expect(await validateSessionToken(db, `${id}.${flipped}`)).toBeNull();
    expect(await validateSessionToken(db, `${id}`)).toBeNull();
    expect(await validateSessionToken(db, `${id}.${secret}.x`)).toBeNull();
    expect(await validateSessionToken(db, `${"a".repeat(24)}.${secret}`)).toBeNull();
    expect(await validateSessionToken(db, token)).not.toBeNull();
  });

  it("slides the idle expiry forward once less than half remains, and expires when idle", async () => {
    const start = new Date("2026-03-02T08:00:00Z");
    const { token } = await createSession(db, userId, start);
    const early = await validateSessionToken(db, token, at(start, SESSION_IDLE_MS * 0.25));
    expect(early?.renewed).toBe(false);
    const late = await validateSessionToken(db, token, at(start, SESSION_IDLE_MS * 0.75));
    expect(late?.renewed).toBe(true);
    expect(late!.expiresAt.getTime()).toBe(start.getTime() + SESSION_IDLE_MS * 1.75);
    expect(await validateSessionToken(db, token, at(start, SESSION_IDLE_MS * 1.75 + 1))).toBeNull();
    // Validating never deletes (a page read writes nothing); the purge job removes the row.
    expect(await db.session.findUnique({ where: { id: token.split(".")[0] } })).not.toBeNull();
    await purgeExpiredSessions(db, at(start, SESSION_IDLE_MS * 1.75 + 1));
    expect(await db.session.findUnique({ where: { id: token.split(".")[0] } })).toBeNull();
  });

  it("ends at the absolute lifetime however active the user is", async () => {
    const start = new Date("2026-04-01T08:00:00Z");
    const { token } = await createSession(db, userId, start);
    let now = start;
    while (now.getTime() < start.getTime() + SESSION_ABSOLUTE_MS - SESSION_IDLE_MS / 4) {
      now = at(now, SESSION_IDLE_MS / 4);
      expect(await validateSessionToken(db, token, now)).not.toBeNull();
    }
    expect(await validateSessionToken(db, token, at(start, SESSION_ABSOLUTE_MS))).toBeNull();
  });

  it("ends on sign-out, on disabling the account and when all sessions are invalidated", async () => {
    const one = await createSession(db, userId);
    await invalidateSession(db, one.token.split(".")[0]);
    expect(await validateSessionToken(db, one.token)).toBeNull();

    const two = await createSession(db, userId);
    await db.user.update({ where: { id: userId }, data: { disabled: true } });
    expect(await validateSessionToken(db, two.token)).toBeNull();
    await db.user.update({ where: { id: userId }, data: { disabled: false } });

    const three = await createSession(db, userId);
    await invalidateUserSessions(db, userId);
    expect(await validateSessionToken(db, three.token)).toBeNull();
  });

  it("purges expired rows", async () => {
    const old = new Date("2020-01-01T00:00:00Z");
    await createSession(db, userId, old);
    expect(await purgeExpiredSessions(db)).toBeGreaterThanOrEqual(1);
    expect(await db.session.count({ where: { expiresAt: { lte: new Date() } } })).toBe(0);
  });

  it("reads the role from the database on every request", async () => {
    const { token } = await createSession(db, userId);
    expect((await validateSessionToken(db, token))?.user.role).toBe("employee");
    await db.user.update({ where: { id: userId }, data: { role: "hr_admin" } });
    expect((await validateSessionToken(db, token))?.user.role).toBe("hr_admin");
    await db.user.update({ where: { id: userId }, data: { role: "employee" } });
  });
});
