import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/utils/db.server";
import { freePort, prepareSurveyDatabase, Respondent, sendAnswers, startServer, submit, type Server } from "./harness";

let setup: Awaited<ReturnType<typeof prepareSurveyDatabase>>;
let server: Server;
let port: number;

beforeAll(async () => {
  setup = await prepareSurveyDatabase(200);
  port = await freePort();
  server = await startServer(setup.url, port);
}, 180_000);

afterAll(() => {
  server?.child.kill("SIGKILL");
});

describe("survey submissions against the running server", () => {
  it("200 people submitting at once: no 5xx, no SQLITE_BUSY, each stored exactly once", async () => {
    const statuses = await Promise.all(setup.cookies.map((c) => submit(port, setup.surveyId, c.respondent, setup.body)));
    expect(
      statuses.filter((s) => s >= 500),
      server.log().slice(0, 3000),
    ).toEqual([]);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const db = createPrismaClient(setup.url);
    expect(await db.surveyResponse.count({ where: { surveyId: setup.surveyId } })).toBe(200);
    expect(await db.surveySpentToken.count({ where: { surveyId: setup.surveyId } })).toBe(200);
    expect(await db.surveyParticipation.count({ where: { surveyId: setup.surveyId, tokenTaken: true } })).toBe(200);
    await db.$disconnect();
  }, 120_000);

  it("50 concurrent token requests by one person give one token; 50 concurrent spends of it leave exactly one answer", async () => {
    const db = createPrismaClient(setup.url);
    const person = await db.employee.findFirstOrThrow({
      where: { employeeNo: "E000101" },
      select: { id: true, user: { select: { id: true } } },
    });
    const { createSession } = await import("~/modules/auth/session.server");
    const { token } = await createSession(db, person.user!.id);
    const before = await db.surveyResponse.count({ where: { surveyId: setup.surveyId } });
    // Fifty browsers of the same person, each with its own storage.
    const tokens = await Promise.all(Array.from({ length: 50 }, () => new Respondent(`session=${token}`).obtain(port, setup.surveyId)));
    expect(tokens.filter(Boolean)).toHaveLength(1);
    const held = tokens.find(Boolean)!;
    const statuses = await Promise.all(Array.from({ length: 50 }, () => sendAnswers(port, setup.surveyId, held, setup.body)));
    expect(
      statuses.filter((s) => s >= 500),
      server.log().slice(-3000),
    ).toEqual([]);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 409)).toBe(true);
    expect(await db.surveyResponse.count({ where: { surveyId: setup.surveyId } })).toBe(before + 1);
    await db.$disconnect();
  }, 120_000);
});
