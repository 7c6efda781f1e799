import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/modules/auth/roles";
import { db } from "~/utils/db.server";
import { seedDemo } from "../../prisma/seed/index";
import { client, signedIn, testApp, userFor, type Client } from "../utils";
import { routesOf, withMissingParams, type RouteInfo } from "./routes";
import { fingerprint } from "./fingerprint";

// No state change on GET: every page loader, opened by every role (and anonymously) on real
// records of the full demo, with and without `?lng=`, leaves every table as it was. Sessions
// (sliding renewal) and sign-in throttle counters are the only rows a GET may touch, besides
// the kept KPI quarter totals: a derived copy of closed quarters' scores that a report brings up
// to date when employees changed (docs/ARCHITECTURE.md, "Kept figures"); nobody's data changes.
const DERIVED = ["KpiPeriodTotal", "KpiPeriodTotalsState"];
let app: Awaited<ReturnType<typeof testApp>>;
let routes: RouteInfo[];
const users = {} as Record<Role | "anonymous", Client>;
let ctx: Awaited<ReturnType<typeof seedDemo>>;

beforeAll(async () => {
  app = await testApp();
  const build = (await import(path.resolve(process.env.BUILD_DIR ?? "build", "server/index.js"))) as ServerBuild;
  routes = routesOf(build);
  ctx = await seedDemo(db);
  const accounts: [Role, string][] = [
    ["employee", "E000004"],
    ["dept_head", "E000002"],
    ["hr_admin", "E000003"],
    ["sysadmin", "E000006"],
  ];
  for (const [role, no] of accounts) users[role] = await signedIn(app, await userFor(no));
  users.anonymous = client(app);
}, 300_000);


const first = async (find: () => Promise<{ id?: string; code?: string } | null>) => {
  const row = await find();
  return row ? (row.id ?? row.code ?? null) : null;
};

/** A real value for a route parameter, chosen by the path segment before it (or its own name). */
async function sample(segment: string, param: string): Promise<string | null> {
  const employee = () => first(() => db.employee.findUnique({ where: { employeeNo: "E000004" }, select: { id: true } }));
  switch (param === "employeeId" ? "employees" : segment) {
    case "kpi-feeds": return first(() => db.kpiFeed.findFirst({ select: { id: true } }));
    case "surveys":
    case "reports": return first(() => db.survey.findFirst({ orderBy: { closesAt: "asc" }, select: { id: true } }));
    case "users": return ctx.userId.get("E000004") ?? null;
    case "cycles": return first(() => db.promotionCycle.findFirst({ select: { id: true } }));
    case "employees":
    case "people": return employee();
    case "levels": return first(() => db.careerLevel.findFirst({ select: { code: true } }));
    case "periods": return first(() => db.appraisalPeriod.findFirst({ orderBy: { endsOn: "desc" }, select: { id: true } }));
    case "plans": return first(() => db.position.findUnique({ where: { code: "AM" }, select: { id: true } }));
    case "suggestions": return first(() => db.suggestion.findFirst({ select: { id: true } }));
    case "units": return ctx.unitId.get("JC-GE-FIN") ?? null;
    case "payslips":
    case "runs": return first(() => db.payRun.findFirst({ orderBy: { createdAt: "asc" }, select: { id: true } }));
    case "schemes": return first(() => db.payScheme.findFirst({ select: { code: true } }));
    case "assignments": return first(() => db.rotationAssignment.findFirst({ select: { id: true } }));
    case "programmes": return first(() => db.rotationProgramme.findFirst({ select: { id: true } }));
    case "assessments": return first(() => db.trainingBehaviourAssessment.findFirst({ select: { id: true } }));
    case "courses": return first(() => db.trainingCourse.findFirst({ select: { id: true } }));
    case "sessions": return first(() => db.trainingSession.findFirst({ select: { id: true } }));
    default: return null;
  }
}

async function withRealParams(routePath: string) {
  const segments = routePath.split("/");
  for (let i = 0; i < segments.length; i++) {
    const m = /^:(\w+)$/.exec(segments[i]!);
    if (!m) continue;
    const value = await sample(segments[i - 1] ?? "", m[1]!);
    segments[i] = value ?? "zzzznotfound0000000000000";
  }
  return segments.join("/");
}

describe("no state change on GET", () => {
  it("every loader × every role × real and missing records × ?lng= leaves every table unchanged", async () => {
    const pages = routes.filter((r) => r.hasLoader);
    expect(pages.length).toBeGreaterThan(40);
    let realRecords = 0;
    const before = await fingerprint();
    for (const route of pages) {
      const real = await withRealParams(route.path);
      if (route.params.length > 0 && !real.includes("zzzznotfound")) realRecords++;
      const urls = [...new Set([real, `${real}?lng=en`, withMissingParams(route.path)])];
      for (const role of Object.keys(users) as (keyof typeof users)[]) {
        for (const url of urls) {
          const response = await users[role].get(url);
          expect(response.status, `${role} GET ${url}`).toBeLessThan(500);
        }
      }
    }
    // One fingerprint of every table before and after the whole walk (hashing the full demo
    // per route would take minutes); a failure names the tables, the walk's order finds the route.
    const after = await fingerprint();
    const changed = Object.keys(before).filter((t) => before[t] !== after[t] && !DERIVED.includes(t));
    expect(changed, `a GET changed ${changed.join(", ")}`).toEqual([]);
    // The walk reached real records on most parameterised pages, not only 404s.
    expect(realRecords).toBeGreaterThan(15);
  }, 600_000);
});
