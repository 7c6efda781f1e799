import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ConfirmButton, PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { DataTable } from "~/components/ui/data-table";
import { audit } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { JOB_NAMES, type JobName } from "~/server/jobs/jobs.server";
import { runJob } from "~/server/jobs/scheduler.server";
import { jobStatuses } from "~/server/jobs/status.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
import { EMPTY, formatDateTime } from "~/utils/format";
import { z } from "~/utils/validation";

/** How long "run now" waits for the job before answering that it is still running. */
const RUN_NOW_WAIT_MS = 10_000;

const RESULT_MESSAGES = {
  ok: "jobs.ran",
  failed: "jobs.failed",
  running: "jobs.stillRunning",
  busy: "jobs.busy",
  notDue: "jobs.busy",
  unknown: "jobs.busy",
} as const;

const RunSchema = z.object({ intent: z.literal("run"), name: z.enum(JOB_NAMES as [JobName, ...JobName[]]) }).strict();

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "system.admin");
  const jobs = await jobStatuses(db);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    jobs: jobs.map((j) => ({
      ...j,
      lastStartedAt: iso(j.lastStartedAt),
      lastFinishedAt: iso(j.lastFinishedAt),
      nextRunAt: iso(j.nextRunAt),
      lastErrorAt: iso(j.lastErrorAt),
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "system.admin");
  const parsed = RunSchema.safeParse(Object.fromEntries(await args.request.formData()));
  invariantResponse(parsed.success, 400);
  const { name } = parsed.data;
  const run = runJob(name);
  const outcome = await Promise.race([run, new Promise<null>((resolve) => setTimeout(() => resolve(null), RUN_NOW_WAIT_MS).unref())]);
  const result: keyof typeof RESULT_MESSAGES = outcome === null ? "running" : !outcome.ran ? outcome.reason : outcome.ok ? "ok" : "failed";
  await audit(db, {
    actorId: user.userId,
    action: "job.runNow",
    entity: "JobLease",
    entityId: name,
    after: { result, ...(outcome?.ran && outcome.error ? { error: outcome.error } : {}) },
  });
  return redirectWithFlash("/admin/jobs", {
    kind: result === "ok" || result === "running" ? "success" : "error",
    message: RESULT_MESSAGES[result],
  });
}

export default function Jobs() {
  const t = useT();
  const { jobs } = useLoaderData<typeof loader>();
  const when = (iso: string | null) => (iso ? formatDateTime(iso) : null);
  const every = (ms: number) =>
    ms % 60_000 === 0 ? t("jobs.minutes", { n: ms / 60_000 }) : t("jobs.seconds", { n: Math.round(ms / 1000) });
  return (
    <section>
      <PageHeader title={t("jobs.title")}>
        <p className="hint">{t("jobs.intro")}</p>
      </PageHeader>
      <DataTable
        testId="jobs"
        rows={jobs}
        rowKey={(j) => j.name}
        rowProps={(j) => ({ "data-job": j.name })}
        columns={[
          {
            key: "job",
            header: "jobs.job",
            rowHeader: true,
            cell: (j) => (
              <>
                {t(`jobs.name.${j.name}`)} <code>{j.name}</code>
                {j.running ? <span className="badge ok">{t("jobs.running")}</span> : null}
              </>
            ),
          },
          { key: "interval", header: "jobs.interval", cell: (j) => every(j.intervalMs) },
          { key: "lastRun", header: "jobs.lastRun", cell: (j) => when(j.lastStartedAt) ?? t("jobs.never") },
          {
            key: "lastDuration",
            header: "jobs.lastDuration",
            numeric: true,
            cell: (j) => (j.lastDurationMs === null ? EMPTY : t("jobs.milliseconds", { n: j.lastDurationMs })),
          },
          { key: "nextRun", header: "jobs.nextRun", cell: (j) => when(j.nextRunAt) ?? t("jobs.dueNow") },
          { key: "runs", header: "jobs.runs", numeric: true, cell: (j) => j.runs },
          { key: "failures", header: "jobs.failures", numeric: true, cell: (j) => j.failures },
          {
            key: "lastError",
            header: "jobs.lastError",
            cell: (j) =>
              j.lastError ? (
                <>
                  <code>{j.lastError}</code> {when(j.lastErrorAt)}
                </>
              ) : (
                t("jobs.noError")
              ),
          },
          {
            key: "actions",
            header: "common.actions",
            cell: (j) => (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="run" />
                <input type="hidden" name="name" value={j.name} />
                <ConfirmButton className="" confirm={t("jobs.confirmRun")}>
                  {t("jobs.runNow")}
                </ConfirmButton>
              </Form>
            ),
          },
        ]}
      />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
