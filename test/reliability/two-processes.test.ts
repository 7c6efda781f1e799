import { afterAll, describe, expect, it } from "vitest";
import { spentHash } from "~/modules/anonymity/blind-tokens.server";
import { decodeBytes } from "~/modules/anonymity/token-format";
import type { SurveyItem } from "~/modules/surveys/items";
import { bulkWrite, createPrismaClient, type Db } from "~/utils/db.server";
import { exec } from "~/utils/sql.server";
import { freePort, prepareSurveyDatabase, startServer, submit, type Server } from "./harness";

/**
 * Several app processes over one PostgreSQL database (the deployment the README describes):
 * two servers answer the same people, and one is killed with SIGKILL, first in the middle of
 * submissions, then in the middle of the background job that closes a survey and keeps its
 * figures. Nothing acknowledged is lost or doubled, and the job is finished by the other process
 * once the dead one's lease runs out.
 */
const servers: Server[] = [];
afterAll(() => servers.forEach((s) => s.child.kill("SIGKILL")));

async function start(url: string) {
  const port = await freePort();
  const server = await startServer(url, port);
  servers.push(server);
  return { server, port };
}

describe.runIf(process.env.TEST_DATABASE === "postgres")("two app processes on one PostgreSQL database", () => {
  it("a hard kill of one during submissions loses and doubles nothing; a kill during the closing job leaves it to the other", async () => {
    const setup = await prepareSurveyDatabase(120);
    let a = await start(setup.url);
    const b = await start(setup.url);

    // ── submissions spread over both; A is killed at a random moment, the rest go to B ──
    const acknowledged = new Set<string>();
    const killer = setTimeout(() => a.server.child.kill("SIGKILL"), 150 + Math.floor(Math.random() * 500));
    const first = await Promise.allSettled(
      setup.cookies.map(async (person, i) => {
        await new Promise((r) => setTimeout(r, (i % 30) * 20));
        return submit(i % 2 ? a.port : b.port, setup.surveyId, person.respondent, setup.body);
      }),
    );
    clearTimeout(killer);
    a.server.child.kill("SIGKILL");
    const retry: typeof setup.cookies = [];
    for (const [i, result] of first.entries()) {
      const person = setup.cookies[i];
      if (result.status === "fulfilled" && result.value >= 500)
        throw new Error(`5xx: ${a.server.log().slice(0, 1500)}${b.server.log().slice(0, 1500)}`);
      if (result.status === "fulfilled" && (result.value === 200 || result.value === 409)) acknowledged.add(person.employeeId);
      else retry.push(person);
    }
    // The survivor serves everyone the dead process left half-way (their browsers kept their tokens).
    for (const person of retry) {
      const status = await submit(b.port, setup.surveyId, person.respondent, setup.body);
      expect(status, b.server.log().slice(0, 2000)).toBeOneOf([200, 409]);
      acknowledged.add(person.employeeId);
    }
    expect(acknowledged.size).toBe(120);

    const db = createPrismaClient(setup.url);
    try {
      const spent = new Set(
        (await db.surveySpentToken.findMany({ where: { surveyId: setup.surveyId }, select: { hash: true } })).map((s) => s.hash),
      );
      for (const person of setup.cookies)
        expect(spent.has(spentHash(decodeBytes(person.respondent.token!.token))), `answer of ${person.employeeId} lost`).toBe(true);
      // Spending a token and storing its answers commit together or not at all, whichever process did it.
      expect(await db.surveyResponse.count({ where: { surveyId: setup.surveyId } })).toBe(spent.size);

      // ── the closing job: a wave large enough that keeping its figures takes a while ──
      await addResponses(db, setup.surveyId, 20_000);
      const total = await db.surveyResponse.count({ where: { surveyId: setup.surveyId } });
      a = await start(setup.url);
      const pids = new Map([
        [a.server.child.pid!, a],
        [b.server.child.pid!, b],
      ]);
      await db.survey.update({ where: { id: setup.surveyId }, data: { closesAt: new Date(Date.now() - 1000) } });

      // Whichever process takes the closing job's lease is killed while it holds it (each looks for
      // due work every few seconds, and for this job again a minute after its last run).
      const holder = await waitFor(async () => {
        const lease = await db.jobLease.findUnique({ where: { name: "surveys.close" } });
        const pid = Number(lease?.holder?.split(":")[1]);
        return lease && lease.leaseUntil && lease.leaseUntil > new Date() && pids.has(pid) ? pid : null;
      }, 120_000);
      const victim = pids.get(holder)!;
      victim.server.child.kill("SIGKILL");
      const survivor = victim === a ? b : a;
      const keptBeforeExpiry = await db.surveyResultSet.count({ where: { surveyId: setup.surveyId } });

      // Its lease runs out (30 minutes in production; here the row is moved on instead of waiting).
      await db.jobLease.update({
        where: { name: "surveys.close" },
        data: { leaseUntil: new Date(Date.now() - 1000), nextRunAt: new Date(Date.now() - 1000) },
      });
      await waitFor(async () => ((await db.surveyResultSet.count({ where: { surveyId: setup.surveyId } })) === 1 ? true : null), 60_000);
      const lease = await db.jobLease.findUniqueOrThrow({ where: { name: "surveys.close" } });
      expect(lease.holder === null || Number(lease.holder.split(":")[1]) === survivor.server.child.pid).toBe(true);
      const survey = await db.survey.findUniqueOrThrow({ where: { id: setup.surveyId } });
      expect(survey.status).toBe("closed");
      // The figures were kept once, over every response (a group per unit answers are filed under), by whichever process finished.
      const groups = await db.surveyResultGroup.findMany({
        where: { surveyId: setup.surveyId, cut: "" },
        select: { unitId: true, respondents: true },
      });
      expect(groups.reduce((n, g) => n + g.respondents, 0)).toBe(total);
      // Killed in the middle: the figures of 20,000 responses were not kept yet when it died.
      expect(keptBeforeExpiry).toBe(0);
    } finally {
      await db.$disconnect();
    }
  }, 300_000);
});

async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error("timed out");
}

/** Responses written straight into the wave (as if submitted), with an answer to every scale item. */
async function addResponses(db: Db, surveyId: string, n: number) {
  const survey = await db.survey.findUniqueOrThrow({ where: { id: surveyId }, select: { itemsJson: true } });
  const participation = await db.surveyParticipation.findFirstOrThrow({ where: { surveyId }, select: { cutUnitId: true, unitId: true } });
  const unitId = participation.cutUnitId ?? participation.unitId;
  const scale = (JSON.parse(survey.itemsJson) as SurveyItem[]).filter((i) => i.type === "likert5");
  for (let start = 0; start < n; start += 500) {
    const ids = Array.from({ length: Math.min(500, n - start) }, () => crypto.randomUUID());
    await bulkWrite(db, async (tx) => {
      await exec(
        tx,
        `INSERT INTO "SurveyResponse" ("id","surveyId","unitId") VALUES ${ids.map(() => "(?,?,?)").join(",")}`,
        ids.flatMap((id) => [id, surveyId, unitId]),
      );
      const answers = ids.flatMap((id, k) => scale.map((item, j) => [id, item.id, 1 + ((k + j) % 5)]));
      await exec(
        tx,
        `INSERT INTO "SurveyAnswer" ("responseId","itemId","value") VALUES ${answers.map(() => "(?,?,?)").join(",")}`,
        answers.flat(),
      );
    });
  }
}
