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
// With BENCH_DATABASE=postgres (survey-load-postgres.bench.ts) the same runs against two app
// processes sharing one PostgreSQL database, the load split evenly between them (as a proxy
// would), so that `npm run bench -- survey-load` prints both side by side. The floor is SQLite's.
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

/**
 * Runs autocannon against every server at once, the connections (and a fixed amount of
 * requests) split evenly, as a proxy in front of them would; keeps every response's status and time.
 */
async function loadAll(urls: string[], optionsFor: (url: string) => Omit<autocannon.Options, "url">, stopWhen?: Promise<unknown>) {
  if (urls.length === 1) return load({ ...optionsFor(urls[0]), url: urls[0] }, stopWhen);
  const parts = await Promise.all(
    urls.map((url, i) => {
      const options = optionsFor(url);
      return load(
        {
          ...options,
          url,
          connections: Math.ceil((options.connections ?? 10) / urls.length),
          ...(options.amount ? { amount: Math.floor(options.amount / urls.length) + (i < options.amount % urls.length ? 1 : 0) } : {}),
        },
        stopWhen,
      );
    }),
  );
  const statuses = new Map<number, number>();
  for (const p of parts) for (const [code, n] of p.statuses) statuses.set(code, (statuses.get(code) ?? 0) + n);
  return summary(
    { ...parts[0].result, errors: parts.reduce((n, p) => n + p.result.errors, 0) },
    statuses,
    parts.flatMap((p) => p.times),
    Math.max(...parts.map((p) => (p.result.duration || 1) as number)),
  );
}

/** A load's figures from every response's status and time. */
function summary(result: autocannon.Result, statuses: Map<number, number>, times: number[], seconds: number) {
  times.sort((a, b) => a - b);
  return {
    result,
    statuses,
    times,
    count: times.length,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    p99: percentile(times, 99),
    perSecond: Math.round(times.length / seconds),
  };
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
  return summary(result, statuses, times, (result.duration || 1) as number);
}

const POSTGRES = process.env.BENCH_DATABASE === "postgres";
const WHERE = POSTGRES ? "PostgreSQL, 2 processes" : "SQLite, 1 process";

// The floor: the same answers stored by a bare Hono endpoint over the same SQLite settings.
const floor = POSTGRES ? null : await measureFloor();

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
const servers = await Promise.all(
  Array.from({ length: POSTGRES ? 2 : 1 }, async () => {
    const port = await freePort();
    return { port, base: `http://127.0.0.1:${port}`, server: await startServer(setup.url, port) };
  }),
);
const bases = servers.map((s) => s.base);
/** The server a person's requests go to (a proxy keeps no session affinity here: the two share the database). */
const portOf = (n: number) => servers[n % servers.length].port;
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
    setup.cookies.slice(i, Math.min(PEOPLE, i + CONNECTIONS)).map(async (person, k) => {
      const start = performance.now();
      if (!(await person.respondent.obtain(portOf(i + k), setup.surveyId))) throw new Error("no token");
      tokenTimes.push(performance.now() - start);
    }),
  );
}
const tokenSeconds = (performance.now() - tokenStart) / 1000;
tokenTimes.sort((a, b) => a - b);

let next = 0;
const acknowledged: string[] = [];
const submitting = loadAll(bases, (base) => ({
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
}));
const reading = loadAll(
  bases.map((b) => `${b}/reports/${closed.id}`),
  () => ({ connections: 10, duration: 60, headers: { Cookie: headCookie } }),
  submitting,
);
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
  setup.cookies.slice(PEOPLE).map(async (person, n) => {
    await new Promise((r) => setTimeout(r, Math.random() * PACED_WINDOW_MS));
    // Each token request timed on its own: the blinding between them is the browser's work.
    const token = await person.respondent.obtain(portOf(n), setup.surveyId, (ms) => pacedTokenTimes.push(ms));
    if (!token) throw new Error("no token");
    const start = performance.now();
    const status = await sendAnswers(portOf(n + 1), setup.surveyId, token, setup.body);
    pacedTimes.push(performance.now() - start);
    pacedStatuses.set(status, (pacedStatuses.get(status) ?? 0) + 1);
    if (status === 200) acknowledged.push(person.employeeId);
  }),
);
const pacedReportTimes: number[] = [];
const pacedReading = Promise.all(
  Array.from({ length: PACED_REPORTS }, async (_, n) => {
    await new Promise((r) => setTimeout(r, Math.random() * PACED_WINDOW_MS));
    const start = performance.now();
    const response = await fetch(`${bases[n % bases.length]}/reports/${closed.id}`, { headers: { Cookie: headCookie } });
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
  operation: `[${WHERE}] survey token issuance (key and blind signature, ${CONNECTIONS} at a time): p50/p95/p99 ${percentile(tokenTimes, 50)}/${percentile(tokenTimes, 95)}/${percentile(tokenTimes, 99)} ms per person, ${Math.round(PEOPLE / tokenSeconds)} people/s`,
  size: `${PEOPLE} people`,
  ms: percentile(tokenTimes, 99),
});
report({
  operation: `[${WHERE}] survey answers with tokens, closed loop (${CONNECTIONS} connections back to back): p50/p95/p99 ${submissions.p50}/${submissions.p95}/${submissions.p99} ms, ${submissions.perSecond} answers/s`,
  size: `${PEOPLE} people`,
  ms: submissions.p99,
  ...(floor
    ? {
        target: `at least half the floor's answers/s (${floor.perSecond}/s → ${Math.ceil(floor.perSecond / 2)}/s)`,
        pass: submissions.perSecond >= floor.perSecond / 2 && submissions.result.errors === 0 && fiveXX(submissions.statuses) === 0,
      }
    : { pass: submissions.result.errors === 0 && fiveXX(submissions.statuses) === 0 }),
});
if (floor)
  report({
    operation: `[${WHERE}] floor: bare Hono endpoint storing the same answers in one transaction (${CONNECTIONS} connections back to back): p50/p95/p99 ${floor.p50}/${floor.p95}/${floor.p99} ms, ${floor.perSecond} answers/s`,
    size: `${PEOPLE} answers`,
    ms: floor.p99,
  });
const pacedP99 = percentile(pacedTimes, 99);
const pacedTokenP99 = percentile(pacedTokenTimes, 99);
report({
  operation: `[${WHERE}] open loop (${PACED_PEOPLE} people each opening and answering within ${PACED_WINDOW_MS / 1000} s): token request p50/p99 ${percentile(pacedTokenTimes, 50)}/${pacedTokenP99} ms; answer request p50/p95/p99 ${percentile(pacedTimes, 50)}/${percentile(pacedTimes, 95)}/${pacedP99} ms; ${Math.round(PACED_PEOPLE / pacedSeconds)} people/s`,
  size: `${PACED_PEOPLE} people`,
  ms: Math.max(pacedP99, pacedTokenP99),
  target: "p99 < 100 ms for each request",
  pass: pacedP99 < 100 && pacedTokenP99 < 100 && fiveXX(pacedStatuses) === 0,
});
report({
  operation: `[${WHERE}] survey report page during the open loop (${PACED_REPORTS} opened within ${PACED_WINDOW_MS / 1000} s): p50/p95/p99 ${percentile(pacedReportTimes, 50)}/${percentile(pacedReportTimes, 95)}/${percentile(pacedReportTimes, 99)} ms`,
  size: "demo department",
  ms: percentile(pacedReportTimes, 99),
});
report({
  operation: `[${WHERE}] every acknowledged answer stored exactly once (${acknowledged.length} acknowledged, ${stored} stored, ${spent} tokens spent)`,
  size: `${PEOPLE + PACED_PEOPLE} people`,
  ms: 0,
  target: "zero lost or duplicated",
  pass: exactlyOnce,
});
report({
  operation: `[${WHERE}] survey report page during the closed loop (10 connections): p50/p95/p99 ${reports.p50}/${reports.p95}/${reports.p99} ms, ${reports.count} pages`,
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
  const r = await loadAll(
    bases.map((b) => `${b}${page}`),
    () => ({ connections: 10, duration: PAGE_SECONDS, headers: { Cookie: headCookie } }),
  );
  report({
    operation: `[${WHERE}] page ${page.replace(closed.id, ":id")} (head, 10 connections): p50/p95/p99 ${r.p50}/${r.p95}/${r.p99} ms, ${r.perSecond} req/s`,
    size: `${r.count} pages`,
    ms: r.p99,
    pass: r.statuses.get(200) === r.count,
  });
}
for (const s of servers) s.server.child.kill("SIGKILL");
await db.$disconnect();
fs.rmSync(setup.dir, { recursive: true, force: true });
