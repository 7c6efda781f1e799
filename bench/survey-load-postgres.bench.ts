// The survey load bench (survey-load.bench.ts) on two app processes sharing one PostgreSQL
// database, for the side-by-side table of `npm run bench -- survey-load`.
export {};
process.env.BENCH_DATABASE = "postgres";
await import("./survey-load.bench");
