// npm run bench [-- name …]: runs every bench/*.bench.ts in its own process (so peak memory
// is its own) and prints one table of operation, size, time, peak memory, floor and ratio.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { machine, parseResults, type BenchResult } from "./lib";

const only = process.argv.slice(2);
const scripts = fs
  .readdirSync("bench")
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

const rows: BenchResult[] = [];
let failed = false;
for (const script of scripts) {
  console.error(`… ${script}`);
  // A bench may ask for Node options in a first-line comment (`// node: --max-old-space-size=640`).
  const flags = /^\/\/ node: (.+)$/m.exec(fs.readFileSync(path.join("bench", script), "utf8").split("\n", 1)[0])?.[1].split(" ") ?? [];
  const run = spawnSync(process.execPath, [...flags, "--import", "tsx", path.join("bench", script)], {
    encoding: "utf8",
    env: { ...process.env, LOG_LEVEL: "silent", NODE_ENV: "production" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const results = parseResults(run.stdout);
  rows.push(...results);
  if (run.status !== 0) {
    failed = true;
    console.error(`${script} failed (exit ${run.status}):\n${run.stderr.slice(-4000)}`);
  }
}

const fmt = (n: number | undefined, unit = "") => (n === undefined ? "—" : `${n.toLocaleString("en-US")}${unit}`);
const table = [
  ["operation", "size", "time", "peak memory", "floor", "ratio", "target", "ok"],
  ...rows.map((r) => [
    r.operation,
    r.size,
    fmt(r.ms, " ms"),
    fmt(r.peakMb, " MiB"),
    fmt(r.floorMs, " ms"),
    r.floorMs ? `${(r.ms / r.floorMs).toFixed(2)}×` : "—",
    r.target ?? "—",
    r.pass === undefined ? "—" : r.pass ? "yes" : "NO",
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
console.log(`\nMachine: ${machine()}\n`);
for (const [i, row] of table.entries()) {
  console.log(`| ${row.map((c, j) => c.padEnd(widths[j])).join(" | ")} |`);
  if (i === 0) console.log(`| ${widths.map((w) => "-".repeat(w)).join(" | ")} |`);
}
if (failed || rows.some((r) => r.pass === false)) process.exit(1);
