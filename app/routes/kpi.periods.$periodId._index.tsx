import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { Pagination } from "~/components/pagination";
import { requirePermission } from "~/modules/auth/guards.server";
import { may, unitWhere } from "~/modules/auth/scope";
import { getPeriod, setPeriodStatus } from "~/modules/kpi/library.server";
import { copyPreviousPlans, listPlans } from "~/modules/kpi/plans.server";
import { periodScores } from "~/modules/kpi/scores.server";
import { formatScore } from "~/modules/kpi/units";
import { EMPTY } from "~/utils/format";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { domainError, refusal } from "~/utils/domain-error.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { pageFromUrl, pageOf } from "~/utils/pagination";
import { formatDateRange } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

const Params = z.object({ periodId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const PAGE_SIZE = 25;

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "kpi.view");
  const { periodId } = parseParams(args.params, Params);
  const period = await getPeriod(db, periodId);
  invariantResponse(period, 404);
  const asked = pageFromUrl(args.request.url);
  const people = await db.employee.findMany({
    where: { unit: unitWhere(user) },
    orderBy: { employeeNo: "asc" },
    select: {
      id: true,
      employeeNo: true,
      name: true,
      unit: { select: { nameZh: true, nameEn: true } },
      position: { select: { nameZh: true, nameEn: true } },
    },
  });
  const { scores, missing, malformed } = await periodScores(db, periodId, { employeeIds: people.map((p) => p.id) });
  const byId = new Map(people.map((p) => [p.id, p]));
  const appraised = scores
    .map((s) => ({
      ...byId.get(s.employeeId)!,
      total: s.total,
      kpiCount: s.lines.length,
      missing: s.lines.filter((l) => l.actual === null).length,
    }))
    .sort((a, b) => a.employeeNo.localeCompare(b.employeeNo));
  const { page, pageCount, rows } = pageOf(appraised, asked, PAGE_SIZE);
  return {
    period,
    plans: (await listPlans(db, periodId)).filter((p) => p.planned || p.staff > 0),
    rows,
    total: appraised.length,
    page,
    pageCount,
    missing: missing
      .slice(0, 200)
      .map((m) => ({ ...m, employeeNo: byId.get(m.employeeId)!.employeeNo, name: byId.get(m.employeeId)!.name })),
    missingCount: missing.length,
    malformed: malformed
      .slice(0, 200)
      .map((m) => ({ ...m, employeeNo: byId.get(m.employeeId)!.employeeNo, name: byId.get(m.employeeId)!.name })),
    malformedCount: malformed.length,
    canManage: may(user, "kpi.manage"),
  };
}

const StatusSchema = z.object({ intent: z.enum(["close", "reopen", "copyPlans"]) }).strict();

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.manage");
  const { periodId } = parseParams(args.params, Params);
  const parsed = StatusSchema.safeParse(Object.fromEntries(await args.request.formData()));
  if (!parsed.success) return data({ error: "errors.page.badRequest.body" }, { status: 400 });
  invariantResponse(await getPeriod(db, periodId), 404);
  if (parsed.data.intent === "copyPlans") {
    try {
      const result = await copyPreviousPlans(db, user.userId, periodId);
      return redirectWithFlash(`/kpi/periods/${periodId}`, {
        kind: "success",
        message: result.copied > 0 ? "kpi.plansCopied" : "kpi.plansCopiedNone",
      });
    } catch (error) {
      const refused = domainError(error);
      return refusal(refused, { error: refused.key });
    }
  }
  await setPeriodStatus(db, user.userId, periodId, parsed.data.intent === "close" ? "closed" : "open");
  return redirectWithFlash(`/kpi/periods/${periodId}`, {
    kind: "success",
    message: parsed.data.intent === "close" ? "kpi.periodClosed" : "kpi.periodReopened",
  });
}

export default function PeriodOverview() {
  const t = useT();
  const locale = useLocale();
  const { period, plans, rows, total, page, pageCount, missing, missingCount, malformed, malformedCount, canManage } =
    useLoaderData<typeof loader>();
  const actionError = (useActionData<typeof action>() as { error?: string } | undefined)?.error;
  const open = period.status === "open";
  return (
    <section>
      <PageHeader
        title={t("kpi.periodTitle", { code: period.code })}
        actions={
          <>
            {canManage && open ? (
              <>
                <Link className="button" to={`/kpi/periods/${period.id}/import`}>
                  {t("kpi.importActuals")}
                </Link>
                <Link className="button" to={`/kpi/periods/${period.id}/allocate`}>
                  {t("kpi.allocate")}
                </Link>
              </>
            ) : null}
            <Link className="button" to={`/kpi/periods/${period.id}/joint`}>
              {t("kpi.joint")}
            </Link>
            <Link className="button" to={`/kpi/periods/${period.id}/confirmations`}>
              {t("talk.targets.pageLink")}
            </Link>
          </>
        }
      >
        <p>
          {t(`kpi.periodKind.${period.kind}`)} · {formatDateRange(period.startsOn, period.endsOn)} ·{" "}
          <span className={`badge ${open ? "ok" : ""}`}>{t(`kpi.status.${period.status}`)}</span>
        </p>
      </PageHeader>

      {malformedCount > 0 ? (
        <div className="panel" role="alert" data-testid="malformed-lines">
          <h2>{t("kpi.malformedTitle", { count: malformedCount })}</h2>
          <p className="hint">{t("kpi.malformedHint")}</p>
          <ul>
            {malformed.map((m) => (
              <li key={`${m.employeeId}-${m.kpiCode}`}>
                <Link to={`/kpi/periods/${period.id}/employees/${m.employeeId}`}>
                  {m.employeeNo} {m.name}
                </Link>{" "}
                · <code>{m.kpiCode}</code> · {t(`kpi.curveProblem.${m.problem}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {missingCount > 0 ? (
        <div className="panel" role="alert" data-testid="missing-actuals">
          <h2>{t("kpi.missingTitle", { count: missingCount })}</h2>
          <p className="hint">{t("kpi.missingHint")}</p>
          <ul>
            {missing.map((m) => (
              <li key={`${m.employeeId}-${m.kpiCode}`}>
                <Link to={`/kpi/periods/${period.id}/employees/${m.employeeId}`}>
                  {m.employeeNo} {m.name}
                </Link>{" "}
                · <code>{m.kpiCode}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <div className="panel">
        <h2>{t("kpi.plans")}</h2>
        <DataTable
          rows={plans}
          rowKey={(p) => p.id}
          empty={null}
          columns={[
            {
              key: "position",
              header: "org.position",
              cell: (p) => (
                <>
                  <Link to={`/kpi/periods/${period.id}/plans/${p.id}`}>{pick(locale, p)}</Link>
                  {p.planned ? null : <span className="hint"> · {t("kpi.noPlan")}</span>}
                </>
              ),
            },
            { key: "staff", header: "kpi.staff", numeric: true, cell: (p) => p.staff },
            {
              key: "kpiCount",
              header: "kpi.kpiCount",
              numeric: true,
              cell: (p) => (
                <>
                  {p.kpiCount}
                  {p.kpiCount > 8 ? <span className="badge warn"> {t("kpi.tooMany")}</span> : null}
                </>
              ),
            },
            { key: "weightTotal", header: "kpi.weightTotal", numeric: true, cell: (p) => (p.planned ? `${p.weightTotal}%` : EMPTY) },
          ]}
        />
      </div>

      <h2>{t("kpi.scores")}</h2>
      <DataTable
        testId="period-scores"
        rows={rows}
        rowKey={(r) => r.id}
        empty="kpi.noScores"
        columns={[
          { key: "employeeNo", header: "org.employeeNo", cell: (r) => r.employeeNo },
          { key: "name", header: "org.name", cell: (r) => <Link to={`/kpi/periods/${period.id}/employees/${r.id}`}>{r.name}</Link> },
          { key: "unit", header: "org.unit", cell: (r) => pick(locale, r.unit) },
          { key: "position", header: "org.position", cell: (r) => pick(locale, r.position) },
          { key: "kpiCount", header: "kpi.kpiCount", numeric: true, cell: (r) => r.kpiCount },
          {
            key: "total",
            header: "kpi.total",
            numeric: true,
            cell: (r) =>
              r.total === null ? <span className="badge bad">{t("kpi.missingCount", { count: r.missing })}</span> : formatScore(r.total),
          },
        ]}
      />
      {rows.length ? <Pagination page={page} pageCount={pageCount} total={total} /> : null}

      {canManage ? (
        <Form method="post" className="panel">
          {actionError ? (
            <p className="notice error" role="alert">
              {t(actionError)}
            </p>
          ) : null}
          {open ? (
            <ConfirmButton name="intent" value="copyPlans" confirm={t("kpi.confirmCopyPlans")} className="">
              {t("kpi.copyPlans")}
            </ConfirmButton>
          ) : null}{" "}
          {open ? (
            <ConfirmButton name="intent" value="close" confirm={t("kpi.confirmClose")}>
              {t("kpi.closePeriod")}
            </ConfirmButton>
          ) : (
            <ConfirmButton name="intent" value="reopen" confirm={t("kpi.confirmReopen")} className="">
              {t("kpi.reopenPeriod")}
            </ConfirmButton>
          )}
        </Form>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
