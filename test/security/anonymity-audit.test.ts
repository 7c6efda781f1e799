import fs from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { createPrismaClient } from "~/utils/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { freePort, prepareSurveyDatabase, startServer, type Server } from "../reliability/harness";

let server: Server | undefined;
afterAll(() => server?.child.kill("SIGKILL"));

const PAGE = 4096;
const USER_AGENT = "AuditBrowser/1.0 (ua-marker-7731)";

/** The database pages (main file and WAL) that contain `marker`. */
function pagesWith(files: string[], marker: string) {
  const needle = Buffer.from(marker, "utf8");
  const pages: Buffer[] = [];
  for (const file of files.filter((f) => fs.existsSync(f))) {
    const bytes = fs.readFileSync(file);
    for (let offset = 0; offset < bytes.length; offset += PAGE) {
      const page = bytes.subarray(offset, Math.min(offset + PAGE + 64, bytes.length));
      if (page.includes(needle)) pages.push(page);
    }
  }
  return pages;
}

/**
 * A person signs in, answers a survey with a comment and files an anonymous suggestion, on a
 * real server with request logging on. Then the database file, its WAL and the log are read
 * as bytes: nothing that identifies the person may sit next to what they wrote.
 */
describe("anonymity audit", () => {
  it("keeps answers and anonymous suggestions unattributed in tables, pages, WAL and log", async () => {
    const setup = await prepareSurveyDatabase(30);
    const db = createPrismaClient(setup.url);
    const person = await db.employee.findUniqueOrThrow({ where: { employeeNo: "E000004" }, select: { id: true, name: true, email: true, unitId: true, user: { select: { id: true } } } });
    await db.user.update({ where: { id: person.user!.id }, data: { passwordHash: await hashPassword("audit passphrase 2026") } });
    const port = await freePort();
    server = await startServer(setup.url, port, { logLevel: "info" });
    const base = `http://127.0.0.1:${port}`;
    const headers = { Origin: base, "User-Agent": USER_AGENT, "Content-Type": "application/x-www-form-urlencoded" };

    const login = await fetch(`${base}/login`, { method: "POST", redirect: "manual", headers, body: new URLSearchParams({ email: person.email, password: "audit passphrase 2026" }) });
    expect(login.status).toBe(302);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith("session="))!.split(";")[0];
    const sessionId = cookie.split("=")[1].split(".")[0];
    const auth = { ...headers, Cookie: cookie };

    const answerMarker = "answer-marker-5531 请加强售前支撑";
    const body = new URLSearchParams(setup.body);
    body.set("ovr-07", answerMarker);
    const answered = await fetch(`${base}/surveys/${setup.surveyId}`, { method: "POST", redirect: "manual", headers: auth, body });
    expect(answered.status).toBe(302);

    const suggestionMarker = "suggestion-marker-9917 建议取消周报";
    const suggested = await fetch(`${base}/suggestions/new`, {
      method: "POST",
      redirect: "manual",
      headers: auth,
      body: new URLSearchParams({ title: "匿名建议", body: suggestionMarker, category: "process", unitId: person.unitId, identity: "anonymous" }),
    });
    expect(suggested.status).toBeLessThan(400);
    server.child.kill("SIGKILL"); // leave the WAL as it is
    await new Promise((r) => setTimeout(r, 200));

    const identifiers = [person.id, person.user!.id, person.email, person.name, "E000004", sessionId, USER_AGENT, "ua-marker-7731", "127.0.0.1"];

    // Rows: the answer and the anonymous suggestion carry nothing of the person.
    const response = await db.$queryRawUnsafe<Record<string, unknown>[]>(
      `SELECT r.* FROM "SurveyResponse" r JOIN "SurveyAnswer" a ON a."responseId" = r."id" WHERE a."text" = ?`,
      answerMarker,
    );
    expect(response).toHaveLength(1);
    expect(Object.keys(response[0]).sort()).toEqual(["id", "surveyId", "tenureBand", "track", "unitId"]);
    expect(response[0].id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const suggestion = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM "Suggestion" WHERE "body" = ?`, suggestionMarker);
    expect(suggestion).toHaveLength(1);
    for (const row of [...response, ...suggestion]) {
      const text = JSON.stringify(row);
      for (const id of identifiers) expect(text, `row holds ${id}`).not.toContain(id);
      expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/); // no precise time
    }

    // Pages: no page of the database or its WAL that holds the text also holds an identifier.
    const files = [setup.file, `${setup.file}-wal`];
    for (const marker of [answerMarker, suggestionMarker]) {
      const pages = pagesWith(files, marker);
      expect(pages.length, `pages with ${marker}`).toBeGreaterThan(0);
      for (const page of pages) {
        for (const id of identifiers) expect(page.includes(Buffer.from(id, "utf8")), `a page with "${marker}" also holds ${id}`).toBe(false);
      }
    }
    // The user agent and the address are stored nowhere at all.
    for (const file of files.filter((f) => fs.existsSync(f))) {
      const bytes = fs.readFileSync(file);
      expect(bytes.includes(Buffer.from("ua-marker-7731")), file).toBe(false);
      expect(bytes.includes(Buffer.from("127.0.0.1")), file).toBe(false);
    }

    // The log: requests are logged, people are not.
    const log = server.log().split("\n").filter((line) => !line.startsWith("Ready on")).join("\n");
    expect(log).toMatch(/POST \/surveys\/\S+ 302/);
    for (const id of identifiers) expect(log, `log holds ${id}`).not.toContain(id);
    await db.$disconnect();
  }, 240_000);

  it("stores answers in the order of their random keys, not in the order they arrived", async () => {
    const setup = await prepareSurveyDatabase(40);
    const port = await freePort();
    server = await startServer(setup.url, port);
    for (const [n, person] of setup.cookies.entries()) {
      const body = new URLSearchParams(setup.body);
      body.set("ovr-07", `arrival-${String(n).padStart(3, "0")}`);
      const status = (
        await fetch(`http://127.0.0.1:${port}/surveys/${setup.surveyId}`, {
          method: "POST",
          redirect: "manual",
          headers: { Cookie: person.cookie, Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
          body,
        })
      ).status;
      expect(status).toBe(302);
    }
    server.child.kill("SIGKILL");
    const db = createPrismaClient(setup.url);
    // Physical order: a plain scan of the WITHOUT ROWID table.
    const stored = await db.$queryRawUnsafe<{ id: string; text: string }[]>(
      `SELECT r."id" AS id, (SELECT a."text" FROM "SurveyAnswer" a WHERE a."responseId" = r."id" AND a."itemId" = 'ovr-07') AS text FROM "SurveyResponse" r NOT INDEXED WHERE 1`,
    );
    expect(stored).toHaveLength(40);
    const arrival = stored.map((r) => r.text);
    expect(stored.map((r) => r.id)).toEqual([...stored.map((r) => r.id)].sort());
    expect(arrival).not.toEqual([...arrival].sort());
    await db.$disconnect();
  }, 240_000);
});
