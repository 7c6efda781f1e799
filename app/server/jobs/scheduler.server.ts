import { randomUUID } from "node:crypto";
import os from "node:os";
import { db as appDb, type Db } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";
import { extendLease, nextRunOf, releaseLease, takeLease } from "./lease.server";
import { JOBS, jobNamed, type JobDefinition } from "./jobs.server";

/**
 * The one scheduler of background work. Every `TICK_MS` it looks at the jobs this process
 * believes due and, for each, tries to take its lease (`lease.server.ts`): the process that gets
 * it runs the job, the others learn when it is next due. A job never runs twice at once, in
 * this process or another over the same database. `stopScheduler` (shutdown) stops looking and
 * waits for a run under way.
 */

const TICK_MS = 5_000;

/** This process, as the lease holder: host, pid and a random part (a restarted pid is another holder). */
const HOLDER = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

export type RunOutcome =
  { ran: false; reason: "unknown" | "busy" | "notDue" } | { ran: true; ok: boolean; durationMs: number; error: string | null };

/** What is kept of a failure: the error's class and code, never its message (it may name people). */
export function errorKey(error: unknown) {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return `${error.name || "Error"}${typeof code === "string" && /^[A-Za-z0-9_.-]{1,40}$/.test(code) ? `:${code}` : ""}`.slice(0, 100);
  }
  return "unknown";
}

const running = new Map<string, Promise<RunOutcome>>();

async function runUnderLease(db: Db, job: JobDefinition, force: boolean, now: Date): Promise<RunOutcome> {
  if (!(await takeLease(db, job.name, HOLDER, job.leaseMs, now, force))) {
    return { ran: false, reason: force ? "busy" : "notDue" };
  }
  // A long run keeps its lease: renewed at a third of its length.
  const renew = setInterval(
    () => void extendLease(db, job.name, HOLDER, new Date(Date.now() + job.leaseMs)).catch(() => undefined),
    Math.max(1_000, job.leaseMs / 3),
  );
  renew.unref();
  const started = performance.now();
  let error: string | null = null;
  try {
    await job.run(db, now);
  } catch (e) {
    error = errorKey(e);
    if (getEnv().LOG_LEVEL !== "silent") console.error(`job ${job.name} failed: ${error}`);
  } finally {
    clearInterval(renew);
  }
  const durationMs = performance.now() - started;
  const finishedAt = new Date();
  await releaseLease(db, job.name, HOLDER, { finishedAt, durationMs, error, nextRunAt: new Date(finishedAt.getTime() + job.intervalMs) });
  return { ran: true, ok: error === null, durationMs, error };
}

function start(db: Db, job: JobDefinition, force: boolean, now: Date) {
  const existing = running.get(job.name);
  if (existing) return { promise: existing, fresh: false };
  const promise = runUnderLease(db, job, force, now).finally(() => running.delete(job.name));
  running.set(job.name, promise);
  return { promise, fresh: true };
}

/**
 * Runs one job now, whether or not it is due (the operators' "run now", and tests). Refused
 * ("busy") while it runs, here or in another process.
 */
export async function runJob(name: string, options: { db?: Db; now?: Date } = {}): Promise<RunOutcome> {
  const job = jobNamed(name);
  if (!job) return { ran: false, reason: "unknown" };
  return runDefinition(job, options);
}

/** `runJob` for a definition (tests run jobs of their own through the same lease). */
export async function runDefinition(job: JobDefinition, options: { db?: Db; now?: Date } = {}): Promise<RunOutcome> {
  const { promise, fresh } = start(options.db ?? appDb, job, true, options.now ?? new Date());
  return fresh ? promise : { ran: false, reason: "busy" };
}

type Scheduler = { timer: NodeJS.Timeout; due: Map<string, number>; stopped: boolean };
let scheduler: Scheduler | null = null;

/** Starts every job this process believes due; each run, when it ends, says when to look again. */
function tick(db: Db, state: Scheduler) {
  const now = Date.now();
  for (const job of JOBS) {
    if (state.stopped) return;
    if ((state.due.get(job.name) ?? 0) > now || running.has(job.name)) continue;
    state.due.set(job.name, Number.POSITIVE_INFINITY);
    const { promise } = start(db, job, false, new Date(now));
    void promise
      .catch((error) => {
        console.error(`job ${job.name}: lease failed`, errorKey(error));
        return { ran: false, reason: "busy" } as const;
      })
      // Next look: after our own run's interval, or when the row says (another process ran it).
      .then(async (outcome) =>
        outcome.ran ? Date.now() + job.intervalMs : ((await nextRunOf(db, job.name).catch(() => null))?.getTime() ?? 0),
      )
      .then((next) => state.due.set(job.name, Math.max(next, Date.now() + TICK_MS)));
  }
}

/**
 * Starts the scheduler (once per process). Not under Vitest (NODE_ENV "test") unless `force`:
 * tests run the job they need with `runJob`.
 */
export function startScheduler(options: { db?: Db; force?: boolean; tickMs?: number } = {}) {
  if (scheduler) return;
  if (process.env.NODE_ENV === "test" && !options.force) return;
  const db = options.db ?? appDb;
  const state: Scheduler = { due: new Map(), stopped: false, timer: setInterval(() => tick(db, state), options.tickMs ?? TICK_MS) };
  state.timer.unref();
  scheduler = state;
  tick(db, state); // the first look at once, not a tick later
}

/** Stops starting jobs and waits (up to `timeoutMs`) for those under way to finish and give back their lease. */
export async function stopScheduler(timeoutMs = 5_000) {
  if (scheduler) {
    scheduler.stopped = true;
    clearInterval(scheduler.timer);
    scheduler = null;
  }
  const pending = [...running.values()];
  if (pending.length === 0) return true;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const done = await Promise.race([Promise.allSettled(pending).then(() => true as const), timedOut]);
  clearTimeout(timer);
  return done;
}

export function schedulerRunning() {
  return scheduler !== null;
}

/** Jobs running in this process now. */
export function runningJobs() {
  return [...running.keys()];
}
