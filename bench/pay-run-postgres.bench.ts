// node: --max-old-space-size=640
// The pay-run bench (pay-run.bench.ts) on PostgreSQL, for the side-by-side table of
// `npm run bench -- pay-run`: target within 1.5× of SQLite's time.
export {};
process.env.BENCH_DATABASE = "postgres";
await import("./pay-run.bench");
