// The floor for survey answers: a bare Hono endpoint over the same SQLite settings as the app
// (WAL, synchronous=FULL, busy_timeout=5000, foreign keys) that stores the same answers (one
// response row and its answer rows) in one transaction per request. No session, no token, no
// validation beyond reading the form. Run as its own process, like the app.
import { spawn } from "node:child_process";
import path from "node:path";
import { serve } from "@hono/node-server";
import { createClient } from "@libsql/client";
import { Hono } from "hono";
import { freePort } from "../test/reliability/harness";

export async function startFloorServer(url: string, surveyId: string) {
  const port = await freePort();
  const child = spawn(process.execPath, [path.resolve("node_modules/tsx/dist/cli.mjs"), path.resolve("bench/floor-server.ts")], {
    env: { ...process.env, FLOOR_DATABASE_URL: url, FLOOR_SURVEY_ID: surveyId, FLOOR_PORT: String(port) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    port,
    close: () => new Promise<void>((resolve) => (child.once("exit", () => resolve()), child.kill("SIGTERM"))),
  };
}

async function main() {
  const client = createClient({ url: process.env.FLOOR_DATABASE_URL!, timeout: 5000 });
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = FULL");
  await client.execute("PRAGMA foreign_keys = ON");
  const surveyId = process.env.FLOOR_SURVEY_ID!;
  const app = new Hono();
  app.get("/healthz", (c) => c.text("ok"));
  app.post("/answers", async (c) => {
    const form = await c.req.formData();
    const rows: [string, number, string | null][] = [];
    for (const [itemId, value] of form) rows.push(/^\d+$/.test(String(value)) ? [itemId, Number(value), null] : [itemId, 0, String(value)]);
    const id = crypto.randomUUID();
    const tx = await client.transaction("write");
    try {
      await tx.execute({
        sql: `INSERT INTO "SurveyResponse" ("id","surveyId","unitId","track","tenureBand") VALUES (?,?,?,?,?)`,
        args: [id, surveyId, null, null, null],
      });
      await tx.execute({
        sql: `INSERT INTO "SurveyAnswer" ("responseId","itemId","value","text") SELECT ?, a.value->>0, a.value->>1, a.value->>2 FROM json_each(?) a`,
        args: [id, JSON.stringify(rows)],
      });
      await tx.commit();
    } finally {
      tx.close();
    }
    return c.json({ status: "ok" });
  });
  const server = serve({ fetch: app.fetch, port: Number(process.env.FLOOR_PORT), hostname: "127.0.0.1" });
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
}

if (process.env.FLOOR_DATABASE_URL) await main();
