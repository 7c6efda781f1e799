import type { Server } from "node:http";
import path from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import type { ServerBuild } from "@remix-run/node";
import { getEnv } from "~/utils/env.server";
import { seedDemo } from "../../prisma/seed/index";
import { createApp } from "./app";
import { exitOnSignals } from "./shutdown";
import { prepare } from "./startup.server";

process.env.NODE_ENV ??= "production";
const env = getEnv();
await prepare({ seed: seedDemo });

const buildDir = path.dirname(new URL(import.meta.url).pathname);
const build = (await import(path.join(buildDir, "server", "index.js"))) as ServerBuild;
const clientDir = path.relative(process.cwd(), path.join(buildDir, "client"));

const app = createApp({
  build,
  mode: "production",
  staticHandler: serveStatic({
    root: clientDir,
    onFound: (filePath, c) => {
      if (filePath.includes("/assets/")) c.header("Cache-Control", "public, max-age=31536000, immutable");
    },
  }),
});

const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
  console.log(`Ready on http://${info.address === "::" ? "localhost" : info.address}:${info.port}`);
});

exitOnSignals(server as Server);
