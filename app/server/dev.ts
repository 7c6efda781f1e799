import { createServer } from "node:http";
import { getRequestListener } from "@hono/node-server";
import type { ServerBuild } from "@remix-run/node";
import { createServer as createViteServer } from "vite";

process.env.NODE_ENV ??= "development";
const vite = await createViteServer({ server: { middlewareMode: true }, appType: "custom" });
// Server modules go through Vite too, so that they share the Remix build's module graph.
const { createApp } = (await vite.ssrLoadModule("/app/server/app.ts")) as typeof import("./app");
const { prepare } = (await vite.ssrLoadModule("/app/server/startup.server.ts")) as typeof import("./startup.server");
const { seedDemo } = (await vite.ssrLoadModule("/prisma/seed/index.ts")) as typeof import("../../prisma/seed/index");
const { getEnv } = (await vite.ssrLoadModule("/app/utils/env.server.ts")) as typeof import("~/utils/env.server");
await prepare({ seed: seedDemo });

const app = createApp({
  build: () => vite.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>,
  mode: "development",
});
const listener = getRequestListener(app.fetch);
const env = getEnv();
createServer((req, res) => vite.middlewares(req, res, () => listener(req, res))).listen(env.PORT, env.HOST, () => {
  console.log(`Dev server on http://${env.HOST}:${env.PORT}`);
});
