import { spawn, type ChildProcess } from "node:child_process";
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { SurveyItem } from "~/modules/surveys/items";
import { obtainToken, type HeldToken } from "~/modules/anonymity/blind-client";
import { fastBlind, fastFinish } from "../blind-client";

/**
 * A migrated database in a temporary folder with the demo organisation (and, with `demo`, every
 * capability's demo data), `extra` more employees with sessions, and a launched survey to all of them.
 * With `postgres` (a run with TEST_DATABASE=postgres only), a database of the test server made
 * from the migrated template instead (`file` then names no file; the run's end drops it).
 */
export async function prepareSurveyDatabase(extra: number, templateId = "pulse", options: { demo?: boolean } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "reliability-"));
  const file = path.join(dir, "app.db");
  const url = await migratedDatabase(file);
  const { bulkWrite, createPrismaClient } = await import("~/utils/db.server");
  const { exec } = await import("~/utils/sql.server");
  const { seedDemo, seedOrganisation } = await import("../../prisma/seed/index");
  const { createSession } = await import("~/modules/auth/session.server");
  const { createSurvey, launchSurvey } = await import("~/modules/surveys/campaigns/campaigns.server");
  const db = createPrismaClient(url);
  const org = options.demo ? await seedDemo(db) : await seedOrganisation(db);
  const room = org.unitId.get("JC-GE-ENT")!;
  const position = await db.position.findFirstOrThrow({ where: { code: "AM" } });
  const now = new Date().toISOString().replace("Z", "+00:00");
  for (let i = 0; i < extra; i += 200) {
    const chunk = Array.from({ length: Math.min(200, extra - i) }, (_, k) => i + k);
    await bulkWrite(db, async (tx) => {
      await exec(
        tx,
        `INSERT INTO "Employee" ("id","employeeNo","name","email","unitId","positionId","track","level","hireDate","createdAt","updatedAt") VALUES ${chunk.map(() => "(?,?,?,?,?,?,?,?,?,?,?)").join(",")}`,
        chunk.flatMap((n) => [
          `load-${n}`,
          `L${String(n).padStart(6, "0")}`,
          `负载${n}`,
          `l${n}@load.example.com`,
          room,
          position.id,
          "skill",
          "S3",
          "2018-01-01T00:00:00.000+00:00",
          now,
          now,
        ]),
      );
      await exec(
        tx,
        `INSERT INTO "User" ("id","email","role","employeeId","locale","disabled","createdAt","updatedAt") VALUES ${chunk.map(() => "(?,?,?,?,?,?,?,?)").join(",")}`,
        chunk.flatMap((n) => [`load-user-${n}`, `l${n}@load.example.com`, "employee", `load-${n}`, "zh-CN", false, now, now]),
      );
    });
  }
  const hr = org.userId.get("E000003")!;
  const survey = await createSurvey(db, hr, {
    templateId,
    opensAt: new Date(Date.now() - 60_000),
    closesAt: new Date(Date.now() + 7 * 86_400_000),
    population: { unitIds: [org.unitId.get("JC-GE")!], tracks: [] },
  });
  await launchSurvey(db, hr, survey.id);
  const cookies: { employeeId: string; cookie: string; respondent: Respondent }[] = [];
  for (let n = 0; n < extra; n++) {
    const { token } = await createSession(db, `load-user-${n}`);
    cookies.push({ employeeId: `load-${n}`, cookie: `session=${token}`, respondent: new Respondent(`session=${token}`) });
  }
  const items = JSON.parse((await db.survey.findUniqueOrThrow({ where: { id: survey.id } })).itemsJson) as SurveyItem[];
  await db.$disconnect();
  return { dir, file, url, surveyId: survey.id, cookies, body: answersBody(items) };
}

/**
 * A migrated, empty database: the SQLite file `file`, or under TEST_DATABASE=postgres a new
 * database of the test server (created from the suite's migrated template), or under
 * BENCH_DATABASE=postgres a new, migrated database of the local server. Returns its URL.
 */
export async function migratedDatabase(file: string) {
  if (process.env.TEST_TEMPLATE_PG || process.env.BENCH_DATABASE === "postgres") {
    const { createDatabase, startPostgres } = await import("../../scripts/postgres.mjs");
    const suffix = crypto.randomUUID().replace(/-/g, "");
    // A test copies the run's migrated template; a bench migrates a new database of the local server.
    if (process.env.TEST_TEMPLATE_PG) return createDatabase(`${process.env.TEST_PG_PREFIX}_r${suffix}`, process.env.TEST_TEMPLATE_PG);
    startPostgres();
    const url = await createDatabase(`bench_${suffix}`);
    const { migratePostgres } = await import("~/utils/pg-migrate.server");
    await migratePostgres(url);
    return url;
  }
  const url = `file:${file}`;
  execFileSync(process.execPath, [path.resolve("node_modules/prisma/build/index.js"), "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: "ignore",
  });
  return url;
}

/** A complete, valid set of answers as the form posts them. */
export function answersBody(items: SurveyItem[]) {
  const body = new URLSearchParams();
  for (const item of items) {
    if (item.type === "likert5") body.set(item.id, String(1 + (item.id.length % 5)));
    else if (item.type === "nps") body.set(item.id, "8");
    else if (item.type === "single") body.set(item.id, item.options![0].id);
    else if (item.type === "multiple") body.append(item.id, item.options![0].id);
    else if (item.required) body.set(item.id, "继续保持");
  }
  return body.toString();
}

export async function freePort() {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on("error", reject);
  });
}

export type Server = { child: ChildProcess; log: () => string };

/** Starts the built server on the database; resolves once /healthz answers. */
export async function startServer(
  url: string,
  port: number,
  options: { logLevel?: "silent" | "info"; env?: Record<string, string> } = {},
): Promise<Server> {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.PROF_DIR}`] : []),
      path.resolve(process.env.BUILD_DIR ?? "build", "server.js"),
    ],
    {
      env: {
        ...process.env,
        DATABASE_URL: url,
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ENV: "production",
        SEED_DEMO: "false",
        LOG_LEVEL: options.logLevel ?? "silent",
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stderr = "";
  child.stdout!.on("data", (d) => (stderr += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return { child, log: () => stderr };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill("SIGKILL");
  throw new Error(`server did not start: ${stderr}`);
}

/** Posts a form as the browser would (same origin, no redirect followed); resolves to the status. */
export async function postForm(port: number, pathname: string, cookie: string, body: string) {
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method: "POST",
    redirect: "manual",
    headers: { Cookie: cookie, Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded" },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/**
 * One respondent's browser: what it keeps (its localStorage) survives between calls, so a
 * token request whose reply was lost is asked again with the same blinded value.
 */
export class Respondent {
  readonly store = new Map<string, string>();
  token: HeldToken | null = null;
  constructor(readonly cookie: string) {}

  /** Takes (or finds) the response token over HTTP with the session, as the survey page does. */
  /** Takes the token (key, then blind signature); `timed` gets each request's own time, without the blinding done here. */
  async obtain(port: number, surveyId: string, timed?: (ms: number) => void) {
    const storage = {
      getItem: (k: string) => this.store.get(k) ?? null,
      setItem: (k: string, v: string) => void this.store.set(k, v),
      removeItem: (k: string) => void this.store.delete(k),
    };
    const post = async (body: unknown) => {
      const start = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/surveys/${surveyId}/token`, {
        method: "POST",
        headers: { Cookie: this.cookie, Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (response.status >= 500) throw new Error(`token request answered ${response.status}`);
      const json = (await response.json()) as Record<string, string | boolean>;
      timed?.(performance.now() - start);
      return json;
    };
    this.token = await obtainToken(
      storage,
      "token",
      {
        key: async () => {
          const r = await post({ intent: "key" });
          return r.ok ? { keyId: String(r.keyId), publicKey: String(r.publicKey) } : null;
        },
        sign: async (keyId, blinded) => {
          const r = await post({ intent: "sign", keyId, blinded });
          return r.ok ? String(r.blindSignature) : null;
        },
      },
      { blind: fastBlind, finish: fastFinish },
    );
    return this.token;
  }
}

/**
 * Sends answers with a token and no session; 200 when the server acknowledged them. A keep-alive
 * connection the server closed just as the request went out is tried once more, as sending
 * with a token is safe to repeat: a 409 then means the first attempt was stored.
 */
export async function sendAnswers(port: number, surveyId: string, token: HeldToken, body: string): Promise<number> {
  const send = async () => {
    const response = await fetch(`http://127.0.0.1:${port}/anon/surveys/${surveyId}/responses`, {
      method: "POST",
      headers: {
        Origin: `http://127.0.0.1:${port}`,
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Anonymous-Token": `${token.keyId}.${token.token}.${token.signature}`,
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, spent: response.status === 409 && text.includes("alreadyAnswered") };
  };
  try {
    return (await send()).status;
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code !== "ECONNRESET") throw error;
    const retry = await send();
    return retry.spent ? 200 : retry.status;
  }
}

/** Answers as the survey page does: the token (with the session), then the answers (without). 200 when acknowledged. */
export async function submit(port: number, surveyId: string, respondent: Respondent, body: string) {
  const token = respondent.token ?? (await respondent.obtain(port, surveyId));
  if (!token) return 409;
  return sendAnswers(port, surveyId, token, body);
}
