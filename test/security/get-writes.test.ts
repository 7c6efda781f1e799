import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "~/modules/auth/roles";
import { db } from "~/utils/db.server";
import { seedDemo } from "../../prisma/seed/index";
import { client, signedIn, testApp, userFor, type Client } from "../utils";
import { routesOf, withMissingParams, type RouteInfo } from "./routes";
import { fingerprint } from "./fingerprint";
import { withRealParams } from "./real-params";

// No state change on GET: every page loader, opened by every role (and anonymously) on real
// records of the full demo, with and without `?lng=`, leaves every table as it was. Sessions
// (sliding renewal) and sign-in throttle counters are the only rows a GET may touch. Background
// work (closing surveys, keeping KPI totals) is the scheduler's: test/http/no-loader-writes.test.ts
// walks the pages again with all of it overdue.
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

describe("no state change on GET", () => {
  it("every loader × every role × real and missing records × ?lng= leaves every table unchanged", async () => {
    const pages = routes.filter((r) => r.hasLoader);
    expect(pages.length).toBeGreaterThan(40);
    let realRecords = 0;
    const before = await fingerprint();
    for (const route of pages) {
      const real = await withRealParams(route.path, ctx);
      if (route.params.length > 0 && !real.includes("zzzznotfound")) realRecords++;
      const urls = [...new Set([real, `${real}?lng=en`, withMissingParams(route.path)])];
      for (const role of Object.keys(users) as (keyof typeof users)[]) {
        for (const url of urls) {
          const response = await users[role].get(url);
          expect(response.status, `${role} GET ${url}`).toBeLessThan(500);
          // Read each page to its end: a large body left unread stalls its render until the server aborts it.
          await response.arrayBuffer();
        }
      }
    }
    // One fingerprint of every table before and after the whole walk (hashing the full demo
    // per route would take minutes); a failure names the tables, the walk's order finds the route.
    const after = await fingerprint();
    const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
    expect(changed, `a GET changed ${changed.join(", ")}`).toEqual([]);
    // The walk reached real records on most parameterised pages, not only 404s.
    expect(realRecords).toBeGreaterThan(15);
  }, 600_000);
});
