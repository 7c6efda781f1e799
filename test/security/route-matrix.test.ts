import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { beforeAll, describe, expect, it } from "vitest";
import { NAV_ITEMS } from "~/components/navigation";
import { roleHas, type Role } from "~/modules/auth/roles";
import { client, demoOrg, signedIn, testApp, userFor, type Client } from "../utils";
import { actionUrl, PUBLIC_PATHS, routesOf, withMissingParams, type RouteInfo } from "./routes";
import { fingerprint } from "./fingerprint";

let app: Awaited<ReturnType<typeof testApp>>;
let routes: RouteInfo[];
const users = {} as Record<Role, Client>;

beforeAll(async () => {
  app = await testApp();
  const build = (await import(path.resolve(process.env.BUILD_DIR ?? "build", "server/index.js"))) as ServerBuild;
  routes = routesOf(build);
  await demoOrg();
  const accounts: [Role, string, string?][] = [
    ["employee", "E000004"],
    ["dept_head", "E000002", "JC-GE-FIN"],
    ["hr_admin", "E000003"],
    ["sysadmin", "E000006"],
  ];
  for (const [role, no, scope] of accounts) users[role] = await signedIn(app, await userFor(no, role, scope));
}, 120_000);

const isPublic = (p: string) => PUBLIC_PATHS.some((re) => re.test(p));

describe("every page route × every role", () => {
  it("sends anonymous visitors to sign in on every private page", async () => {
    const anonymous = client(app);
    for (const route of routes.filter((r) => r.hasLoader && !isPublic(withMissingParams(r.path)))) {
      const response = await anonymous.get(withMissingParams(route.path));
      expect(`${route.path} ${response.status}`).toBe(`${route.path} 302`);
      expect(response.headers.get("location")).toMatch(/^\/login/);
    }
  });

  it("never answers 500, and refuses navigation pages to roles without their permission", async () => {
    for (const route of routes.filter((r) => r.hasLoader)) {
      for (const role of Object.keys(users) as Role[]) {
        const response = await users[role].get(withMissingParams(route.path));
        expect(response.status, `${role} GET ${route.path}`).not.toBe(500);
        const nav = NAV_ITEMS.find((n) => n.to === route.path);
        if (nav?.permission && !roleHas(role, nav.permission)) {
          expect(response.status, `${role} GET ${route.path} (needs ${nav.permission})`).toBe(403);
        }
      }
    }
  }, 120_000);
});

const GARBAGE: Record<string, string>[] = [
  {},
  { intent: "💥".repeat(10) },
  { intent: "x".repeat(100_000), name: "x".repeat(100_000) },
  {
    amountFen: "1e309",
    value: "NaN",
    weight: "-1",
    count: "0.5",
    id: "../../etc/passwd",
    role: "sysadmin",
    userId: "u1",
    employeeId: "e1",
  },
  { intent: "delete", id: "' OR 1=1 --" },
];

describe("every action × every role × garbage", () => {
  it("answers garbage with 4xx (or a redirect), never 500, and writes nothing", async () => {
    const actions = routes.filter((r) => r.hasAction && r.path !== "/logout" && r.path !== "/login");
    expect(actions.length).toBeGreaterThan(3);
    for (const route of actions) {
      const before = await fingerprint();
      for (const role of Object.keys(users) as Role[]) {
        for (const body of GARBAGE) {
          const response = await users[role].post(actionUrl(route), body);
          expect(response.status, `${role} POST ${route.path} ${JSON.stringify(body).slice(0, 80)}`).toBeLessThan(500);
        }
      }
      expect(await fingerprint(), `POST ${route.path} wrote something`).toEqual(before);
    }
  }, 300_000);
});

describe("every action from another site", () => {
  it("refuses every action and API write with a foreign Origin, Sec-Fetch-Site: cross-site, or neither, and writes nothing", async () => {
    const before = await fingerprint();
    const hr = users.hr_admin;
    const writes = [
      ...routes.filter((r) => r.hasAction).map(actionUrl),
      "/api/v1/employees/upsert",
      "/api/v1/units/upsert",
      // Served by Hono directly: token requests and anonymous submissions.
      "/surveys/any-survey/token",
      "/suggestions/token",
      "/anon/surveys/any-survey/responses",
    ];
    const variants: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { Origin: "null" },
      { "Sec-Fetch-Site": "cross-site" },
      {},
    ];
    for (const path of writes) {
      for (const headers of variants) {
        const response = await app.request(path, {
          method: "POST",
          headers: { Cookie: hr.cookie!, "Content-Type": "application/x-www-form-urlencoded", ...headers },
          body: new URLSearchParams({ intent: "save", name: "cross-site" }),
        });
        expect(response.status, `POST ${path} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await fingerprint()).toEqual(before);
  }, 300_000);
});
