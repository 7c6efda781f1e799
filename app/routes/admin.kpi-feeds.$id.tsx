import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, PageHeader } from "~/components/forms";
import { useT } from "~/components/i18n";
import { FeedForm } from "~/components/integration/feed-form";
import { requirePermission } from "~/modules/auth/guards.server";
import { FeedMappingSchema } from "~/modules/integration/feed-mapping";
import { FeedFormSchema, feedInput } from "~/modules/integration/feed-form";
import { deleteFeed, pullFeed, saveFeed, type PullError } from "~/modules/integration/kpi-feeds.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "kpi.manage");
  const { id } = parseParams(args.params, idParam);
  const feed = await db.kpiFeed.findUnique({ where: { id } });
  invariantResponse(feed, 404);
  const [periods, pulls] = await Promise.all([
    db.appraisalPeriod.findMany({
      where: { OR: [{ status: "open" }, { id: feed.periodId }] },
      orderBy: { startsOn: "desc" },
      select: { id: true, code: true },
    }),
    db.kpiFeedPull.findMany({ where: { feedId: id }, orderBy: { startedAt: "desc" }, take: 50 }),
  ]);
  const mapping = FeedMappingSchema.parse(JSON.parse(feed.mappingJson));
  return {
    feed: { id: feed.id, name: feed.name, hasSecret: Boolean(feed.authSecretSealed) },
    defaults: {
      name: feed.name,
      url: feed.url,
      authHeaderName: feed.authHeaderName ?? "",
      periodId: feed.periodId,
      intervalMinutes: String(feed.intervalMinutes),
      enabled: feed.enabled ? "on" : undefined,
      ...mapping,
    },
    periods,
    pulls: pulls.map((p) => ({
      id: p.id,
      trigger: p.trigger,
      status: p.status,
      startedAt: p.startedAt.toISOString(),
      rowsReceived: p.rowsReceived,
      rowsImported: p.rowsImported,
      errors: p.errorsJson ? (JSON.parse(p.errorsJson) as PullError[]) : [],
    })),
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.manage");
  const { id } = parseParams(args.params, idParam);
  invariantResponse(await db.kpiFeed.findUnique({ where: { id }, select: { id: true } }), 404);
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  if (intent === "pull") {
    const pull = await pullFeed(db, id, "manual");
    invariantResponse(pull, 409);
    return redirectWithFlash(`/admin/kpi-feeds/${id}`, {
      kind: pull.status === "imported" ? "success" : "error",
      message: `feeds.status.${pull.status}`,
    });
  }
  if (intent === "delete") {
    await deleteFeed(db, user.userId, id);
    return redirectWithFlash("/admin/kpi-feeds", { kind: "success", message: "feeds.deleted" });
  }
  const submission = parseWithZod(formData, { schema: FeedFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await saveFeed(db, user.userId, feedInput(submission.value), id);
  return redirectWithFlash(`/admin/kpi-feeds/${id}`, { kind: "success", message: "feeds.saved" });
}

export default function KpiFeed() {
  const t = useT();
  const { feed, defaults, periods, pulls } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <section>
      <PageHeader
        title={feed.name}
        actions={
          <Form method="post" className="inline-form">
            <button type="submit" name="intent" value="pull" className="primary">
              {t("feeds.pullNow")}
            </button>
          </Form>
        }
      />
      <h2>{t("feeds.history")}</h2>
      <DataTable
        rows={pulls}
        rowKey={(p) => p.id}
        empty="feeds.noHistory"
        columns={[
          { key: "startedAt", header: "feeds.lastPull", cell: (p) => formatDateTime(p.startedAt) },
          { key: "trigger", header: "feeds.trigger", cell: (p) => t(`feeds.trigger.${p.trigger}`) },
          {
            key: "status",
            header: "tokens.status",
            cell: (p) => <span className={`badge ${p.status === "imported" ? "ok" : "bad"}`}>{t(`feeds.status.${p.status}`)}</span>,
          },
          { key: "rowsReceived", header: "feeds.rowsReceived", numeric: true, cell: (p) => p.rowsReceived },
          { key: "rowsImported", header: "feeds.rowsImported", numeric: true, cell: (p) => p.rowsImported },
          {
            key: "errors",
            header: "feeds.errors",
            cell: (p) =>
              p.errors.length ? (
                <ul>
                  {p.errors.slice(0, 10).map((e, i) => (
                    <li key={i}>
                      {e.row !== undefined ? `#${e.row + 1}${e.field ? ` ${e.field}` : ""}: ` : ""}
                      {t(e.message)}
                    </li>
                  ))}
                </ul>
              ) : null,
          },
        ]}
      />
      <div className="panel">
        <h2>{t("common.edit")}</h2>
        <FeedForm lastResult={lastResult} defaults={defaults} periods={periods} hasSecret={feed.hasSecret} />
      </div>
      <Form method="post" className="inline-form">
        <input type="hidden" name="intent" value="delete" />
        <ConfirmButton confirm={t("feeds.deleteConfirm")}>{t("feeds.delete")}</ConfirmButton>
      </Form>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
