import { sqliteDate, type Db } from "~/utils/db.server";
import { firstRow } from "~/utils/sql.server";
import { extendJobLease, jobNextRun, releaseJobLease, takeJobLease } from "./queries.server";

/**
 * The lease of one job (`JobLease`): a process runs a job only while it holds the row's lease,
 * taken by one conditional statement, so two processes over the same database never run the
 * same job at once. A lease runs out (`leaseUntil`): a job whose process was killed is picked up
 * by the next process that finds it due.
 */

export type LeaseRow = {
  name: string;
  holder: string | null;
  leaseUntil: Date | null;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastDurationMs: number | null;
  lastError: string | null;
  lastErrorAt: Date | null;
  failures: number;
  runs: number;
  nextRunAt: Date | null;
};

/**
 * Takes the lease of `name` for `holder` until `now + leaseMs`, when nobody holds it (or the
 * holder's lease ran out) and, unless `force`, the job is due (`nextRunAt` passed). One
 * INSERT … ON CONFLICT DO UPDATE … WHERE: true when this holder has it.
 */
export async function takeLease(db: Db, name: string, holder: string, leaseMs: number, now: Date, force = false) {
  return takeJobLease(db, {
    name,
    holder,
    until: sqliteDate(new Date(now.getTime() + leaseMs)),
    startedAt: sqliteDate(now),
    mustBeDue: !force,
  });
}

/** Extends a lease still held by `holder` (a long run); false when it was lost. */
export async function extendLease(db: Db, name: string, holder: string, until: Date) {
  return extendJobLease(db, name, holder, sqliteDate(until));
}

/** Gives the lease back with the run's outcome and when the job is next due. */
export async function releaseLease(
  db: Db,
  name: string,
  holder: string,
  outcome: { finishedAt: Date; durationMs: number; error: string | null; nextRunAt: Date },
) {
  await releaseJobLease(db, name, holder, {
    finishedAt: sqliteDate(outcome.finishedAt),
    durationMs: Math.round(outcome.durationMs),
    error: outcome.error,
    nextRunAt: sqliteDate(outcome.nextRunAt),
  });
}

/** Every job's row, by name (a read: the operators' page and the scheduler's next look). */
export async function leaseRows(db: Db): Promise<Map<string, LeaseRow>> {
  const rows = await db.jobLease.findMany();
  return new Map(rows.map((r) => [r.name, r]));
}

/** When a job is next due by its row (null: never ran, due now). */
export async function nextRunOf(db: Db, name: string) {
  return (await firstRow(db, jobNextRun, [name]))?.nextRunAt ?? null;
}
