import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createSession } from "~/modules/auth/session.server";
import { closeDueSurveys, createSurvey, launchSurvey } from "~/modules/surveys/campaigns/campaigns.server";
import { createPrismaClient, db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { JOB_NAMES, JOBS, type JobDefinition } from "./jobs.server";
import { takeLease } from "./lease.server";
import { errorKey, runDefinition, runJob, schedulerRunning, startScheduler, stopScheduler } from "./scheduler.server";
import { jobStatuses } from "./status.server";

const DAY = 24 * 60 * 60 * 1000;
let org: Awaited<ReturnType<typeof demoOrg>>;

beforeAll(async () => {
  org = await demoOrg();
});

afterEach(async () => {
  await stopScheduler();
});

const lease = (name: string) => db.jobLease.findUnique({ where: { name } });

describe("job leases", () => {
  it("one holder at a time; a lease that ran out is taken over; a job not due is left alone", async () => {
    const now = new Date("2026-06-01T08:00:00Z");
    expect(await takeLease(db, "test.lease", "a", 60_000, now)).toBe(true);
    expect(await takeLease(db, "test.lease", "b", 60_000, new Date(now.getTime() + 59_000), true)).toBe(false);
    // Process "a" was killed: once its lease ran out, "b" takes the job.
    expect(await takeLease(db, "test.lease", "b", 60_000, new Date(now.getTime() + 60_000))).toBe(true);
    expect((await lease("test.lease"))?.holder).toBe("b");

    await db.jobLease.update({
      where: { name: "test.lease" },
      data: { holder: null, leaseUntil: null, nextRunAt: new Date(now.getTime() + 5 * 60_000) },
    });
    expect(await takeLease(db, "test.lease", "c", 60_000, new Date(now.getTime() + 2 * 60_000))).toBe(false);
    expect(await takeLease(db, "test.lease", "c", 60_000, new Date(now.getTime() + 2 * 60_000), true)).toBe(true);
  });

  it("gives a lease to exactly one of two processes racing for it, for a new job and for a free one", async () => {
    // Two clients of their own, with their own connections: what two app processes on one database are.
    const processes = [createPrismaClient(process.env.DATABASE_URL!), createPrismaClient(process.env.DATABASE_URL!)];
    try {
      const now = new Date("2026-06-01T08:00:00Z");
      for (let round = 0; round < 20; round++) {
        const name = `test.race.${round}`;
        // A job no process has run yet: both insert its first row at once.
        const first = await Promise.all(processes.map((p, i) => takeLease(p, name, `p${i}`, 60_000, now)));
        expect(first.filter(Boolean)).toHaveLength(1);
        expect((await lease(name))?.holder).toBe(`p${first.indexOf(true)}`);
        // Its lease ran out: both take it over at once.
        const later = new Date(now.getTime() + 60_000);
        const second = await Promise.all(processes.map((p, i) => takeLease(p, name, `q${i}`, 60_000, later)));
        expect(second.filter(Boolean)).toHaveLength(1);
        expect((await lease(name))?.holder).toBe(`q${second.indexOf(true)}`);
      }
    } finally {
      await Promise.all(processes.map((p) => p.$disconnect()));
    }
  });
});

describe("running jobs", () => {
  it("runs a job on demand and records the run, its duration and when it is next due", async () => {
    const { id: userId } = await db.user.findFirstOrThrow({ select: { id: true } });
    await createSession(db, userId, new Date("2020-01-01T00:00:00Z"));
    const outcome = await runJob("sessions.purge");
    expect(outcome).toMatchObject({ ran: true, ok: true });
    expect(await db.session.count({ where: { expiresAt: { lte: new Date() } } })).toBe(0);
    const row = await lease("sessions.purge");
    expect(row).toMatchObject({ holder: null, leaseUntil: null, runs: 1, failures: 0, lastError: null });
    expect(row!.lastDurationMs).toBeGreaterThanOrEqual(0);
    expect(row!.nextRunAt!.getTime() - row!.lastFinishedAt!.getTime()).toBe(60 * 60_000);
    expect(await runJob("no.such.job")).toEqual({ ran: false, reason: "unknown" });
  });

  it("refuses a second run while one is under way, here or in another process", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: JobDefinition = { name: "test.slow", intervalMs: 60_000, leaseMs: 60_000, run: () => gate };
    const first = runDefinition(slow);
    expect(await runDefinition(slow)).toEqual({ ran: false, reason: "busy" });
    release();
    expect(await first).toMatchObject({ ran: true, ok: true });

    // Another process holds the lease of sessions.purge.
    await takeLease(db, "sessions.purge", "elsewhere", 60_000, new Date(), true);
    expect(await runJob("sessions.purge")).toEqual({ ran: false, reason: "busy" });
    await db.jobLease.update({ where: { name: "sessions.purge" }, data: { holder: null, leaseUntil: null } });
  });

  it("keeps a failure's error class, never its message", async () => {
    class PayrollError extends Error {}
    const failing: JobDefinition = {
      name: "test.failing",
      intervalMs: 60_000,
      leaseMs: 60_000,
      run: () => Promise.reject(new PayrollError("张三 E000123 salary 12345")),
    };
    expect(await runDefinition(failing)).toMatchObject({ ran: true, ok: false, error: "Error" });
    const row = await lease("test.failing");
    expect(row).toMatchObject({ failures: 1, runs: 1, lastError: "Error", holder: null });
    expect(JSON.stringify(row)).not.toContain("E000123");
    expect(errorKey(Object.assign(new TypeError("x"), { code: "P2002" }))).toBe("TypeError:P2002");
    expect(errorKey(Object.assign(new Error("x"), { code: "with spaces and 张三" }))).toBe("Error");
    // A later success keeps the count and the last error for the operators' page.
    const ok: JobDefinition = { ...failing, run: async () => undefined };
    await runDefinition(ok);
    expect(await lease("test.failing")).toMatchObject({ failures: 1, runs: 2, lastError: "Error" });
  });

  it("closes a survey at its closing time and aggregates its results (the loaders no longer do)", async () => {
    const hr = org.userId.get("E000003")!;
    const survey = await createSurvey(db, hr, {
      templateId: "pulse",
      opensAt: new Date(Date.now() - 2 * DAY),
      closesAt: new Date(Date.now() + DAY),
      population: { unitIds: [org.unitId.get("JC-GE-VPN")!], tracks: [] },
    });
    await launchSurvey(db, hr, survey.id);
    await db.survey.update({ where: { id: survey.id }, data: { closesAt: new Date(Date.now() - 1000) } });
    expect(await runJob("surveys.close")).toMatchObject({ ran: true, ok: true });
    expect((await db.survey.findUniqueOrThrow({ where: { id: survey.id } })).status).toBe("closed");
    expect(await db.surveyResultSet.count({ where: { surveyId: survey.id } })).toBe(1);
    expect(await closeDueSurveys(db)).toBe(0);
  });

  it("lists every job for the operators' page", async () => {
    const statuses = await jobStatuses(db);
    expect(statuses.map((s) => s.name)).toEqual(JOB_NAMES);
    expect(statuses.find((s) => s.name === "sessions.purge")?.runs).toBeGreaterThanOrEqual(1);
    expect(new Set(JOBS.map((j) => j.name)).size).toBe(JOBS.length);
  });
});

describe("the scheduler", () => {
  it("does not start under Vitest unless asked; when asked, runs due jobs and stops cleanly", async () => {
    startScheduler();
    expect(schedulerRunning()).toBe(false);

    await db.jobLease.deleteMany({ where: { name: "invitations.purge" } });
    startScheduler({ force: true, tickMs: 50 });
    expect(schedulerRunning()).toBe(true);
    for (let i = 0; i < 200 && !(await lease("invitations.purge"))?.lastFinishedAt; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await stopScheduler()).toBe(true);
    expect(schedulerRunning()).toBe(false);
    const rows = await db.jobLease.findMany({ where: { name: { in: JOB_NAMES } } });
    expect(rows.find((r) => r.name === "invitations.purge")?.lastFinishedAt).not.toBeNull();
    // Every lease was given back.
    expect(rows.filter((r) => r.holder !== null)).toEqual([]);
  }, 60_000);
});
