import path from "node:path";
import fs from "node:fs";
import type { ServerBuild } from "@remix-run/node";
import { createApp } from "~/server/app";
import { db } from "~/utils/db.server";
import { hashPassword } from "~/modules/auth/password.server";
import { seedOrganisation } from "../prisma/seed/index";
import type { Role } from "~/modules/auth/roles";

export const ORIGIN = "http://localhost";

/** Lets the next `n` console.error calls pass (for tests that expect one). */
export function allowConsoleError(n = 1) {
  (globalThis as unknown as { allowConsoleError: (n?: number) => void }).allowConsoleError(n);
}

let build: ServerBuild | undefined;

/** The Hono app over the real Remix build (run `npm run build` first; `npm test` does). */
export async function testApp() {
  if (!build) {
    const file = path.resolve(process.env.BUILD_DIR ?? "build", "server/index.js");
    if (!fs.existsSync(file)) throw new Error("No Remix build: run `npm run build` before the tests (npm test does).");
    build = (await import(file)) as ServerBuild;
  }
  const app = createApp({ build, mode: "production" });
  // Like a browser, always send Host (Remix compares it with Origin on actions).
  const request = app.request.bind(app);
  app.request = ((input: string | Request | URL, init?: RequestInit, ...rest: unknown[]) => {
    const headers = new Headers(init?.headers);
    if (!headers.has("host")) headers.set("host", new URL(ORIGIN).host);
    return (request as (...a: unknown[]) => Response | Promise<Response>)(input, { ...init, headers }, ...rest);
  }) as typeof app.request;
  return app;
}

let seeded: Awaited<ReturnType<typeof seedOrganisation>> | undefined;

/** The demo organisation, seeded once per test file. */
export async function demoOrg() {
  seeded ??= await seedOrganisation(db);
  return seeded;
}

export const TEST_PASSWORD = "correct horse battery staple";
let testHash: Promise<string> | undefined;

/** Gives a user a known password and, optionally, a role. Returns the user's e-mail. */
export async function userFor(employeeNo: string, role?: Role, scopeUnitCode?: string) {
  testHash ??= hashPassword(TEST_PASSWORD);
  const employee = await db.employee.findUniqueOrThrow({ where: { employeeNo }, select: { id: true, email: true } });
  const scopeUnitId = scopeUnitCode ? (await db.unit.findUniqueOrThrow({ where: { code: scopeUnitCode } })).id : undefined;
  await db.user.update({
    where: { employeeId: employee.id },
    data: {
      passwordHash: await testHash,
      ...(role ? { role } : {}),
      ...(scopeUnitId !== undefined ? { scopeUnitId } : {}),
      disabled: false,
    },
  });
  return employee.email;
}

export type Client = Awaited<ReturnType<typeof signedIn>>;

/** A cookie-carrying client for the app, signed in as the given e-mail. */
export async function signedIn(app: Awaited<ReturnType<typeof testApp>>, email: string, password = TEST_PASSWORD) {
  const response = await app.request("/login", {
    method: "POST",
    headers: { Origin: ORIGIN, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .find((c) => c.startsWith("session="));
  if (!cookie) throw new Error(`sign-in failed for ${email}: ${response.status}`);
  return client(app, cookie);
}

export function client(app: Awaited<ReturnType<typeof testApp>>, cookie?: string) {
  const headers = (extra?: HeadersInit) => {
    const h = new Headers(extra);
    if (cookie) h.set("Cookie", cookie);
    return h;
  };
  return {
    cookie,
    get: (url: string, init?: RequestInit) => app.request(url, { ...init, headers: headers(init?.headers) }),
    post: (url: string, body: Record<string, string> | URLSearchParams | FormData, init?: RequestInit) =>
      app.request(url, {
        method: "POST",
        ...init,
        headers: headers({
          Origin: ORIGIN,
          ...(body instanceof FormData ? {} : { "Content-Type": "application/x-www-form-urlencoded" }),
          ...Object.fromEntries(new Headers(init?.headers)),
        }),
        body: body instanceof FormData ? body : new URLSearchParams(body as Record<string, string>),
      }),
  };
}
