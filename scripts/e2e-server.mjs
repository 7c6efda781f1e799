// Starts the built app on a fresh demo database for the browser tests.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3100";
const dir = path.resolve(".cache", `e2e-${port}`);
fs.rmSync(dir, { recursive: true, force: true });
fs.mkdirSync(dir, { recursive: true });
const server = spawn(process.execPath, [path.join(process.env.BUILD_DIR ?? "build", "server.js")], {
  stdio: "inherit",
  env: {
    ...process.env,
    PORT: port,
    HOST: "127.0.0.1",
    DATABASE_URL: `file:${path.join(dir, "app.db")}`,
    NODE_ENV: "production",
    SEED_DEMO: "true",
    LOG_LEVEL: "silent",
  },
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code) => process.exit(code ?? 0));
