import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { PlanLinesForm } from "~/components/kpi/plan-lines";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { getPeriod, listKpis } from "~/modules/kpi/library.server";
import { linesForForm, parsePlanForm } from "~/modules/kpi/plan-form.server";
import { getPlanItems, savePlan } from "~/modules/kpi/plans.server";
import { db } from "~/utils/db.server";
import { domainError, refusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";

const Params = z.object({ periodId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/), positionId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/) });

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "kpi.view");
  const { periodId, positionId } = parseParams(args.params, Params);
  const [period, position] = await Promise.all([
    getPeriod(db, periodId),
    db.position.findUnique({ where: { id: positionId }, select: { id: true, code: true, nameZh: true, nameEn: true } }),
  ]);
  invariantResponse(period && position, 404);
  const items = await getPlanItems(db, periodId, positionId);
  return {
    period,
    position,
    lines: await linesForForm(db, items),
    kpis: await listKpis(db, { activeOnly: true }),
    canEdit: may(user, "kpi.manage") && period.status === "open",
  };
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "kpi.manage");
  const { periodId, positionId } = parseParams(args.params, Params);
  invariantResponse(await db.position.findUnique({ where: { id: positionId }, select: { id: true } }), 404);
  invariantResponse(await getPeriod(db, periodId), 404);
  const parsed = await parsePlanForm(db, await args.request.formData());
  if (!parsed.ok) return data({ form: parsed.reply }, { status: 400 });
  try {
    await savePlan(db, user.userId, periodId, positionId, parsed.lines);
  } catch (error) {
    const refused = domainError(error);
    return refusal(refused, { form: undefined, error: refused.message });
  }
  return redirectWithFlash(`/kpi/periods/${periodId}/plans/${positionId}`, { kind: "success", message: "kpi.planSaved" });
}

export default function PositionPlan() {
  const t = useT();
  const locale = useLocale();
  const { period, position, lines, kpis, canEdit } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <PageHeader title={t("kpi.planTitle", { position: pick(locale, position), period: period.code })}>
        <p>
          <Link to={`/kpi/periods/${period.id}`}>{t("common.back")}</Link> · {t("kpi.planIntro")}
        </p>
      </PageHeader>
      {result && "error" in result && result.error ? (
        <p className="notice warn" role="alert">
          {t(result.error)}
        </p>
      ) : null}
      {lines.length === 0 && !canEdit ? <p className="empty-state">{t("kpi.noPlan")}</p> : null}
      <PlanLinesForm
        lines={lines.length ? lines : [{ kpiId: "", weight: "100", threshold: "", target: "", stretch: "", cap: "120" }]}
        kpis={kpis}
        lastResult={result?.form}
        disabled={!canEdit}
      />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
