// SQLite dialect; the statements the background jobs run beside Prisma.
import { z } from "zod";
import { withWriteTurn, type Db } from "~/utils/db.server";
import { col, defineQuery, exec } from "~/utils/sql.server";

/** One statement on the raw client, in its turn like any Prisma statement; returns the rows changed. */
function write(db: Db, sql: string, args: (string | number | null)[]) {
  return withWriteTurn(db, (client) => exec(client, sql, args));
}

/**
 * Takes the lease of `name` when nobody holds it (or the holder's lease ran out) and, when
 * `mustBeDue`, the job is due (`nextRunAt` passed). One INSERT … ON CONFLICT DO UPDATE … WHERE:
 * true when this holder has it. Times by `sqliteDate`.
 */
export async function takeJobLease(db: Db, lease: { name: string; holder: string; until: string; startedAt: string; mustBeDue: boolean }) {
  const due = lease.mustBeDue
    ? ` AND ("JobLease"."nextRunAt" IS NULL OR julianday("JobLease"."nextRunAt") <= julianday(excluded."lastStartedAt"))`
    : "";
  const taken = await write(
    db,
    `INSERT INTO "JobLease" ("name", "holder", "leaseUntil", "lastStartedAt", "failures", "runs") VALUES (?, ?, ?, ?, 0, 0)
     ON CONFLICT ("name") DO UPDATE SET "holder" = excluded."holder", "leaseUntil" = excluded."leaseUntil", "lastStartedAt" = excluded."lastStartedAt"
     WHERE ("JobLease"."holder" IS NULL OR "JobLease"."leaseUntil" IS NULL OR julianday("JobLease"."leaseUntil") <= julianday(excluded."lastStartedAt"))${due}`,
    [lease.name, lease.holder, lease.until, lease.startedAt],
  );
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
    `UPDATE "JobLease" SET "holder" = NULL, "leaseUntil" = NULL, "lastFinishedAt" = ?, "lastDurationMs" = ?, "runs" = "runs" + 1, "nextRunAt" = ?,
       "lastError" = coalesce(?, "lastError"), "lastErrorAt" = CASE WHEN ? IS NULL THEN "lastErrorAt" ELSE ? END,
       "failures" = "failures" + (? IS NOT NULL)
     WHERE "name" = ? AND "holder" = ?`,
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
