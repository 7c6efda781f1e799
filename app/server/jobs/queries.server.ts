// The statements the background jobs run beside Prisma: SQLite's form, and PostgreSQL's where it differs.
import { z } from "zod";
import { withWriteTurn, type Db } from "~/utils/db.server";
import { col, defineQuery, exec, pick } from "~/utils/sql.server";

/** One statement on the raw client, in its turn like any Prisma statement; returns the rows changed. */
function write(db: Db, sql: string, args: (string | number | null)[]) {
  return withWriteTurn(db, (client) => exec(client, sql, args));
}

/**
 * Takes the lease of `name` when nobody holds it (or the holder's lease ran out) and, when
 * `mustBeDue`, the job is due (`nextRunAt` passed). One INSERT … ON CONFLICT DO UPDATE … WHERE:
 * true when this holder has it. Times by `sqliteDate`.
 *
 * Atomic on both databases, across processes: SQLite runs one writer at a time; PostgreSQL locks
 * the conflicting row and evaluates the WHERE on its latest committed version, so of two
 * processes racing for a lease (or for a job's first row) exactly one changes it.
 */
export async function takeJobLease(db: Db, lease: { name: string; holder: string; until: string; startedAt: string; mustBeDue: boolean }) {
  const sql = pick(db, {
    sqlite: `INSERT INTO "JobLease" ("name", "holder", "leaseUntil", "lastStartedAt", "failures", "runs") VALUES (?, ?, ?, ?, 0, 0)
     ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "leaseUntil" = excluded."leaseUntil", "lastStartedAt" = excluded."lastStartedAt"
     WHERE ("JobLease"."holder" IS NULL OR "JobLease"."leaseUntil" IS NULL OR julianday("JobLease"."leaseUntil") <= julianday(excluded."lastStartedAt"))${
       lease.mustBeDue
         ? ` AND ("JobLease"."nextRunAt" IS NULL OR julianday("JobLease"."nextRunAt") <= julianday(excluded."lastStartedAt"))`
         : ""
     }`,
    // Timestamps hold UTC: compared as they are.
    postgres: `INSERT INTO "JobLease" ("name", "holder", "leaseUntil", "lastStartedAt", "failures", "runs") VALUES (?, ?, ?::timestamp, ?::timestamp, 0, 0)
     ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "leaseUntil" = excluded."leaseUntil", "lastStartedAt" = excluded."lastStartedAt"
     WHERE ("JobLease"."holder" IS NULL OR "JobLease"."leaseUntil" IS NULL OR "JobLease"."leaseUntil" <= excluded."lastStartedAt")${
       lease.mustBeDue ? ` AND ("JobLease"."nextRunAt" IS NULL OR "JobLease"."nextRunAt" <= excluded."lastStartedAt")` : ""
     }`,
  });
  const taken = await write(db, sql, [lease.name, lease.holder, lease.until, lease.startedAt]);
  return taken === 1;
}

/** Moves a lease still held by `holder` to `until`; false when it was lost. */
export async function extendJobLease(db: Db, name: string, holder: string, until: string) {
  return (await write(db, `UPDATE "JobLease" SET "leaseUntil" = ? WHERE "name" = ? AND "holder" = ?`, [until, name, holder])) === 1;
}

/** Gives a lease back with the run's outcome (times by `sqliteDate`; `error` null on success). */
export async function releaseJobLease(
  db: Db,
  name: string,
  holder: string,
  outcome: { finishedAt: string; durationMs: number; error: string | null; nextRunAt: string },
) {
  await write(
    db,
    pick(db, {
      sqlite: `UPDATE "JobLease" SET "holder" = NULL, "leaseUntil" = NULL, "lastFinishedAt" = ?, "lastDurationMs" = ?, "runs" = "runs" + 1, "nextRunAt" = ?,
       "lastError" = coalesce(?, "lastError"), "lastErrorAt" = CASE WHEN ? IS NULL THEN "lastErrorAt" ELSE ? END,
       "failures" = "failures" + (? IS NOT NULL)
     WHERE "name" = ? AND "holder" = ?`,
      // A parameter tested only for NULL needs its type named; a condition is no number.
      postgres: `UPDATE "JobLease" SET "holder" = NULL, "leaseUntil" = NULL, "lastFinishedAt" = ?::timestamp, "lastDurationMs" = ?, "runs" = "runs" + 1, "nextRunAt" = ?::timestamp,
       "lastError" = coalesce(?::text, "lastError"), "lastErrorAt" = CASE WHEN ?::text IS NULL THEN "lastErrorAt" ELSE ?::timestamp END,
       "failures" = "failures" + CASE WHEN ?::text IS NULL THEN 0 ELSE 1 END
     WHERE "name" = ? AND "holder" = ?`,
    }),
    [
      outcome.finishedAt,
      outcome.durationMs,
      outcome.nextRunAt,
      outcome.error,
      outcome.error,
      outcome.finishedAt,
      outcome.error,
      name,
      holder,
    ],
  );
}

export const jobNextRun = defineQuery(
  "jobs.nextRun",
  z.object({ nextRunAt: col.date.nullable() }),
  `SELECT "nextRunAt" FROM "JobLease" WHERE "name" = ?`,
);
