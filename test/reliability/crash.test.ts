import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/utils/db.server";
import { freePort, prepareSurveyDatabase, startServer, submit, type Server } from "./harness";

let server: Server | undefined;
afterAll(() => server?.child.kill("SIGKILL"));

/**
 * The server is killed with SIGKILL at random moments while people submit answers. Every
 * answer it acknowledged must survive, none may be stored twice, and answers and
 * participation marks must agree (the mark and the answer commit together or not at all).
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
          return { person, status: await submit(port, setup.surveyId, person.cookie, setup.body) };
        }),
      );
      clearTimeout(killer);
      for (const [i, result] of results.entries()) {
        if (result.status === "fulfilled" && result.value.status === 302) acknowledged.add(result.value.person.employeeId);
        else if (result.status === "fulfilled" && result.value.status === 409) acknowledged.add(result.value.person.employeeId); // stored before the kill, answer lost in flight
        else if (result.status === "fulfilled" && result.value.status >= 500) throw new Error(`5xx: ${server.log().slice(0, 2000)}`);
        else pending.push(batch[i]);
      }
      await new Promise((r) => setTimeout(r, 100));
      server.child.kill("SIGKILL");
    }
    expect(acknowledged.size).toBeGreaterThan(0);

    const db = createPrismaClient(setup.url);
    const integrity = await db.$queryRawUnsafe<{ integrity_check: string }[]>("PRAGMA integrity_check");
    expect(integrity.map((r) => r.integrity_check)).toEqual(["ok"]);
    const answered = await db.surveyParticipation.findMany({ where: { surveyId: setup.surveyId, answered: true }, select: { employeeId: true } });
    const answeredIds = new Set(answered.map((a) => a.employeeId));
    for (const id of acknowledged) expect(answeredIds.has(id), `acknowledged answer of ${id} lost`).toBe(true);
    expect(await db.surveyResponse.count({ where: { surveyId: setup.surveyId } })).toBe(answered.length);
    await db.$disconnect();
  }, 300_000);
});
