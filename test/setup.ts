import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeEach, expect, vi } from "vitest";
import { createDatabase } from "../scripts/postgres.mjs";
import { server } from "./mocks/server";

// A fresh database per test file, copied from the migrated template (on PostgreSQL, created from it).
let dbFile: string | null = null;
if (process.env.TEST_TEMPLATE_PG) {
  process.env.DATABASE_URL = await createDatabase(
    `${process.env.TEST_PG_PREFIX}_${crypto.randomUUID().replace(/-/g, "")}`,
    process.env.TEST_TEMPLATE_PG,
  );
} else {
  const template = process.env.TEST_TEMPLATE_DB!;
  dbFile = path.join(path.dirname(template), `t-${process.pid}-${crypto.randomUUID()}.db`);
  fs.copyFileSync(template, dbFile);
  process.env.DATABASE_URL = `file:${dbFile}`;
}
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL = "silent";
process.env.SESSION_SECRET ??= crypto.randomBytes(32).toString("base64url");

// Outbound HTTP: only what a test's MSW handlers answer; anything else fails the test.
// Requests to the app itself on loopback (reliability tests drive a real server) pass through.
server.listen({
  onUnhandledRequest(request, print) {
    const { hostname } = new URL(request.url);
    if (hostname === "127.0.0.1" || hostname === "localhost") return;
    print.error();
  },
});
afterEach(() => server.resetHandlers());

// console.error during a test is a failure unless the test says it expects one.
const unexpected: unknown[][] = [];
let allowed = 0;
beforeEach(() => {
  unexpected.length = 0;
  allowed = 0;
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    if (allowed > 0) {
      allowed--;
      return;
    }
    unexpected.push(args);
  });
});
afterEach(() => {
  vi.mocked(console.error).mockRestore();
  expect(unexpected, "unexpected console.error").toEqual([]);
});
(globalThis as { allowConsoleError?: (n?: number) => void }).allowConsoleError = (n = 1) => {
  allowed += n;
};

afterAll(async () => {
  server.close();
  const g = globalThis as { __db?: { $disconnect(): Promise<void> } };
  await g.__db?.$disconnect();
  if (dbFile) for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(dbFile + suffix, { force: true });
});
