import { defineConfig } from "@playwright/test";
import { findChromium } from "./scripts/chromium.mjs";

const port = Number(process.env.E2E_PORT ?? 3100);
/**
 * Journeys that take the same seeded pay run through to locking each get a server and a fresh
 * demo database of their own, so that neither depends on whether the other ran first.
 */
const ownServer = [{ name: "pay-communication", match: /pay-communication\.spec\.ts$/, port: port + 1 }];

export default defineConfig({
  testDir: "test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: findChromium() ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "chromium", use: { browserName: "chromium" }, testIgnore: ownServer.map((s) => s.match) },
    ...ownServer.map((s) => ({
      name: s.name,
      testMatch: s.match,
      use: { browserName: "chromium" as const, baseURL: `http://127.0.0.1:${s.port}` },
    })),
  ],
  webServer: [port, ...ownServer.map((s) => s.port)].map((p) => ({
    command: "node scripts/e2e-server.mjs",
    url: `http://127.0.0.1:${p}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: { E2E_PORT: String(p) },
  })),
});
