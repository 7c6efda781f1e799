// Load on the running server over loopback, on the full demo data. First, the floor: a bare Hono
// endpoint over the same SQLite settings stores the same answers, one transaction each, under
// 200 connections back to back. Then 500 employees take their response tokens (key and blind
// signature, with their session) and send their answers with the tokens and no session through
// 200 concurrent connections, back to back (a closed loop), while department heads open a
// survey report. Second, 200 more employees each open the survey and answer at a random moment
// within five seconds while heads open the report 25 times in the same window (an open loop:
// arrivals do not wait for the server). Every acknowledged answer is checked to be stored exactly
// once. Third, the main pages one after another, each under 10 concurrent connections.
// Latencies are taken from every response (autocannon's own histogram keeps only 2xx).
import fs from "node:fs";
import autocannon from "autocannon";
import { createPrismaClient } from "~/utils/db.server";
import { freePort, prepareSurveyDatabase, startServer } from "../test/reliability/harness";
import { report } from "./lib";
import { startFloorServer } from "./floor-server";

const PEOPLE = 500;
const CONNECTIONS = 200;
const PACED_PEOPLE = 200;
const PACED_WINDOW_MS = 5000;
const PACED_REPORTS = 25;
const PAGE_SECONDS = 3;

/** Nearest-rank percentile of response times in milliseconds. */
function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] * 10) / 10;
}

/** Runs autocannon and keeps every response's status and time. */
async function load(options: autocannon.Options, stopWhen?: Promise<unknown>) {
  const times: number[] = [];
  const statuses = new Map<number, number>();
  let instance!: autocannon.Instance;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
  instance.on("response", (_client, status, _bytes, ms) => {
    times.push(ms);
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  void stopWhen?.then(() => instance.stop());
  const result = await done;
  times.sort((a, b) => a - b);
  const seconds = (result.duration || 1) as number;
  return {
    result,
    statuses,
    count: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    perSecond: Math.round(times.length / seconds),
  };
}

// The floor: the same answers stored by a bare Hono endpoint over the same SQLite settings.
const floor = await measureFloor();

async function measureFloor() {
  const floorSetup = await prepareSurveyDatabase(0, "pulse");
  const floorServer = await startFloorServer(floorSetup.url, floorSetup.surveyId);
  const result = await load({
    url: `http://127.0.0.1:${floorServer.port}`,
    connections: CONNECTIONS,
    amount: PEOPLE,
    requests: [
      { method: "POST", path: "/answers", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: floorSetup.body },
    ],
  });
  await floorServer.close();
  fs.rmSync(floorSetup.dir, { recursive: true, force: true });
  return result;
}

const setup = await prepareSurveyDatabase(PEOPLE + PACED_PEOPLE, "pulse", { demo: true });
const port = await freePort();
const server = await startServer(setup.url, port);
const base = `http://127.0.0.1:${port}`;
const db = createPrismaClient(setup.url);

const { createSession } = await import("~/modules/auth/session.server");
const head = await db.user.findFirstOrThrow({ where: { email: "e000001@ge.example.com" } });
const headCookie = `session=${(await createSession(db, head.id)).token}`;
const closed = await db.survey.findFirstOrThrow({ where: { status: "closed" }, orderBy: { closesAt: "desc" }, select: { id: true } });

// Closed loop: each of PEOPLE respondents first takes a token (with the session, as the survey
// page does when it opens), then 200 connections send answers back to back with the tokens and
// no session.
const tokenStart = performance.now();
const tokenTimes: number[] = [];
for (let i = 0; i < PEOPLE; i += CONNECTIONS) {
  await Promise.all(
    setup.cookies.slice(i, Math.min(PEOPLE, i + CONNECTIONS)).map(async (person) => {
      const start = performance.now();
      if (!(await person.respondent.obtain(port, setup.surveyId))) throw new Error("no token");
      tokenTimes.push(performance.now() - start);
    }),
  );
}
const tokenSeconds = (performance.now() - tokenStart) / 1000;
tokenTimes.sort((a, b) => a - b);

let next = 0;
const acknowledged: string[] = [];
const submitting = load({
  url: base,
  connections: CONNECTIONS,
  amount: PEOPLE,
  requests: [
    {
      method: "POST",
      path: `/anon/surveys/${setup.surveyId}/responses`,
      setupRequest: (request, context) => {
        const person = setup.cookies[next++ % PEOPLE];
        (context as { person?: string }).person = person.employeeId;
        const t = person.respondent.token!;
        return {
          ...request,
          headers: {
            ...request.headers,
            Origin: base,
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Anonymous-Token": `${t.keyId}.${t.token}.${t.signature}`,
          },
          body: setup.body,
        };
      },
      onResponse: (status, _body, context) => {
        if (status === 200) acknowledged.push(String((context as { person?: string }).person ?? ""));
      },
    },
  ],
});
const reading = load({ url: `${base}/reports/${closed.id}`, connections: 10, duration: 60, headers: { Cookie: headCookie } }, submitting);
const [submissions, reports] = await Promise.all([submitting, reading]);

// Let the closed loop's last report pages finish before the open loop starts.
await new Promise((r) => setTimeout(r, 2000));

// Open loop: each of 200 people opens the survey (takes a token: two requests with the session)
// and answers (one request without) at a random moment in the window; report pages are read meanwhile.
const { sendAnswers } = await import("../test/reliability/harness");
const pacedTokenTimes: number[] = [];
const pacedTimes: number[] = [];
const pacedStatuses = new Map<number, number>();
const pacedStart = performance.now();
const pacing = Promise.all(
  setup.cookies.slice(PEOPLE).map(async (person) => {
    await new Promise((r) => setTimeout(r, Math.random() * PACED_WINDOW_MS));
    // Each token request timed on its own: the blinding between them is the browser's work.
    const token = await person.respondent.obtain(port, setup.surveyId, (ms) => pacedTokenTimes.push(ms));
    if (!token) throw new Error("no token");
    const start = performance.now();
    const status = await sendAnswers(port, setup.surveyId, token, setup.body);
    pacedTimes.push(performance.now() - start);
    pacedStatuses.set(status, (pacedStatuses.get(status) ?? 0) + 1);
    if (status === 200) acknowledged.push(person.employeeId);
  }),
);
const pacedReportTimes: number[] = [];
const pacedReading = Promise.all(
  Array.from({ length: PACED_REPORTS }, async () => {
    await new Promise((r) => setTimeout(r, Math.random() * PACED_WINDOW_MS));
    const start = performance.now();
    const response = await fetch(`${base}/reports/${closed.id}`, { headers: { Cookie: headCookie } });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`report page answered ${response.status}`);
    pacedReportTimes.push(performance.now() - start);
  }),
);
await Promise.all([pacing, pacedReading]);
pacedReportTimes.sort((a, b) => a - b);
const pacedSeconds = (performance.now() - pacedStart) / 1000;
pacedTimes.sort((a, b) => a - b);
pacedTokenTimes.sort((a, b) => a - b);

const stored = await db.surveyResponse.count({ where: { surveyId: setup.surveyId } });
const spent = await db.surveySpentToken.count({ where: { surveyId: setup.surveyId } });
const exactlyOnce = stored === spent && stored === acknowledged.length && acknowledged.length === PEOPLE + PACED_PEOPLE;
const fiveXX = (s: Map<number, number>) => [...s].filter(([code]) => code >= 500).reduce((n, [, c]) => n + c, 0);
console.error(
  `submissions: ${acknowledged.length} acknowledged, statuses ${JSON.stringify([...submissions.statuses])}, ${submissions.result.errors} errors; stored ${stored}, spent tokens ${spent}`,
);
report({
  operation: `survey token issuance (key and blind signature, ${CONNECTIONS} at a time): p50/p95/p99 ${percentile(tokenTimes, 50)}/${percentile(tokenTimes, 95)}/${percentile(tokenTimes, 99)} ms per person, ${Math.round(PEOPLE / tokenSeconds)} people/s`,
  size: `${PEOPLE} people`,
  ms: percentile(tokenTimes, 99),
});
report({
  operation: `survey answers with tokens, closed loop (${CONNECTIONS} connections back to back): p50/p95/p99 ${submissions.p50}/${submissions.p95}/${submissions.p99} ms, ${submissions.perSecond} answers/s`,
  size: `${PEOPLE} people`,
  ms: submissions.p99,
  target: `at least half the floor's answers/s (${floor.perSecond}/s → ${Math.ceil(floor.perSecond / 2)}/s)`,
  pass: submissions.perSecond >= floor.perSecond / 2 && submissions.result.errors === 0 && fiveXX(submissions.statuses) === 0,
});
report({
  operation: `floor: bare Hono endpoint storing the same answers in one transaction (${CONNECTIONS} connections back to back): p50/p95/p99 ${floor.p50}/${floor.p95}/${floor.p99} ms, ${floor.perSecond} answers/s`,
  size: `${PEOPLE} answers`,
  ms: floor.p99,
});
const pacedP99 = percentile(pacedTimes, 99);
const pacedTokenP99 = percentile(pacedTokenTimes, 99);
report({
  operation: `open loop (${PACED_PEOPLE} people each opening and answering within ${PACED_WINDOW_MS / 1000} s): token request p50/p99 ${percentile(pacedTokenTimes, 50)}/${pacedTokenP99} ms; answer request p50/p95/p99 ${percentile(pacedTimes, 50)}/${percentile(pacedTimes, 95)}/${pacedP99} ms; ${Math.round(PACED_PEOPLE / pacedSeconds)} people/s`,
  size: `${PACED_PEOPLE} people`,
  ms: Math.max(pacedP99, pacedTokenP99),
  target: "p99 < 100 ms for each request",
  pass: pacedP99 < 100 && pacedTokenP99 < 100 && fiveXX(pacedStatuses) === 0,
});
report({
  operation: `survey report page during the open loop (${PACED_REPORTS} opened within ${PACED_WINDOW_MS / 1000} s): p50/p95/p99 ${percentile(pacedReportTimes, 50)}/${percentile(pacedReportTimes, 95)}/${percentile(pacedReportTimes, 99)} ms`,
  size: "demo department",
  ms: percentile(pacedReportTimes, 99),
});
report({
  operation: `every acknowledged answer stored exactly once (${acknowledged.length} acknowledged, ${stored} stored, ${spent} tokens spent)`,
  size: `${PEOPLE + PACED_PEOPLE} people`,
  ms: 0,
  target: "zero lost or duplicated",
  pass: exactlyOnce,
});
report({
  operation: `survey report page during the closed loop (10 connections): p50/p95/p99 ${reports.p50}/${reports.p95}/${reports.p99} ms, ${reports.count} pages`,
  size: "demo department",
  ms: reports.p99,
  pass: reports.statuses.get(200) === reports.count,
});

// The main pages, each alone under 10 concurrent connections.
const pages = [
  "/",
  "/surveys",
  "/reports",
  `/reports/${closed.id}`,
  "/manage/suggestions",
  "/kpi",
  "/pay",
  "/careers/cycles",
  "/training/reports",
  "/rotations/reports",
];
for (const page of pages) {
  const r = await load({ url: `${base}${page}`, connections: 10, duration: PAGE_SECONDS, headers: { Cookie: headCookie } });
  report({
    operation: `page ${page.replace(closed.id, ":id")} (head, 10 connections): p50/p95/p99 ${r.p50}/${r.p95}/${r.p99} ms, ${r.perSecond} req/s`,
    size: `${r.count} pages`,
    ms: r.p99,
    pass: r.statuses.get(200) === r.count,
  });
}
server.child.kill("SIGKILL");
await db.$disconnect();
fs.rmSync(setup.dir, { recursive: true, force: true });
