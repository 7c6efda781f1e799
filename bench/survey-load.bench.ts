// Load on the running server over loopback: 500 employees submit survey answers through
// 200 concurrent connections while a head opens pages; then every acknowledged answer is
// checked to be stored exactly once.
import autocannon from "autocannon";
import { createPrismaClient } from "~/utils/db.server";
import { freePort, prepareSurveyDatabase, startServer } from "../test/reliability/harness";
import { report } from "./lib";

const PEOPLE = 500;
const CONNECTIONS = 200;

const setup = await prepareSurveyDatabase(PEOPLE);
const port = await freePort();
const server = await startServer(setup.url, port);
const base = `http://127.0.0.1:${port}`;
const db = createPrismaClient(setup.url);

// A head reading pages at the same time (their own session).
const { createSession } = await import("~/modules/auth/session.server");
const head = await db.user.findFirstOrThrow({ where: { email: "e000001@ge.example.com" } });
const headCookie = `session=${(await createSession(db, head.id)).token}`;

let next = 0;
const acknowledged: string[] = [];
const submissions = autocannon({
  url: base,
  connections: CONNECTIONS,
  amount: PEOPLE,
  requests: [
    {
      method: "POST",
      path: `/surveys/${setup.surveyId}`,
      setupRequest: (request) => {
        const person = setup.cookies[next++ % setup.cookies.length];
        return {
          ...request,
          headers: { ...request.headers, Cookie: person.cookie, Origin: base, "Content-Type": "application/x-www-form-urlencoded", "X-Person": person.employeeId },
          body: setup.body,
        };
      },
      onResponse: (status, _body, context) => {
        if (status === 302) acknowledged.push(String((context as { person?: string }).person ?? ""));
      },
    },
  ],
});
const reading = autocannon({ url: `${base}/surveys`, connections: 10, duration: 5, headers: { Cookie: headCookie } });
const [load, pages] = await Promise.all([submissions, reading]);

const stored = await db.surveyResponse.count({ where: { surveyId: setup.surveyId } });
const marked = await db.surveyParticipation.count({ where: { surveyId: setup.surveyId, answered: true } });
const ok2xx3xx = load["2xx"] + load["3xx"];
const exactlyOnce = stored === marked && stored === acknowledged.length;
console.error(`submissions: ${ok2xx3xx} acknowledged, ${load.non2xx - load["3xx"]} refused, ${load.errors} errors; stored ${stored}, marked ${marked}`);
report({
  operation: `survey submission under load (${CONNECTIONS} connections), p50/p95/p99 ${load.latency.p50}/${load.latency.p90}/${load.latency.p99} ms, ${Math.round(load.requests.average)} req/s`,
  size: `${PEOPLE} people`,
  ms: load.latency.p99,
  target: "p99 < 100 ms; every acknowledged answer stored once",
  pass: load.latency.p99 < 100 && exactlyOnce && load.errors === 0 && load["5xx"] === 0,
});
report({
  operation: `page load while submitting (/surveys), p50/p99 ${pages.latency.p50}/${pages.latency.p99} ms, ${Math.round(pages.requests.average)} req/s`,
  size: "10 connections, 5 s",
  ms: pages.latency.p99,
});
server.child.kill("SIGKILL");
await db.$disconnect();
