import crypto from "node:crypto";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/modules/auth/session.server";
import { keptTotalsState } from "~/modules/kpi/period-totals.server";
import { runJob } from "~/server/jobs/scheduler.server";
import { dictionaries } from "~/locales";
import { db, dialectOf, sqlRead } from "~/utils/db.server";
import { seedDemo } from "../../prisma/seed/index";
import { routesOf, type RouteInfo } from "../security/routes";
import { NOT_FOUND_ID, sample, withRealParams } from "../security/real-params";
import { client, signedIn, testApp, userFor, type Client } from "../utils";

// Reads never write, even with all the background work overdue: a survey past its closing time
// and still open, closed quarters' kept KPI totals out of date (an employee changed), a
// behaviour assessment due and not yet requested, an expired session presented by a browser.
// Every page of the build is opened by every demo role on real records; then every table must
// be exactly as before, row for row. The one column left out is Session.expiresAt: a GET may
// renew a sliding session (these were created just before the walk, so none is renewed here).
// The jobs then do what the pages used to (proving the data was overdue).

let app: Awaited<ReturnType<typeof testApp>>;
let routes: RouteInfo[];
let ctx: Awaited<ReturnType<typeof seedDemo>>;
const users: Record<string, Client> = {};
let dueSurveyId: string;
let assessmentId: string;
let stalePeriods: string[];
let expiredSession: string;

/** Every table: its row count and a hash of all its rows in a fixed order (Session without expiresAt). */
async function snapshot() {
  const postgres = dialectOf(db) === "postgres";
  const tables = await sqlRead<{ name: string }>(
    db,
    postgres
      ? `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`
      : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const columns = (
      await sqlRead<{ name: string }>(
        db,
        postgres
          ? `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? ORDER BY ordinal_position`
          : `SELECT name FROM pragma_table_info(?)`,
        [name],
      )
    )
      .map((c) => c.name)
      .filter((c) => !(name === "Session" && c === "expiresAt"));
    const rows = await sqlRead(
      db,
      `SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "${name}" ORDER BY ${columns.map((_, i) => i + 1).join(", ")}`,
    );
    const hash = crypto
      .createHash("sha256")
      .update(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v)))
      .digest("hex");
    result[name] = `${rows.length}:${hash}`;
  }
  return result;
}

beforeAll(async () => {
  app = await testApp();
  const build = (await import(path.resolve(process.env.BUILD_DIR ?? "build", "server/index.js"))) as ServerBuild;
  routes = routesOf(build);
  ctx = await seedDemo(db);
  const accounts: [string, string][] = [
    ["employee", "E000004"],
    ["employee (support)", "E000005"],
    ["dept_head (department)", "E000001"],
    ["dept_head (room)", "E000002"],
    ["hr_admin", "E000003"],
    ["sysadmin", "E000006"],
  ];
  for (const [who, no] of accounts) users[who] = await signedIn(app, await userFor(no));
  users.anonymous = client(app);

  // A survey past its closing time, still open: only the job closes it.
  const open = await db.survey.findFirstOrThrow({
    where: {
      status: "open",
      participations: { some: { employeeId: (await db.employee.findUniqueOrThrow({ where: { employeeNo: "E000004" } })).id } },
    },
    select: { id: true },
  });
  dueSurveyId = open.id;
  await db.survey.update({ where: { id: dueSurveyId }, data: { closesAt: new Date(Date.now() - 60 * 60 * 1000) } });

  // Closed quarters' kept totals, then an employee changes: every kept quarter is out of date.
  await runJob("kpi.periodTotals");
  const closed = await db.appraisalPeriod.findMany({ where: { status: "closed" }, select: { id: true } });
  const someone = await db.employee.findFirstOrThrow({
    where: { active: true, employeeNo: { notIn: accounts.map(([, no]) => no) } },
    orderBy: { employeeNo: "desc" },
    select: { id: true },
  });
  await db.employee.update({ where: { id: someone.id }, data: { active: false } });
  stalePeriods = [];
  for (const { id } of closed) if ((await keptTotalsState(db, id)) === "stale") stalePeriods.push(id);

  // A behaviour assessment that fell due and was not requested.
  const assessment = await db.trainingBehaviourAssessment.findFirstOrThrow({ select: { id: true } });
  assessmentId = assessment.id;
  await db.trainingBehaviourAssessment.update({
    where: { id: assessmentId },
    data: {
      requestedAt: null,
      submittedAt: null,
      dueFrom: new Date(Date.now() - 24 * 60 * 60 * 1000),
      dueUntil: new Date(Date.now() + 30 * 24 * 60 * 60 * 1000),
    },
  });

  // A browser that still presents a session that expired an hour ago.
  const userId = ctx.userId.get("E000004")!;
  const old = await createSession(db, userId, new Date(Date.now() - 13 * 60 * 60 * 1000));
  expiredSession = old.token.split(".")[0]!;
  users["expired session"] = client(app, `session=${old.token}`);
}, 300_000);

/** The URLs of a page: its real records, and for a survey's pages the overdue survey too. */
async function urlsOf(route: RouteInfo) {
  const urls = new Set([await withRealParams(route.path, ctx)]);
  if (/\/(surveys|reports)\/:/.test(route.path)) {
    urls.add(
      await withRealParams(route.path, ctx, (segment, param, c) =>
        segment === "surveys" || segment === "reports" ? Promise.resolve(dueSurveyId) : sample(segment, param, c),
      ),
    );
  }
  return [...urls];
}

describe("no write from a page read, with the background work overdue", () => {
  it("every page as every role leaves every table unchanged; the jobs then do the work", async () => {
    expect(stalePeriods.length, "the demo's closed quarters were made out of date").toBeGreaterThan(0);
    const pages = routes.filter((r) => r.hasLoader);
    expect(pages.length).toBeGreaterThan(40);
    const before = await snapshot();
    let requests = 0;
    let real = 0;
    let ok = 0;
    for (const route of pages) {
      for (const url of await urlsOf(route)) {
        if (route.params.length > 0 && !url.includes(NOT_FOUND_ID)) real++;
        for (const [who, user] of Object.entries(users)) {
          const response = await user.get(url);
          await response.arrayBuffer();
          requests++;
          if (response.status === 200) ok++;
          expect(response.status, `${who} GET ${url}`).toBeLessThan(500);
        }
      }
    }
    const after = await snapshot();
    const changed = Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
    expect(changed, `a GET changed ${changed.join(", ")}`).toEqual([]);
    expect(real).toBeGreaterThan(15);
    expect(ok).toBeGreaterThan(100);
    expect(requests).toBeGreaterThan(300);

    // The survey read as closed to its respondent, without being closed.
    const page = await (await users.employee.get(`/surveys/${dueSurveyId}`)).text();
    expect((await db.survey.findUniqueOrThrow({ where: { id: dueSurveyId } })).status).toBe("open");
    expect(page).toContain(dictionaries["zh-CN"]["surveys.answer.closed"]);

    // The work was overdue: the jobs do it.
    expect(await runJob("surveys.close")).toMatchObject({ ran: true, ok: true });
    expect(await db.survey.findUniqueOrThrow({ where: { id: dueSurveyId } })).toMatchObject({ status: "closed" });
    expect(await db.surveyResultSet.count({ where: { surveyId: dueSurveyId } })).toBe(1);
    expect(await runJob("kpi.periodTotals")).toMatchObject({ ran: true, ok: true });
    for (const id of stalePeriods) expect(await keptTotalsState(db, id)).toBe("holds");
    expect(await runJob("training.behaviourRequests")).toMatchObject({ ran: true, ok: true });
    expect((await db.trainingBehaviourAssessment.findUniqueOrThrow({ where: { id: assessmentId } })).requestedAt).not.toBeNull();
    expect(await runJob("sessions.purge")).toMatchObject({ ran: true, ok: true });
    expect(await db.session.count({ where: { id: expiredSession } })).toBe(0);
  }, 900_000);
});
