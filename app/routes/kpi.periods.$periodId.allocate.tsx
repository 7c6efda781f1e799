import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConfirmButton, EmptyState, FormErrors, PageHeader, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { commitAllocation, roomAllocation, saveBaselines } from "~/modules/kpi/allocation.server";
import { getPeriod, listKpis } from "~/modules/kpi/library.server";
import { formatValue, parseValue, toInput } from "~/modules/kpi/units";
import { db } from "~/utils/db.server";
import { domainError, refusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";

const Params = z.object({ periodId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const Query = z.object({
  unitId: id.optional().catch(undefined),
  kpiId: id.optional().catch(undefined),
  total: z.string().trim().max(30).optional().catch(undefined),
  revenueWeight: z.coerce.number().int().min(0).max(100).optional().catch(70),
});

async function context(args: LoaderFunctionArgs, params: URLSearchParams) {
  const { periodId } = parseParams(args.params, Params);
  const period = await getPeriod(db, periodId);
  invariantResponse(period, 404);
  const query = Query.parse(Object.fromEntries(params));
  const [rooms, kpis] = await Promise.all([
    db.unit.findMany({
      where: { kind: "room", active: true },
      orderBy: { sortOrder: "asc" },
      select: { id: true, nameZh: true, nameEn: true },
    }),
    listKpis(db, { activeOnly: true }).then((list) =>
      list.filter((k) => k.kind === "quantitative" && (k.unit === "fen" || k.unit === "count")),
    ),
  ]);
  const kpi = kpis.find((k) => k.id === query.kpiId);
  const room = rooms.find((r) => r.id === query.unitId);
  const total = kpi && query.total ? parseValue(kpi.unit, query.total) : null;
  return {
    period,
    rooms,
    kpis,
    kpi,
    room,
    total: total !== null && total >= 0 ? total : null,
    query,
    revenueWeight: query.revenueWeight ?? 70,
  };
}

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "kpi.manage");
  const c = await context(args, new URL(args.request.url).searchParams);
  const allocation = c.kpi && c.room ? await roomAllocation(db, c.period.id, c.room.id, c.kpi.id, c.total ?? 0, c.revenueWeight) : null;
  return { ...c, allocation, totalInvalid: Boolean(c.query.total && c.total === null) };
}

const BaselineRow = z
  .object({ employeeId: id, revenue: z.string().trim().min(1).max(30), importance: z.coerce.number().int().min(0).max(1_000_000) })
  .strict();
const BaselinesSchema = z.object({ intent: z.literal("baselines"), rows: z.array(BaselineRow).min(1).max(500) }).strict();
const CommitSchema = z.object({ intent: z.literal("commit"), split: z.enum(["equal", "byBaseline"]) }).strict();

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.manage");
  const url = new URL(args.request.url);
  const c = await context(args, url.searchParams);
  invariantResponse(c.kpi && c.room, 400);
  const formData = await args.request.formData();
  const back = `/kpi/periods/${c.period.id}/allocate${url.search}`;
  try {
    if (formData.get("intent") === "baselines") {
      const rows = new Map<number, Record<string, string>>();
      for (const [key, value] of formData) {
        const m = /^rows\[(\d+)\]\.(\w+)$/.exec(key);
        if (m && typeof value === "string") rows.set(Number(m[1]), { ...rows.get(Number(m[1])), [m[2]]: value });
      }
      // A row left blank saves nothing: that person stays without a baseline (shown, never counted as 0).
      const filled = [...rows.values()].filter((r) => (r.revenue ?? "").trim() !== "" || (r.importance ?? "").trim() !== "");
      const parsed = BaselinesSchema.safeParse({ intent: "baselines", rows: filled });
      if (!parsed.success) return data({ errors: [parsed.error.issues[0].message] }, { status: 400 });
      const people = new Set((await roomAllocation(db, c.period.id, c.room.id, c.kpi.id, 0, 70)).people.map((p) => p.id));
      const values = parsed.data.rows.map((r) => ({
        employeeId: r.employeeId,
        revenueFen: parseValue("fen", r.revenue),
        importance: r.importance,
      }));
      if (values.some((v) => v.revenueFen === null || v.revenueFen < 0)) return data({ errors: ["kpi.errors.value"] }, { status: 400 });
      if (values.some((v) => !people.has(v.employeeId))) return data({ errors: ["errors.notFound"] }, { status: 400 });
      await saveBaselines(db, user.userId, c.period.id, values as { employeeId: string; revenueFen: number; importance: number }[]);
      return redirectWithFlash(back, { kind: "success", message: "kpi.baselinesSaved" });
    }
    const parsed = CommitSchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success || c.total === null) return data({ errors: ["kpi.errors.total"] }, { status: 400 });
    await commitAllocation(db, user.userId, c.period.id, c.room.id, c.kpi.id, parsed.data.split, c.total, c.revenueWeight);
    return redirectWithFlash(back, { kind: "success", message: "kpi.allocationCommitted" });
  } catch (error) {
    const refused = domainError(error);
    return refusal(refused, { errors: [refused.message] });
  }
}

export default function Allocate() {
  const t = useT();
  const locale = useLocale();
  const { period, rooms, kpis, kpi, room, total, query, revenueWeight, allocation, totalInvalid } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return (
    <section>
      <PageHeader title={t("kpi.allocateTitle", { period: period.code })}>
        <p>
          <Link to={`/kpi/periods/${period.id}`}>{t("common.back")}</Link> · {t("kpi.allocateIntro")}
        </p>
      </PageHeader>
      <Form method="get" className="filter-bar">
        <label htmlFor="unitId">{t("kpi.room")}</label>
        <select id="unitId" name="unitId" defaultValue={room?.id ?? ""}>
          <option value="">—</option>
          {rooms.map((r) => (
            <option key={r.id} value={r.id}>
              {pick(locale, r)}
            </option>
          ))}
        </select>
        <label htmlFor="kpiId">{t("kpi.kpi")}</label>
        <select id="kpiId" name="kpiId" defaultValue={kpi?.id ?? ""}>
          <option value="">—</option>
          {kpis.map((k) => (
            <option key={k.id} value={k.id}>
              {k.code} · {pick(locale, k)}
            </option>
          ))}
        </select>
        <label htmlFor="total">{t("kpi.roomTarget")}</label>
        <input id="total" name="total" size={14} defaultValue={query.total ?? ""} aria-invalid={totalInvalid || undefined} />
        <label htmlFor="revenueWeight">{t("kpi.revenueWeight")}</label>
        <input id="revenueWeight" name="revenueWeight" type="number" min={0} max={100} defaultValue={revenueWeight} size={4} />
        <SubmitButton className="">{t("kpi.compare")}</SubmitButton>
      </Form>
      {totalInvalid ? <p className="field-errors">{t("kpi.errors.total")}</p> : null}
      <FormErrors errors={result?.errors} />
      {!allocation ? (
        <EmptyState>{t("kpi.allocateChoose")}</EmptyState>
      ) : allocation.people.length === 0 ? (
        <EmptyState>{t("kpi.errors.noPeopleForKpi")}</EmptyState>
      ) : (
        <>
          <Form method="post">
            <input type="hidden" name="intent" value="baselines" />
            <DataTable
              testId="allocation"
              rows={allocation.people}
              rowKey={(p) => p.id}
              empty={null}
              columns={[
                {
                  key: "name",
                  header: "org.name",
                  cell: (p, i) => (
                    <>
                      {p.name} <span className="hint">{p.employeeNo}</span>
                      <input type="hidden" name={`rows[${i}].employeeId`} value={p.id} />
                    </>
                  ),
                },
                {
                  key: "revenue",
                  header: "kpi.baselineRevenue",
                  cell: (p, i) => (
                    <>
                      <input
                        name={`rows[${i}].revenue`}
                        defaultValue={p.hasBaseline ? toInput("fen", p.revenueFen) : ""}
                        size={12}
                        aria-label={t("kpi.baselineRevenueOf", { name: p.name })}
                      />
                      {p.hasBaseline ? null : (
                        <span className="badge warn" data-testid="no-baseline">
                          {" "}
                          {t("kpi.noBaseline")}
                        </span>
                      )}
                    </>
                  ),
                },
                {
                  key: "importance",
                  header: "kpi.importance",
                  cell: (p, i) => (
                    <input
                      name={`rows[${i}].importance`}
                      type="number"
                      min={0}
                      defaultValue={p.hasBaseline ? p.importance : ""}
                      size={5}
                      aria-label={t("kpi.importanceOf", { name: p.name })}
                    />
                  ),
                },
                {
                  key: "currentTarget",
                  header: "kpi.currentTarget",
                  numeric: true,
                  cell: (p) => formatValue(kpi!.unit, p.currentTarget, locale),
                },
                {
                  key: "equal",
                  header: "kpi.equalSplit",
                  numeric: true,
                  cell: (p, i) => (
                    <>
                      {formatValue(kpi!.unit, allocation.equal[i], locale)}
                      {total && allocation.broken.equal.includes(p.id) ? <div className="badge bad">{t("kpi.wouldBreak")}</div> : null}
                    </>
                  ),
                },
                {
                  key: "byBaseline",
                  header: "kpi.baselineSplit",
                  numeric: true,
                  cell: (p, i) => (
                    <>
                      <strong>{formatValue(kpi!.unit, allocation.byBaseline[i], locale)}</strong>
                      {total && allocation.broken.byBaseline.includes(p.id) ? <div className="badge bad">{t("kpi.wouldBreak")}</div> : null}
                    </>
                  ),
                },
              ]}
              footer={
                <tr>
                  <th scope="row" colSpan={3}>
                    {t("kpi.sum")}
                  </th>
                  <td className="num">{formatValue(kpi!.unit, sum(allocation.people.map((p) => p.currentTarget)), locale)}</td>
                  <td className="num">{formatValue(kpi!.unit, sum(allocation.equal), locale)}</td>
                  <td className="num">{formatValue(kpi!.unit, sum(allocation.byBaseline), locale)}</td>
                </tr>
              }
            />
            <p className="hint">{t("kpi.importanceHint")}</p>
            <SubmitButton className="">{t("kpi.saveBaselines")}</SubmitButton>
          </Form>
          {total !== null && total > 0 ? (
            <Form method="post" className="panel inline-form">
              <input type="hidden" name="intent" value="commit" />
              <ConfirmButton name="split" value="byBaseline" className="primary" confirm={t("kpi.confirmCommit")}>
                {t("kpi.commitBaseline")}
              </ConfirmButton>
              <ConfirmButton name="split" value="equal" className="" confirm={t("kpi.confirmCommit")}>
                {t("kpi.commitEqual")}
              </ConfirmButton>
            </Form>
          ) : (
            <p className="hint">{t("kpi.enterTotal")}</p>
          )}
        </>
      )}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
