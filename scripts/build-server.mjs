// Bundles the Hono server (app/server/main.ts) into build/server.js (or $BUILD_DIR); packages stay external.
import path from "node:path";
import { build } from "esbuild";

await build({
  entryPoints: ["app/server/main.ts"],
  outfile: path.join(process.env.BUILD_DIR ?? "build", "server.js"),
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  packages: "external",
  alias: { "~": path.resolve("app") },
  sourcemap: true,
  logLevel: "warning",
});
