import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ConfirmButton, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { audit } from "~/modules/audit/audit.server";
import { requirePermission } from "~/modules/auth/guards.server";
import { JOB_NAMES, type JobName } from "~/server/jobs/jobs.server";
import { runJob } from "~/server/jobs/scheduler.server";
import { jobStatuses } from "~/server/jobs/status.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse } from "~/utils/http.server";
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
  const locale = useLocale();
  const { jobs } = useLoaderData<typeof loader>();
  const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString(locale) : null);
  const every = (ms: number) =>
    ms % 60_000 === 0 ? t("jobs.minutes", { n: ms / 60_000 }) : t("jobs.seconds", { n: Math.round(ms / 1000) });
  return (
    <section>
      <PageHeader title={t("jobs.title")}>
        <p className="hint">{t("jobs.intro")}</p>
      </PageHeader>
      <table className="data-table" data-testid="jobs">
        <thead>
          <tr>
            <th scope="col">{t("jobs.job")}</th>
            <th scope="col">{t("jobs.interval")}</th>
            <th scope="col">{t("jobs.lastRun")}</th>
            <th scope="col" className="num">
              {t("jobs.lastDuration")}
            </th>
            <th scope="col">{t("jobs.nextRun")}</th>
            <th scope="col" className="num">
              {t("jobs.runs")}
            </th>
            <th scope="col" className="num">
              {t("jobs.failures")}
            </th>
            <th scope="col">{t("jobs.lastError")}</th>
            <th scope="col">{t("common.actions")}</th>
          </tr>
        </thead>
        <tbody>
          {jobs.map((j) => (
            <tr key={j.name} data-job={j.name}>
              <td>
                {t(`jobs.name.${j.name}`)} <code>{j.name}</code>
                {j.running ? <span className="badge ok">{t("jobs.running")}</span> : null}
              </td>
              <td>{every(j.intervalMs)}</td>
              <td>{when(j.lastStartedAt) ?? t("jobs.never")}</td>
              <td className="num">{j.lastDurationMs === null ? "–" : t("jobs.milliseconds", { n: j.lastDurationMs })}</td>
              <td>{when(j.nextRunAt) ?? t("jobs.dueNow")}</td>
              <td className="num">{j.runs}</td>
              <td className="num">{j.failures}</td>
              <td>
                {j.lastError ? (
                  <>
                    <code>{j.lastError}</code> {when(j.lastErrorAt)}
                  </>
                ) : (
                  t("jobs.noError")
                )}
              </td>
              <td>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="run" />
                  <input type="hidden" name="name" value={j.name} />
                  <ConfirmButton className="" confirm={t("jobs.confirmRun")}>
                    {t("jobs.runNow")}
                  </ConfirmButton>
                </Form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
