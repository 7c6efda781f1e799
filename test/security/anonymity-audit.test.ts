import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { closeSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { createPrismaClient, sqlRead } from "~/utils/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { hashFollowUpCode, newFollowUpCode, normalizeFollowUpCode } from "~/modules/suggestions/follow-up-code";
import { fastBlind, fastFinish } from "../blind-client";
import { freePort, prepareSurveyDatabase, Respondent, sendAnswers, startServer, type Server } from "../reliability/harness";

let server: Server | undefined;
afterAll(() => server?.child.kill("SIGKILL"));

const PAGE = 4096;
const WAL_HEADER = 32;
const FRAME_HEADER = 24;
const USER_AGENT = "AuditBrowser/1.0 (ua-marker-7731)";

/**
 * On PostgreSQL the server is the test server, and its WAL and data files are its own: what an
 * operator holding them can learn is in the README ("What anonymity means here", on PostgreSQL).
 * The file inspections below are SQLite's; PostgreSQL's runs read what SQL shows instead.
 */
const postgres = process.env.TEST_DATABASE === "postgres";

/** The commits a copy of the WAL holds, in order: each the bytes of its frames' pages. */
function walCommits(wal: Buffer) {
  if (wal.length < WAL_HEADER) return [];
  const salt = wal.subarray(16, 24);
  const commits: Buffer[][] = [];
  let current: Buffer[] = [];
  for (let offset = WAL_HEADER; offset + FRAME_HEADER + PAGE <= wal.length; offset += FRAME_HEADER + PAGE) {
    const header = wal.subarray(offset, offset + FRAME_HEADER);
    if (!header.subarray(8, 16).equals(salt)) break; // a frame of an earlier generation: not part of the log
    current.push(wal.subarray(offset + FRAME_HEADER, offset + FRAME_HEADER + PAGE));
    if (header.readUInt32BE(4) !== 0) {
      commits.push(current);
      current = [];
    }
  }
  return commits;
}

const holds = (pages: Buffer[], text: string) => pages.some((p) => p.includes(Buffer.from(text, "utf8")));

/**
 * Known people sign in, open a survey (taking their tokens), answer it with comments and file
 * anonymous suggestions, one after another, each right after the other's steps: the worst case
 * for timing. After every request a copy of the database file and its WAL is taken, as a backup
 * or a snapshot would. Each copy's WAL is replayed commit by commit: no copy that holds an
 * anonymous answer or suggestion holds any other commit beside it, so no commit order can pair
 * a person's token, session or sign-in with what they wrote. The server log and the throttle
 * table are then read: no id, address or path that names anyone.
 */
describe("anonymity audit", () => {
  it("links nothing: WAL copies taken after every request, replayed commit by commit, the log and the throttles", async () => {
    const setup = await prepareSurveyDatabase(8, "pulse");
    const db = createPrismaClient(setup.url);
    const people = await db.employee.findMany({
      where: { employeeNo: { in: ["E000004", "E000005", "E000101", "E000124"] } },
      select: { id: true, name: true, email: true, employeeNo: true, unitId: true, user: { select: { id: true } } },
    });
    for (const p of people)
      await db.user.update({ where: { id: p.user!.id }, data: { passwordHash: await hashPassword("audit passphrase 2026") } });
    await db.$disconnect();
    const port = await freePort();
    server = await startServer(setup.url, port, { logLevel: "info" });
    const base = `http://127.0.0.1:${port}`;
    const form = { Origin: base, "User-Agent": USER_AGENT, "Content-Type": "application/x-www-form-urlencoded" };

    const copies: { wal: Buffer; after: string }[] = [];
    const snapshot = (after: string) => {
      if (postgres) return; // the server's WAL: see above
      const wal = `${setup.file}-wal`;
      copies.push({ wal: fs.existsSync(wal) ? fs.readFileSync(wal) : Buffer.alloc(0), after });
    };

    const identifiers: string[] = [USER_AGENT, "ua-marker-7731", "127.0.0.1"];
    const markers: string[] = [];
    for (const [n, person] of people.entries()) {
      const login = await fetch(`${base}/login`, {
        method: "POST",
        redirect: "manual",
        headers: form,
        body: new URLSearchParams({ email: person.email, password: "audit passphrase 2026" }),
      });
      expect(login.status).toBe(302);
      const cookie = login.headers
        .getSetCookie()
        .find((c) => c.startsWith("session="))!
        .split(";")[0];
      identifiers.push(person.id, person.user!.id, person.email, person.name, person.employeeNo, cookie.split("=")[1].split(".")[0]);
      snapshot(`${person.employeeNo} signed in`);

      // Open the survey: the token, with the session.
      const respondent = new Respondent(cookie);
      const token = await respondent.obtain(port, setup.surveyId);
      expect(token).not.toBeNull();
      snapshot(`${person.employeeNo} took a survey token`);

      // Answer at once, without the session.
      const answerMarker = `answer-marker-${5531 + n} 请加强售前支撑`;
      markers.push(answerMarker);
      const body = new URLSearchParams(setup.body);
      body.set("ovr-07", answerMarker);
      expect(await sendAnswers(port, setup.surveyId, token!, body.toString())).toBe(200);
      snapshot(`${person.employeeNo} answered`);

      // An anonymous suggestion: a token with the session, the suggestion without it.
      const post = async (payload: unknown) =>
        (await (
          await fetch(`${base}/suggestions/token`, {
            method: "POST",
            headers: { Origin: base, Cookie: cookie, "Content-Type": "application/json" },
            body: JSON.stringify(payload),
          })
        ).json()) as Record<string, string>;
      const key = await post({ intent: "key" });
      const pending = await fastBlind(key.keyId, key.publicKey);
      const signed = await post({ intent: "sign", keyId: key.keyId, blinded: pending.blinded });
      const held = await fastFinish(pending, signed.blindSignature);
      snapshot(`${person.employeeNo} took a suggestion token`);
      const suggestionMarker = `suggestion-marker-${9917 + n} 建议取消周报`;
      markers.push(suggestionMarker);
      const filed = await fetch(`${base}/suggestions/new`, {
        method: "POST",
        redirect: "manual",
        headers: { ...form, "X-Anonymous-Token": `${held.keyId}.${held.token}.${held.signature}` },
        body: new URLSearchParams({
          title: `匿名建议 ${n}`,
          body: suggestionMarker,
          category: "process",
          unitId: person.unitId,
          identity: "anonymous",
          followUpHash: await hashFollowUpCode(normalizeFollowUpCode(newFollowUpCode())!),
        }),
      });
      expect(filed.status).toBe(303);
      snapshot(`${person.employeeNo} filed a suggestion`);
    }
    server.child.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 200));

    // Replay every copy's WAL: an anonymous write never shares a WAL with any other commit.
    // (SQLite only: PostgreSQL's WAL is the server's, not the app's to truncate.)
    let anonymousSeen = 0;
    for (const copy of copies) {
      const commits = walCommits(copy.wal);
      const anonymous = commits.filter((pages) => markers.some((m) => holds(pages, m)));
      anonymousSeen += anonymous.length;
      if (anonymous.length > 0)
        expect(commits.length, `WAL copy after "${copy.after}" holds other commits beside an anonymous one`).toBe(anonymous.length);
      for (const pages of commits) {
        if (!markers.some((m) => holds(pages, m))) continue;
        for (const id of identifiers) expect(holds(pages, id), `an anonymous commit holds ${id}`).toBe(false);
      }
    }
    if (!postgres) {
      expect(copies.length).toBe(people.length * 5);
      // Named commits were seen (the copies are real); anonymous ones never outlive their truncation.
      expect(copies.some((c) => walCommits(c.wal).length > 0)).toBe(true);
      expect(anonymousSeen).toBe(0);
    }

    if (postgres) {
      // What SQL shows: each text is there, in rows (with their response or suggestion) that hold nothing of anyone.
      const stored = createPrismaClient(setup.url);
      for (const marker of markers) {
        const rows = [
          ...(await sqlRead(
            stored,
            `SELECT r.*, a.* FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r."id" = a."responseId" WHERE a."text" = ?`,
            [marker],
          )),
          ...(await sqlRead(stored, `SELECT * FROM "Suggestion" WHERE "body" = ?`, [marker])),
        ];
        expect(rows.length, marker).toBe(1);
        for (const id of identifiers) expect(JSON.stringify(rows), `the row with "${marker}" also holds ${id}`).not.toContain(id);
      }
      await stored.$disconnect();
    }

    // The database file: each text is there, on pages that hold nothing of anyone.
    const main = postgres ? Buffer.alloc(0) : fs.readFileSync(setup.file);
    for (const marker of postgres ? [] : markers) {
      const pages: Buffer[] = [];
      for (let offset = 0; offset < main.length; offset += PAGE) pages.push(main.subarray(offset, offset + PAGE));
      const withMarker = pages.filter((p) => p.includes(Buffer.from(marker, "utf8")));
      expect(withMarker.length, marker).toBeGreaterThan(0);
      for (const page of withMarker)
        for (const id of identifiers)
          expect(page.includes(Buffer.from(id, "utf8")), `a page with "${marker}" also holds ${id}`).toBe(false);
    }
    expect(main.includes(Buffer.from("ua-marker-7731"))).toBe(false);
    expect(main.includes(Buffer.from("127.0.0.1"))).toBe(false);

    // The log: route patterns, statuses and times; no id, address, user agent or raw path.
    const lines = server.log().split("\n");
    const log = lines
      .slice(lines.findIndex((line) => line.startsWith("Ready on")) + 1)
      .filter((line) => /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS|OTHER) /.test(line));
    expect(log.length).toBeGreaterThan(people.length * 5);
    expect(log.some((l) => l.startsWith("POST /anon/surveys/:id/responses 200 "))).toBe(true);
    expect(log.some((l) => l.startsWith("POST /suggestions/new 303 "))).toBe(true);
    for (const line of log) expect(line).toMatch(/^[A-Z]+ (\/[\w/:.*-]*|\(unmatched\)) \d{3} [\d.]+ms$/);
    // Everything printed after start-up (the start-up line names the server's own address).
    const text = lines.slice(lines.findIndex((line) => line.startsWith("Ready on")) + 1).join("\n");
    for (const id of [...identifiers, setup.surveyId]) expect(text, `log holds ${id}`).not.toContain(id);

    // Throttles: only the sign-ins' own (named) records; nothing of anyone's anonymous steps.
    const after = createPrismaClient(setup.url);
    const buckets = await after.throttleBucket.findMany({ select: { key: true } });
    for (const { key } of buckets) expect(key).toMatch(/^(seen|acct|addr|acct-addr):/);
    expect(buckets.length).toBeLessThanOrEqual(people.length);
    await after.$disconnect();
    fs.rmSync(path.dirname(setup.file), { recursive: true, force: true });
  }, 240_000);

  it("stores answers in the order of their random keys, not in the order they arrived (PostgreSQL: once the survey has closed)", async () => {
    const setup = await prepareSurveyDatabase(40, "pulse");
    const port = await freePort();
    server = await startServer(setup.url, port);
    for (const [n, person] of setup.cookies.entries()) {
      const body = new URLSearchParams(setup.body);
      body.set("ovr-07", `arrival-${String(n).padStart(3, "0")}`);
      const token = await person.respondent.obtain(port, setup.surveyId);
      expect(await sendAnswers(port, setup.surveyId, token!, body.toString())).toBe(200);
    }
    server.child.kill("SIGKILL");
    const db = createPrismaClient(setup.url);
    // PostgreSQL keeps rows in a heap, where they lie as they arrived until closing rewrites them.
    if (postgres) await closeSurvey(db, null, setup.surveyId);
    // Physical order: a plain scan of the WITHOUT ROWID table (PostgreSQL: the rows' places).
    const stored = await sqlRead<{ id: string; text: string }>(
      db,
      postgres
        ? `SELECT r."id" AS "id", (SELECT a."text" FROM "SurveyAnswer" a WHERE a."responseId" = r."id" AND a."itemId" = 'ovr-07') AS "text" FROM "SurveyResponse" r ORDER BY r.ctid`
        : `SELECT r."id" AS id, (SELECT a."text" FROM "SurveyAnswer" a WHERE a."responseId" = r."id" AND a."itemId" = 'ovr-07') AS text FROM "SurveyResponse" r NOT INDEXED WHERE 1`,
    );
    expect(stored).toHaveLength(40);
    const arrival = stored.map((r) => r.text);
    expect(stored.map((r) => r.id)).toEqual(stored.map((r) => r.id).sort());
    expect(arrival).not.toEqual([...arrival].sort());
    // Spent tokens, likewise, sit in the order of their hashes.
    const spent = (
      await sqlRead<{ hash: string }>(
        db,
        postgres ? `SELECT "hash" FROM "SurveySpentToken" ORDER BY ctid` : `SELECT "hash" FROM "SurveySpentToken" NOT INDEXED WHERE 1`,
      )
    ).map((r) => r.hash);
    expect(spent).toEqual([...spent].sort());
    if (postgres) {
      // And the answers carry one transaction id, not one per batch as they arrived.
      expect(await sqlRead(db, `SELECT DISTINCT xmin::text AS "xmin" FROM "SurveyResponse"`)).toHaveLength(1);
      expect(await sqlRead(db, `SELECT DISTINCT xmin::text AS "xmin" FROM "SurveyAnswer"`)).toHaveLength(1);
    }
    await db.$disconnect();
  }, 240_000);
});
