import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/modules/auth/roles";
import { db } from "~/utils/db.server";
import { seedDemo } from "../../prisma/seed/index";
import { signedIn, testApp, userFor, type Client } from "../utils";
import { routesOf, withMissingParams, type RouteInfo } from "./routes";

let app: Awaited<ReturnType<typeof testApp>>;
let routes: RouteInfo[];
const users = {} as Record<Role, Client>;
/** A real record for each route parameter, so that pages render their full, mostly Chinese, content. */
const real = new Map<string, string>();

const first = async (rows: Promise<{ id: string } | null>) => (await rows)?.id;

beforeAll(async () => {
  app = await testApp();
  const build = (await import(path.resolve(process.env.BUILD_DIR ?? "build", "server/index.js"))) as ServerBuild;
  routes = routesOf(build);
  const log = console.log;
  console.log = () => {};
  try {
    await seedDemo(db);
  } finally {
    console.log = log;
  }
  const accounts: [Role, string, string?][] = [
    ["employee", "E000004"],
    ["dept_head", "E000002", "JC-GE-FIN"],
    ["hr_admin", "E000003"],
    ["sysadmin", "E000006"],
  ];
  for (const [role, no, scope] of accounts) users[role] = await signedIn(app, await userFor(no, role, scope));

  const run = await db.payRun.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } });
  const line = run
    ? await db.payLine.findFirst({ where: { runId: run.id, employee: { employeeNo: "E000004" } }, select: { employeeId: true } })
    : null;
  const period = await db.appraisalPeriod.findFirst({ where: { status: "open" }, select: { id: true } });
  const employee = await db.employee.findUniqueOrThrow({ where: { employeeNo: "E000004" }, select: { id: true, positionId: true } });
  const survey = await first(db.survey.findFirst({ where: { status: "closed" }, select: { id: true } }));
  const ids: [string, string | undefined][] = [
    ["/admin/kpi-feeds/:id", await first(db.kpiFeed.findFirst({ select: { id: true } }))],
    ["/admin/surveys/:id", survey],
    ["/surveys/:id", await first(db.survey.findFirst({ where: { status: "open" }, select: { id: true } }))],
    ["/reports/:surveyId", survey],
    ["/careers/cycles/:id", await first(db.promotionCycle.findFirst({ select: { id: true } }))],
    ["/careers/employees/:id", employee.id],
    ["/careers/levels/:code", (await db.careerLevel.findFirst({ select: { code: true } }))?.code],
    ["/kpi/periods/:periodId", period?.id],
    ["/employees/:employeeId", employee.id],
    ["/plans/:positionId", employee.positionId],
    ["/manage/suggestions/:id", await first(db.suggestion.findFirst({ select: { id: true } }))],
    ["/suggestions/:id", await first(db.suggestion.findFirst({ select: { id: true } }))],
    ["/org/employees/:id", employee.id],
    ["/org/units/:id", await first(db.unit.findFirst({ where: { code: "JC-GE-FIN" }, select: { id: true } }))],
    ["/pay/payslips/:runId", run?.id],
    ["/:employeeId", line?.employeeId],
    ["/pay/runs/:id", run?.id],
    ["/pay/schemes/:code", (await db.payScheme.findFirst({ select: { code: true } }))?.code],
    ["/rotations/assignments/:id", await first(db.rotationAssignment.findFirst({ select: { id: true } }))],
    ["/rotations/programmes/:id", await first(db.rotationProgramme.findFirst({ select: { id: true } }))],
    ["/training/assessments/:id", await first(db.trainingBehaviourAssessment.findFirst({ select: { id: true } }))],
    ["/training/courses/:id", await first(db.trainingCourse.findFirst({ select: { id: true } }))],
    ["/training/people/:id", employee.id],
    ["/training/sessions/:id", await first(db.trainingSession.findFirst({ select: { id: true } }))],
  ];
  for (const [key, value] of ids) if (value) real.set(key, encodeURIComponent(value));
}, 300_000);

/** The route's path with each parameter filled from a real record where one is known. */
function realPath(routePath: string) {
  let filled = routePath;
  for (const [key, value] of real) {
    const param = key.slice(key.lastIndexOf(":"));
    const at = filled.indexOf(key);
    if (at !== -1) filled = filled.slice(0, at) + key.replace(param, value) + filled.slice(at + key.length);
  }
  return withMissingParams(filled);
}

describe("every page × every role", () => {
  it("never sends U+0000 (React 18's streaming buffer boundaries), on pages full of Chinese text", async () => {
    const pages = routes.filter((r) => r.hasLoader && !r.path.endsWith(".csv") && !r.path.endsWith("csv") && r.path !== "/logout");
    let rendered = 0;
    for (const route of pages) {
      for (const role of Object.keys(users) as Role[]) {
        const url = realPath(route.path);
        const response = await users[role].get(url);
        const body = await response.text();
        expect(body.includes("\u0000"), `${role} GET ${url} (${response.status}) holds U+0000 at ${body.indexOf("\u0000")}`).toBe(false);
        if (response.status === 200 && body.length > 8_192) rendered++;
      }
    }
    // Most pages render in full for someone (not only 403s and 404s), most of them well past 8 KB.
    expect(rendered).toBeGreaterThan(pages.length);
  }, 300_000);
});
