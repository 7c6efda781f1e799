// The server and reliability tests again, on PostgreSQL: starts the local test server
// (scripts/postgres.mjs, installing Debian's package when it is missing) and runs every test
// that touches a database (*.server.test.ts and test/{http,reliability,schema,security}) with
// TEST_DATABASE=postgres. Extra arguments go to Vitest.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { startPostgres } from "./postgres.mjs";

startPostgres();
const filters = [".server.test.", "test/http/", "test/reliability/", "test/schema/", "test/security/"];
const vitest = path.resolve("node_modules", "vitest", "vitest.mjs");
const run = spawnSync(process.execPath, [vitest, "run", ...filters, ...process.argv.slice(2)], {
  stdio: "inherit",
  env: { ...process.env, TEST_DATABASE: "postgres" },
});
process.exit(run.status ?? 1);
