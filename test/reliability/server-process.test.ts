import fs from "node:fs";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../prisma/seed/index";
import { freePort, prepareSurveyDatabase, startServer, type Server } from "./harness";

// Against the real built server in a child process: the client address behind a trusted proxy,
// and a shutdown that ends within 10 s whatever the clients do.
let setup: Awaited<ReturnType<typeof prepareSurveyDatabase>>;
let port: number;
let server: Server;

beforeAll(async () => {
  setup = await prepareSurveyDatabase(0);
  port = await freePort();
  server = await startServer(setup.url, port, { env: { TRUSTED_PROXIES: "127.0.0.1" } });
}, 120_000);

afterAll(() => {
  if (server?.child.exitCode === null) server.child.kill("SIGKILL");
  if (setup) fs.rmSync(setup.dir, { recursive: true, force: true });
});

async function signIn(email: string, password: string, forwardedFor: string) {
  const response = await fetch(`http://127.0.0.1:${port}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { Origin: `http://127.0.0.1:${port}`, "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": forwardedFor },
    body: new URLSearchParams({ email, password, redirectTo: "/" }),
  });
  await response.arrayBuffer();
  return response.status;
}

describe("behind a trusted proxy", () => {
  it("throttles the sprayer's address, not the colleagues behind the same proxy", async () => {
    for (let i = 0; i < 30; i++) expect(await signIn(`nobody${i}@ge.example.com`, "wrong-password", "198.51.100.1")).toBe(401);
    expect(await signIn("e000004@ge.example.com", DEMO_PASSWORD, "198.51.100.1")).toBe(429);
    // Same socket address (the proxy), another client: X-Forwarded-For is believed from a trusted proxy.
    expect(await signIn("e000004@ge.example.com", DEMO_PASSWORD, "198.51.100.2")).toBe(302);
  }, 120_000);
});

describe("shutdown", () => {
  it("ends within 10 s of SIGTERM with a keep-alive connection and a half-sent request open", async () => {
    const keepAlive = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => keepAlive.once("connect", () => resolve()));
    keepAlive.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: keep-alive\r\n\r\n`);
    await new Promise<void>((resolve) => keepAlive.once("data", () => resolve()));
    const halfSent = net.connect(port, "127.0.0.1");
    await new Promise<void>((resolve) => halfSent.once("connect", () => resolve()));
    halfSent.write(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n`);
    for (const socket of [keepAlive, halfSent]) socket.on("error", () => undefined);
    await new Promise((r) => setTimeout(r, 200));

    const started = Date.now();
    const exited = new Promise<number | null>((resolve) => server.child.once("exit", (code) => resolve(code)));
    server.child.kill("SIGTERM");
    const code = await Promise.race([exited, new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 15_000))]);
    expect(code, server.log()).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    keepAlive.destroy();
    halfSent.destroy();
  }, 30_000);
});
