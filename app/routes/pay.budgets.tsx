import { parseWithZod } from "@conform-to/zod";
import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { money } from "~/components/pay/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { growthLinkedBudget } from "~/modules/pay/budget";
import { budgetOverview, saveBudget } from "~/modules/pay/budget.server";
import { BudgetSchema } from "~/modules/pay/forms";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { formError } from "~/utils/domain-error";
import { redirectWithFlash } from "~/utils/flash.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";
import { DataTable } from "~/components/ui/data-table";

export const headers = noStoreHeaders;

const YearQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional().catch(undefined) });

/** Budget, committed and remaining per unit: HR every unit (and sets budgets), a head their subtree. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "pay.view");
  const year = YearQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams)).year ?? new Date().getUTCFullYear();
  const budgets = await budgetOverview(db, user, year);
  return data({ year, budgets, canManage: may(user, "pay.manage") }, { headers: NO_STORE });
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "pay.manage");
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: BudgetSchema });
  if (submission.status !== "success") return data({ reply: submission.reply() }, { status: 400, headers: NO_STORE });
  const v = submission.value;
  const unit = await db.unit.findUnique({ where: { code: v.unitCode }, select: { id: true } });
  if (!unit)
    return data({ reply: submission.reply({ fieldErrors: { unitCode: ["pay.errors.unknownUnit"] } }) }, { status: 400, headers: NO_STORE });
  try {
    if (v.basis === "allocation")
      await saveBudget(db, user.userId, { unitId: unit.id, year: v.year, amountFen: v.amount, basis: "allocation" });
    else {
      const params = {
        baseFen: v.base,
        revenueGrowthFen: v.revenueGrowth,
        revenueRate: v.revenueRate,
        solutionGrowthFen: v.solutionGrowth,
        solutionRate: v.solutionRate,
      };
      await saveBudget(db, user.userId, {
        unitId: unit.id,
        year: v.year,
        amountFen: growthLinkedBudget(params),
        basis: "growthLinked",
        params,
      });
    }
  } catch (error) {
    // An amount beyond the exact range is refused like a rule.
    const refused = error instanceof RangeError ? formError("pay.errors.amount") : error;
    return submissionRefusal(refused, submission, { on: "form", headers: NO_STORE, wrap: (reply) => ({ reply }) });
  }
  return redirectWithFlash(`/pay/budgets?year=${v.year}`, { kind: "success", message: "pay.budget.saved" }, { headers: NO_STORE });
}

export default function Budgets() {
  const t = useT();
  const locale = useLocale();
  const { year, budgets, canManage } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "budget",
    lastResult: result?.reply,
    defaultValue: { year: String(year), basis: "allocation" },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BudgetSchema }),
    shouldRevalidate: "onInput",
  });
  const growth = fields.basis.value === "growthLinked";
  return (
    <section>
      <PageHeader title={t("pay.budgetsTitle")} actions={<Link to="/pay">{t("nav.pay")}</Link>}>
        <p className="hint">{t("pay.budgetsIntro")}</p>
      </PageHeader>
      <Form method="get" className="inline-form">
        <label htmlFor="year">{t("pay.budget.year")}</label>
        <input id="year" name="year" inputMode="numeric" defaultValue={year} size={6} />
        <button type="submit">{t("common.filter")}</button>
      </Form>
      <DataTable
        testId="budgets"
        rows={budgets}
        rowKey={(b) => b.unitId}
        empty="pay.budget.none"
        columns={[
          { key: "unit", header: "pay.budget.unit", rowHeader: true, cell: (b) => pick(locale, b) },
          {
            key: "basis",
            header: "pay.budget.basis",
            cell: (b) => t(b.basis === "growthLinked" ? "pay.budget.basis.growthLinked" : "pay.budget.basis.allocation"),
          },
          { key: "amount", header: "pay.budget.amount", numeric: true, cell: (b) => money(b.amountFen), sort: (b) => b.amountFen },
          {
            key: "committed",
            header: "pay.budget.committed",
            numeric: true,
            cell: (b) => money(b.committedFen),
            sort: (b) => b.committedFen,
          },
          {
            key: "remaining",
            header: "pay.budget.remaining",
            numeric: true,
            className: (b) => (b.remainingFen < 0 ? "warn" : undefined),
            cell: (b) => money(b.remainingFen),
            sort: (b) => b.remainingFen,
          },
        ]}
      />
      {canManage ? (
        <div className="panel">
          <h2>{t("pay.budget.set")}</h2>
          <Form method="post" {...getFormProps(form)} className="grid-form">
            <input type="hidden" name="intent" value="budget" />
            <Field meta={fields.unitCode} label={t("pay.budget.unitCode")} />
            <Field meta={fields.year} label={t("pay.budget.year")} />
            <SelectField
              meta={fields.basis}
              label={t("pay.budget.basis")}
              options={[
                { value: "allocation", label: t("pay.budget.basis.allocation") },
                { value: "growthLinked", label: t("pay.budget.basis.growthLinked") },
              ]}
            />
            {growth ? (
              <>
                <p className="hint">{t("pay.budget.formulaHint")}</p>
                <Field meta={fields.base as never} label={t("pay.budget.base")} />
                <Field meta={fields.revenueGrowth as never} label={t("pay.budget.revenueGrowth")} />
                <Field meta={fields.revenueRate as never} label={t("pay.budget.revenueRate")} />
                <Field meta={fields.solutionGrowth as never} label={t("pay.budget.solutionGrowth")} />
                <Field meta={fields.solutionRate as never} label={t("pay.budget.solutionRate")} />
              </>
            ) : (
              <Field meta={fields.amount as never} label={t("pay.budget.amountYuan")} hint={t("pay.amountHint")} />
            )}
            <FormErrors errors={form.errors} />
            <SubmitButton>{t("pay.budget.save")}</SubmitButton>
          </Form>
        </div>
      ) : null}
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
