import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/** One row of the benchmark table. Times in milliseconds, memory in MiB. */
export type BenchResult = {
  operation: string;
  size: string;
  ms: number;
  peakMb?: number;
  /** The same work done the plainest way (a bare SQL query or computation), measured in the same run. */
  floorMs?: number;
  target?: string;
  pass?: boolean;
};

const PREFIX = "BENCH_RESULT ";

/** Bench scripts print their results with this; `npm run bench` collects them into one table. */
export function report(result: BenchResult) {
  console.log(PREFIX + JSON.stringify(result));
}

export function parseResults(output: string): BenchResult[] {
  return output
    .split("\n")
    .filter((l) => l.startsWith(PREFIX))
    .map((l) => JSON.parse(l.slice(PREFIX.length)) as BenchResult);
}

/** Times `fn` (best of `runs`), tracking the peak RSS during the runs. */
export async function measure<T>(fn: () => Promise<T> | T, runs = 3) {
  let best = Infinity;
  let value!: T;
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      value = await fn();
      best = Math.min(best, performance.now() - start);
      peak = Math.max(peak, process.memoryUsage().rss);
    }
  } finally {
    clearInterval(timer);
  }
  return { ms: Math.round(best * 10) / 10, peakMb: Math.round(peak / 1048576), value };
}

/**
 * A migrated, empty database in a temporary folder (removed when the bench exits); returns its
 * file URL. With BENCH_DATABASE=postgres, a new database of the local PostgreSQL server instead
 * (scripts/postgres.mjs), dropped when the bench exits.
 */
export async function freshDatabase(name: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-${name}-`));
  process.on("exit", () => fs.rmSync(dir, { recursive: true, force: true }));
  const { migratedDatabase } = await import("../test/reliability/harness");
  const url = await migratedDatabase(path.join(dir, "bench.db"));
  if (url.startsWith("postgres")) {
    // An exit handler cannot wait for a connection: the database is dropped by psql.
    const { postgresUrl } = await import("../scripts/postgres.mjs");
    const database = new URL(url).pathname.slice(1);
    process.on("exit", () =>
      execFileSync("psql", ["-q", postgresUrl(), "-c", `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`], { stdio: "ignore" }),
    );
  }
  return { url, dir };
}

export function machine() {
  return `${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
}
