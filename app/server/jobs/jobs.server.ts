import { purgeExpiredSessions } from "~/modules/auth/session.server";
import { purgeSpentInvitations } from "~/modules/auth/password-reset.server";
import { pullDueFeeds } from "~/modules/integration/kpi-feeds.server";
import { keepClosedPeriodTotals } from "~/modules/kpi/period-totals.server";
import { deliverDueNotifications } from "~/modules/notifications/delivery.server";
import { closeDueSurveys } from "~/modules/surveys/campaigns/campaigns.server";
import { computeMissingResults } from "~/modules/surveys/reports/report-aggregates.server";
import { rewriteAnonymousSuggestions } from "~/modules/suggestions/tokens.server";
import { remindActionOwners } from "~/modules/surveys/reports/plan-action-reminders.server";
import { prepareTokenKeys } from "~/modules/surveys/responding/tokens.server";
import { requestDueBehaviourAssessments } from "~/modules/training/evaluation/behaviour.server";
import { checkpointWal } from "~/utils/anonymous-writes.server";
import type { Db } from "~/utils/db.server";

/**
 * Every piece of background work of the application. A job is idempotent (running it twice, or
 * after a crash half-way, does no harm) and takes the database as its argument; the scheduler
 * (`scheduler.server.ts`) runs each at most once per interval across all processes, under the
 * job's lease. To add one: a name (it is a translation key suffix too, `jobs.name.<name>`), an
 * interval, the lease it needs (longer than a run can take) and the function.
 */
export type JobDefinition = {
  name: string;
  intervalMs: number;
  /** How long a run may hold the lease before another process may take the job over; renewed while running. */
  leaseMs: number;
  run: (db: Db, now: Date) => Promise<unknown>;
};

const MINUTE = 60_000;

export const JOBS = [
  {
    // Closing writes the results (SurveyResultSet …) and compacts the file; a closed wave without
    // results (a crash between the two) gets them on the next run.
    name: "surveys.close",
    intervalMs: MINUTE,
    leaseMs: 30 * MINUTE,
    run: async (db, now) => {
      const closed = await closeDueSurveys(db, now);
      await computeMissingResults(db);
      return closed;
    },
  },
  {
    // A survey's cells get their signing keys soon after launch, not when their first respondent asks.
    name: "surveys.tokenKeys",
    intervalMs: MINUTE,
    leaseMs: 10 * MINUTE,
    run: (db, now) => prepareTokenKeys(db, now),
  },
  {
    // Owners of survey actions (and the plan's head) hear before the due day and once it has passed.
    name: "surveys.actionReminders",
    intervalMs: 60 * MINUTE,
    leaseMs: 10 * MINUTE,
    run: (db, now) => remindActionOwners(db, now),
  },
  {
    // PostgreSQL only (nothing to do on SQLite): anonymous suggestions that arrived since the last
    // run are rewritten, with the older ones, in key order under one transaction id.
    name: "suggestions.rewriteAnonymous",
    intervalMs: 5 * MINUTE,
    leaseMs: 10 * MINUTE,
    run: (db) => rewriteAnonymousSuggestions(db),
  },
  {
    name: "kpi.periodTotals",
    intervalMs: 5 * MINUTE,
    leaseMs: 30 * MINUTE,
    run: (db) => keepClosedPeriodTotals(db),
  },
  {
    name: "notifications.deliver",
    intervalMs: 30_000,
    leaseMs: 10 * MINUTE,
    run: async (db) => {
      // Drain while whole batches go through, so a backlog does not wait a run per 50 messages.
      for (let round = 0; round < 20; round++) {
        const report = await deliverDueNotifications(db);
        if (report.delivered < 50) break;
      }
    },
  },
  {
    name: "kpiFeeds.pull",
    intervalMs: MINUTE,
    leaseMs: 15 * MINUTE,
    run: (db, now) => pullDueFeeds(db, now),
  },
  {
    name: "training.behaviourRequests",
    intervalMs: 60 * MINUTE,
    leaseMs: 10 * MINUTE,
    run: (db, now) => requestDueBehaviourAssessments(db, now),
  },
  {
    name: "sessions.purge",
    intervalMs: 60 * MINUTE,
    leaseMs: 10 * MINUTE,
    run: (db, now) => purgeExpiredSessions(db, now),
  },
  {
    name: "invitations.purge",
    intervalMs: 60 * MINUTE,
    leaseMs: 10 * MINUTE,
    run: (db, now) => purgeSpentInvitations(db, now),
  },
  {
    // The anonymous writer truncates the WAL around every batch and retries for a while when a
    // reader holds it up; this catches a truncation it gave up on.
    name: "database.walCheckpoint",
    intervalMs: 5 * MINUTE,
    leaseMs: 5 * MINUTE,
    run: (db) => checkpointWal(db),
  },
] as const satisfies readonly JobDefinition[];

export type JobName = (typeof JOBS)[number]["name"];

export const JOB_NAMES = JOBS.map((j) => j.name) as JobName[];

export function jobNamed(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
