import type { Db } from "~/utils/db.server";
import { leaseRows } from "./lease.server";
import { JOBS } from "./jobs.server";

export type JobStatus = {
  name: string;
  intervalMs: number;
  running: boolean;
  lastStartedAt: Date | null;
  lastFinishedAt: Date | null;
  lastDurationMs: number | null;
  nextRunAt: Date | null;
  runs: number;
  failures: number;
  lastError: string | null;
  lastErrorAt: Date | null;
};

/** Every job with what its lease row says (a read): the operators' page. */
export async function jobStatuses(db: Db, now = new Date()): Promise<JobStatus[]> {
  const rows = await leaseRows(db);
  return JOBS.map((job) => {
    const row = rows.get(job.name);
    return {
      name: job.name,
      intervalMs: job.intervalMs,
      running: Boolean(row?.holder && row.leaseUntil && row.leaseUntil > now),
      lastStartedAt: row?.lastStartedAt ?? null,
      lastFinishedAt: row?.lastFinishedAt ?? null,
      lastDurationMs: row?.lastDurationMs ?? null,
      nextRunAt: row?.nextRunAt ?? null,
      runs: row?.runs ?? 0,
      failures: row?.failures ?? 0,
      lastError: row?.lastError ?? null,
      lastErrorAt: row?.lastErrorAt ?? null,
    };
  });
}
