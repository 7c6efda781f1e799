// A local PostgreSQL server for the tests (and for trying the app on PostgreSQL): Debian's
// postgresql package, installed when missing and the machine allows it, a cluster of its own in
// the temporary folder, listening on 127.0.0.1 only, trusting local connections (a test cluster,
// never a deployment: see the README for one). TEST_POSTGRES_URL names a server to use instead.
//
//   node scripts/postgres.mjs --start   starts it (installing when needed) and prints its URL
//   node scripts/postgres.mjs --stop    stops it
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";

export const PORT = Number(process.env.TEST_POSTGRES_PORT ?? 55432);
const DATA = path.join(os.tmpdir(), `gehr-postgres-${PORT}`);

/** The server's bin folder (newest Debian version), or null. */
function binDir() {
  const root = "/usr/lib/postgresql";
  if (!fs.existsSync(root)) return null;
  const versions = fs
    .readdirSync(root)
    .filter((v) => fs.existsSync(path.join(root, v, "bin", "pg_ctl")))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? path.join(root, versions[0], "bin") : null;
}

function install() {
  const root = process.getuid?.() === 0;
  const prefix = root ? [] : ["sudo", "-n"];
  const run = (args) => {
    const [command, ...rest] = [...prefix, ...args];
    execFileSync(command, rest, { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } });
  };
  console.error("PostgreSQL not found: installing Debian's postgresql package for the tests…");
  run(["apt-get", "update", "-qq"]);
  run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "postgresql"]);
}

/** Runs a server program as the owner of the cluster: the postgres user when we are root (the server refuses root). */
function asOwner(bin, args) {
  const command = path.join(binDir(), bin);
  if (process.getuid?.() === 0)
    return execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { encoding: "utf8", stdio: "pipe" });
  return execFileSync(command, args, { encoding: "utf8", stdio: "pipe" });
}

export function postgresUrl(database = "postgres") {
  if (process.env.TEST_POSTGRES_URL) {
    const url = new URL(process.env.TEST_POSTGRES_URL);
    url.pathname = `/${database}`;
    return url.toString();
  }
  return `postgresql://postgres@127.0.0.1:${PORT}/${database}`;
}

function running() {
  try {
    asOwner("pg_ctl", ["status", "-D", DATA]);
    return true;
  } catch {
    return false;
  }
}

/** Starts the test cluster (installing and creating it when needed); returns its URL. */
export function startPostgres() {
  if (process.env.TEST_POSTGRES_URL) return postgresUrl();
  if (!binDir()) install();
  if (!binDir())
    throw new Error("PostgreSQL is not installed and could not be: install Debian's postgresql package, or set TEST_POSTGRES_URL");
  if (!fs.existsSync(path.join(DATA, "PG_VERSION"))) {
    fs.mkdirSync(DATA, { recursive: true, mode: 0o700 });
    if (process.getuid?.() === 0) execFileSync("chown", ["postgres:postgres", DATA]);
    asOwner("initdb", ["-D", DATA, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
  }
  if (!running()) {
    // A test cluster: durability is not what is tested here (a kill test kills the app, not the server).
    const options = `-p ${PORT} -k ${DATA} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`;
    asOwner("pg_ctl", ["start", "-w", "-D", DATA, "-l", path.join(DATA, "server.log"), "-o", options]);
  }
  return postgresUrl();
}

/** Runs statements on the server's own database, one connection (creating and dropping databases). */
export async function adminQuery(...statements) {
  const client = new pg.Client({ connectionString: postgresUrl() });
  await client.connect();
  try {
    const results = [];
    for (const statement of statements) results.push(await client.query(statement));
    return results;
  } finally {
    await client.end();
  }
}

/** A new database, empty or a copy of `template` (one of the same name is replaced); returns its URL. */
export async function createDatabase(name, template) {
  await adminQuery(
    `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`,
    `CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`,
  );
  return postgresUrl(name);
}

export function stopPostgres() {
  if (!process.env.TEST_POSTGRES_URL && binDir() && running()) asOwner("pg_ctl", ["stop", "-m", "fast", "-D", DATA]);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.includes("--stop")) stopPostgres();
  else console.log(startPostgres());
}
