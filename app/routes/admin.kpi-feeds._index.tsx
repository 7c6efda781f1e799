import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { FeedForm } from "~/components/integration/feed-form";
import { requirePermission } from "~/modules/auth/guards.server";
import { FeedFormSchema, feedInput } from "~/modules/integration/feed-form";
import { saveFeed } from "~/modules/integration/kpi-feeds.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { EMPTY, formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "kpi.manage");
  const [feeds, periods] = await Promise.all([
    db.kpiFeed.findMany({
      orderBy: { name: "asc" },
      select: {
        id: true,
        name: true,
        url: true,
        enabled: true,
        intervalMinutes: true,
        lastPullAt: true,
        pulls: { orderBy: { startedAt: "desc" }, take: 1, select: { status: true } },
      },
    }),
    db.appraisalPeriod.findMany({ where: { status: "open" }, orderBy: { startsOn: "desc" }, select: { id: true, code: true } }),
  ]);
  return {
    feeds: feeds.map((f) => ({
      ...f,
      host: new URL(f.url).host,
      lastPullAt: f.lastPullAt?.toISOString() ?? null,
      lastStatus: f.pulls[0]?.status ?? null,
    })),
    periods,
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.manage");
  const submission = parseWithZod(await args.request.formData(), { schema: FeedFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const feed = await saveFeed(db, user.userId, feedInput(submission.value));
  return redirectWithFlash(`/admin/kpi-feeds/${feed.id}`, { kind: "success", message: "feeds.created" });
}

export default function KpiFeeds() {
  const t = useT();
  const { feeds, periods } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section>
      <PageHeader title={t("feeds.title")}>
        <p className="hint">{t("feeds.intro")}</p>
      </PageHeader>
      <DataTable
        rows={feeds}
        rowKey={(f) => f.id}
        empty="feeds.none"
        columns={[
          { key: "name", header: "feeds.name", cell: (f) => <Link to={`/admin/kpi-feeds/${f.id}`}>{f.name}</Link>, sort: (f) => f.name },
          { key: "url", header: "feeds.url", cell: (f) => f.host },
          { key: "interval", header: "feeds.interval", cell: (f) => (f.enabled ? f.intervalMinutes : EMPTY) },
          {
            key: "lastPull",
            header: "feeds.lastPull",
            cell: (f) => (f.lastPullAt ? `${formatDateTime(f.lastPullAt)} · ${t(`feeds.status.${f.lastStatus ?? "running"}`)}` : EMPTY),
            sort: (f) => f.lastPullAt,
          },
        ]}
      />
      <div className="panel">
        <h2>{t("feeds.new")}</h2>
        <FeedForm
          lastResult={lastResult}
          defaults={{ intervalMinutes: "60", enabled: "on", authHeaderName: "Authorization" }}
          periods={periods}
          hasSecret={false}
        />
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
