import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient, dialectOf, sqlRead, type Db } from "~/utils/db.server";
import { spentHash } from "~/modules/anonymity/blind-tokens.server";
import { decodeBytes } from "~/modules/anonymity/token-format";
import { freePort, postForm, prepareSurveyDatabase, startServer, submit, type Server } from "./harness";

let server: Server | undefined;

/** SQLite's own check of the file the killed process was writing (PostgreSQL's server was never killed: nothing to check). */
async function expectIntactDatabase(db: Db) {
  if (dialectOf(db) !== "sqlite") return;
  const integrity = await sqlRead<{ integrity_check: string }>(db, "PRAGMA integrity_check");
  expect(integrity.map((r) => r.integrity_check)).toEqual(["ok"]);
}
afterAll(() => server?.child.kill("SIGKILL"));

/**
 * The server is killed with SIGKILL at random moments while people submit answers. Every
 * answer it acknowledged must survive, none may be stored twice, and answers and spent tokens
 * must agree (the token is spent and the answer stored together or not at all).
 */
describe("a hard kill in the middle of submissions", () => {
  it("loses no acknowledged answer, duplicates none, and leaves an intact database", async () => {
    const setup = await prepareSurveyDatabase(120);
    const acknowledged = new Set<string>();
    const pending = [...setup.cookies];
    for (let round = 0; round < 3 && pending.length > 0; round++) {
      const port = await freePort();
      server = await startServer(setup.url, port);
      const killAfterMs = 150 + Math.floor(Math.random() * 600);
      const killer = round < 2 ? setTimeout(() => server!.child.kill("SIGKILL"), killAfterMs) : undefined;
      const batch = pending.splice(0);
      const results = await Promise.allSettled(
        batch.map(async (person, i) => {
          await new Promise((r) => setTimeout(r, (i % 30) * 20));
          return { person, status: await submit(port, setup.surveyId, person.respondent, setup.body) };
        }),
      );
      clearTimeout(killer);
      for (const [i, result] of results.entries()) {
        if (result.status === "fulfilled" && result.value.status === 200) acknowledged.add(result.value.person.employeeId);
        else if (result.status === "fulfilled" && result.value.status === 409)
          acknowledged.add(result.value.person.employeeId); // stored before the kill, answer lost in flight
        else if (result.status === "fulfilled" && result.value.status >= 500) throw new Error(`5xx: ${server.log().slice(0, 2000)}`);
        else pending.push(batch[i]);
      }
      await new Promise((r) => setTimeout(r, 100));
      server.child.kill("SIGKILL");
    }
    expect(acknowledged.size).toBeGreaterThan(0);

    const db = createPrismaClient(setup.url);
    await expectIntactDatabase(db);
    // The server cannot say whose answers it holds; the respondents' browsers can: each kept its token.
    const spent = new Set(
      (await db.surveySpentToken.findMany({ where: { surveyId: setup.surveyId }, select: { hash: true } })).map((s) => s.hash),
    );
    for (const person of setup.cookies.filter((p) => acknowledged.has(p.employeeId))) {
      expect(spent.has(spentHash(decodeBytes(person.respondent.token!.token))), `acknowledged answer of ${person.employeeId} lost`).toBe(
        true,
      );
    }
    // Spending a token and storing its answers commit together or not at all.
    expect(await db.surveyResponse.count({ where: { surveyId: setup.surveyId } })).toBe(spent.size);
    await db.$disconnect();
  }, 300_000);
});

/**
 * The same for pay: while the server is killed at random moments, HR adds corrections to a
 * locked run and starts a run for another period. Every acknowledged correction must be there
 * once, with its audit entry, and a run is either whole (every line) or absent.
 */
describe("a hard kill in the middle of pay-run changes", () => {
  it("keeps every acknowledged correction once and never leaves half a run", async () => {
    const setup = await prepareSurveyDatabase(0);
    const { payConfigFixture, payFixture } = await import("../pay-fixtures");
    const { createRun, transitionRun } = await import("~/modules/pay/runs.server");
    const { createSession } = await import("~/modules/auth/session.server");
    const { hashPassword } = await import("~/modules/auth/password.server");
    let db = createPrismaClient(setup.url);
    const unitId = new Map((await db.unit.findMany({ select: { code: true, id: true } })).map((u) => [u.code, u.id]));
    const userOf = async (employeeNo: string) =>
      (await db.user.findFirstOrThrow({ where: { employee: { employeeNo } }, select: { id: true } })).id;
    const [hr1, hr2, hr3] = [await userOf("E000003"), await userOf("E000005"), await userOf("E000182")];
    await db.user.update({ where: { id: hr2 }, data: { role: "hr_admin" } });
    await db.user.update({ where: { id: hr3 }, data: { role: "hr_admin", passwordHash: await hashPassword("approval password") } });
    await payConfigFixture(db, unitId);
    const locked = await payFixture(db, unitId);
    const run = await createRun(db, hr1, locked.period.id);
    await transitionRun(db, hr2, run.id, "review");
    await transitionRun(db, hr3, run.id, "approve", "approval password");
    await transitionRun(db, hr1, run.id, "lock");
    const next = await payFixture(db, unitId);
    const cookie = `session=${(await createSession(db, hr1)).token}`;
    await db.$disconnect();

    const acknowledged: string[] = [];
    let runAcknowledged = false;
    let sent = 0;
    for (let round = 0; round < 3; round++) {
      const port = await freePort();
      server = await startServer(setup.url, port);
      const killer = round < 2 ? setTimeout(() => server!.child.kill("SIGKILL"), 150 + Math.floor(Math.random() * 600)) : undefined;
      const corrections = Array.from({ length: 40 }, () => `crash correction ${sent++}`);
      const results = await Promise.allSettled([
        runAcknowledged
          ? Promise.resolve(0)
          : postForm(port, "/pay", cookie, new URLSearchParams({ intent: "create", periodId: next.period.id }).toString()),
        ...corrections.map(async (reason, i) => {
          await new Promise((r) => setTimeout(r, (i % 20) * 25));
          const employeeNo = locked.managers[i % locked.managers.length].employeeNo;
          return postForm(
            port,
            `/pay/runs/${run.id}`,
            cookie,
            new URLSearchParams({ intent: "adjust", employeeNo, amount: "-12.34", reason }).toString(),
          );
        }),
      ]);
      clearTimeout(killer);
      for (const [i, result] of results.entries()) {
        if (result.status === "fulfilled" && result.value >= 500) throw new Error(`5xx: ${server.log().slice(0, 2000)}`);
        if (result.status !== "fulfilled" || result.value !== 302) continue;
        if (i === 0) runAcknowledged = true;
        else acknowledged.push(corrections[i - 1]);
      }
      await new Promise((r) => setTimeout(r, 100));
      server.child.kill("SIGKILL");
    }
    expect(acknowledged.length).toBeGreaterThan(0);

    db = createPrismaClient(setup.url);
    await expectIntactDatabase(db);
    const stored = await db.payAdjustment.findMany({ where: { runId: run.id }, select: { id: true, reason: true, amountFen: true } });
    const reasons = stored.map((a) => a.reason);
    for (const reason of acknowledged)
      expect(
        reasons.filter((r) => r === reason),
        `acknowledged "${reason}"`,
      ).toHaveLength(1);
    expect(new Set(reasons).size).toBe(reasons.length);
    expect(stored.every((a) => a.amountFen === -1234)).toBe(true);
    const audited = await db.auditLog.findMany({ where: { action: "pay.adjustment.create" }, select: { entityId: true } });
    expect(audited.map((a) => a.entityId).sort()).toEqual(stored.map((a) => a.id).sort());
    const runs = await db.payRun.findMany({
      select: { id: true, periodId: true, employeeCount: true, _count: { select: { lines: true } } },
    });
    for (const r of runs) expect(r._count.lines, `lines of run ${r.id}`).toBe(r.employeeCount);
    const nextRuns = runs.filter((r) => r.periodId === next.period.id);
    expect(nextRuns.length).toBeLessThanOrEqual(1);
    if (runAcknowledged) expect(nextRuns).toHaveLength(1);
    await db.$disconnect();
  }, 300_000);
});
