import { readDate, sqlRead, sqliteDate, type Db } from "~/utils/db.server";

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
  const due = force
    ? ""
    : ` AND ("JobLease"."nextRunAt" IS NULL OR julianday("JobLease"."nextRunAt") <= julianday(excluded."lastStartedAt"))`;
  const taken = await db.$executeRawUnsafe(
    `INSERT INTO "JobLease" ("name", "holder", "leaseUntil", "lastStartedAt", "failures", "runs") VALUES (?, ?, ?, ?, 0, 0)
     ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "leaseUntil" = excluded."leaseUntil", "lastStartedAt" = excluded."lastStartedAt"
     WHERE ("JobLease"."holder" IS NULL OR "JobLease"."leaseUntil" IS NULL OR julianday("JobLease"."leaseUntil") <= julianday(excluded."lastStartedAt"))${due}`,
    name,
    holder,
    sqliteDate(new Date(now.getTime() + leaseMs)),
    sqliteDate(now),
  );
  return taken === 1;
}

/** Extends a lease still held by `holder` (a long run); false when it was lost. */
export async function extendLease(db: Db, name: string, holder: string, until: Date) {
  const n = await db.$executeRawUnsafe(
    `UPDATE "JobLease" SET "leaseUntil" = ? WHERE "name" = ? AND "holder" = ?`,
    sqliteDate(until),
    name,
    holder,
  );
  return n === 1;
}

/** Gives the lease back with the run's outcome and when the job is next due. */
export async function releaseLease(
  db: Db,
  name: string,
  holder: string,
  outcome: { finishedAt: Date; durationMs: number; error: string | null; nextRunAt: Date },
) {
  const finished = sqliteDate(outcome.finishedAt);
  await db.$executeRawUnsafe(
    `UPDATE "JobLease" SET "holder" = NULL, "leaseUntil" = NULL, "lastFinishedAt" = ?, "lastDurationMs" = ?, "runs" = "runs" + 1, "nextRunAt" = ?,
       "lastError" = coalesce(?, "lastError"), "lastErrorAt" = CASE WHEN ? IS NULL THEN "lastErrorAt" ELSE ? END,
       "failures" = "failures" + (? IS NOT NULL)
     WHERE "name" = ? AND "holder" = ?`,
    finished,
    Math.round(outcome.durationMs),
    sqliteDate(outcome.nextRunAt),
    outcome.error,
    outcome.error,
    finished,
    outcome.error,
    name,
    holder,
  );
}

/** Every job's row, by name (a read: the operators' page and the scheduler's next look). */
export async function leaseRows(db: Db): Promise<Map<string, LeaseRow>> {
  const rows = await db.jobLease.findMany();
  return new Map(rows.map((r) => [r.name, r]));
}

/** When a job is next due by its row (null: never ran, due now). */
export async function nextRunOf(db: Db, name: string) {
  const [row] = await sqlRead<{ nextRunAt: string | null }>(db, `SELECT "nextRunAt" FROM "JobLease" WHERE "name" = ?`, [name]);
  return row?.nextRunAt ? readDate(row.nextRunAt) : null;
}
