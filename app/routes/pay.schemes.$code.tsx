import { getFormProps, useForm, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { getScheme, PARAM_SCHEMAS, saveScheme } from "~/modules/pay/config.server";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { formDefaults, growthParams, GrowthFormSchema, poolParams, PoolFormSchema } from "~/modules/pay/scheme-forms";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { z } from "~/utils/validation";

export const headers = noStoreHeaders;

const Params = z.object({ code: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/) });
const KindQuery = z.object({ kind: z.enum(["subscriberGrowth", "deptPool"]).catch("subscriberGrowth") });

async function resolve(args: LoaderFunctionArgs) {
  const { code } = parseParams(args.params, Params);
  if (code === "new") return { kind: KindQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams)).kind, scheme: null };
  const scheme = await getScheme(db, code);
  invariantResponse(scheme && scheme.kind !== "coefficients", 404);
  return { kind: scheme.kind as "subscriberGrowth" | "deptPool", scheme };
}

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "pay.manage");
  const { kind, scheme } = await resolve(args);
  const [units, kpis] = await Promise.all([
    kind === "deptPool"
      ? db.unit.findMany({
          where: { active: true, kind: { in: ["department", "room", "branch"] } },
          orderBy: { path: "asc" },
          select: { id: true, nameZh: true, nameEn: true },
        })
      : Promise.resolve([]),
    db.kpi.findMany({ where: { active: true }, orderBy: { code: "asc" }, select: { code: true, nameZh: true, nameEn: true, unit: true } }),
  ]);
  return data(
    {
      kind,
      scheme: scheme
        ? {
            code: scheme.code,
            version: scheme.version,
            nameZh: scheme.nameZh,
            nameEn: scheme.nameEn,
            active: scheme.active,
            params: scheme.params as Record<string, unknown>,
          }
        : null,
      units,
      kpis,
    },
    { headers: NO_STORE },
  );
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "pay.manage");
  const { kind, scheme } = await resolve(args);
  const formData = await args.request.formData();
  const schema = kind === "subscriberGrowth" ? GrowthFormSchema : PoolFormSchema;
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400, headers: NO_STORE });
  const value = submission.value;
  if (scheme && value.code !== scheme.code)
    return data(submission.reply({ fieldErrors: { code: ["pay.errors.codeFixed"] } }), { status: 400, headers: NO_STORE });
  if (!scheme && (await getScheme(db, value.code)))
    return data(submission.reply({ fieldErrors: { code: ["pay.errors.codeTaken"] } }), { status: 400, headers: NO_STORE });
  const params =
    kind === "subscriberGrowth"
      ? growthParams(value as z.infer<typeof GrowthFormSchema>)
      : poolParams(value as z.infer<typeof PoolFormSchema>);
  const checked = PARAM_SCHEMAS[kind].safeParse(params);
  if (!checked.success) {
    const fieldErrors: Record<string, string[]> = {};
    for (const issue of checked.error.issues) {
      const field = String(issue.path[0] ?? "");
      const formField =
        {
          unitRewardFen: "unitReward",
          arrearsThresholdBp: "arrearsThreshold",
          lastYearRevenueFen: "lastYearRevenue",
          basePoolFen: "basePool",
          capFen: "cap",
        }[field] ?? field;
      (fieldErrors[formField] ??= []).push(issue.message);
    }
    return data(submission.reply({ fieldErrors }), { status: 400, headers: NO_STORE });
  }
  try {
    await saveScheme(db, user.userId, {
      code: value.code,
      kind,
      nameZh: value.nameZh,
      nameEn: value.nameEn,
      active: value.active,
      params: checked.data,
    });
  } catch (error) {
    return submissionRefusal(error, submission, { on: "form", headers: NO_STORE });
  }
  return redirectWithFlash("/pay/schemes", { kind: "success", message: "pay.schemeSaved" }, { headers: NO_STORE });
}

type Fields = Record<string, FieldMetadata<unknown>>;

export default function SchemeEditor() {
  const t = useT();
  const locale = useLocale();
  const { kind, scheme, units, kpis } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const schema = kind === "subscriberGrowth" ? GrowthFormSchema : PoolFormSchema;
  const [form, fields] = useForm({
    lastResult,
    defaultValue: scheme
      ? {
          code: scheme.code,
          nameZh: scheme.nameZh,
          nameEn: scheme.nameEn,
          active: scheme.active ? "on" : undefined,
          ...formDefaults(kind, scheme.params),
        }
      : {
          active: "on",
          arrearsPolicy: "fine",
          arrearsDeduction: "handsetCost",
          arrearsRateFrom: "kpi",
          comparison: "samePeriodLastYear",
          lastYearRevenue: "0",
        },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldRevalidate: "onInput",
  });
  const f = fields as unknown as Fields;
  const kpiOptions = kpis.map((k) => ({ value: k.code, label: `${k.code} · ${pick(locale, k)}` }));
  const kpiField = (name: string, label: string) => (
    <SelectField key={name} meta={f[name]} label={label} options={kpiOptions} placeholder="" />
  );
  return (
    <section>
      <PageHeader
        title={
          scheme
            ? t("pay.editScheme", { code: scheme.code, version: scheme.version })
            : t(kind === "subscriberGrowth" ? "pay.newGrowthScheme" : "pay.newPoolScheme")
        }
      >
        <p className="hint">{t(kind === "subscriberGrowth" ? "pay.growthIntro" : "pay.poolIntro")}</p>
      </PageHeader>
      <div className="panel">
        <Form method="post" {...getFormProps(form)} className="grid-form">
          <input type="hidden" name="intent" value="save" />
          <Field meta={f.code} label={t("pay.schemeCode")} />
          <Field meta={f.nameZh} label={t("pay.nameZh")} />
          <Field meta={f.nameEn} label={t("pay.nameEn")} />
          {kind === "subscriberGrowth" ? (
            <>
              <Field meta={f.positionCodes} label={t("pay.positionCodes")} hint={t("pay.positionCodesHint")} />
              {kpiField("newSubscribersKpi", t("pay.param.newSubscribersKpi"))}
              <Field meta={f.unitReward} label={t("pay.param.unitReward")} />
              {kpiField("revenue6mKpi", t("pay.param.revenue6mKpi"))}
              <Field meta={f.k1} label={t("pay.param.k1")} />
              {kpiField("revenue2yKpi", t("pay.param.revenue2yKpi"))}
              {kpiField("subsidyKpi", t("pay.param.subsidyKpi"))}
              <Field meta={f.k2} label={t("pay.param.k2")} hint={t("pay.param.k2Hint")} />
              {kpiField("arrearsKpi", t("pay.param.arrearsKpi"))}
              <SelectField
                meta={f.arrearsRateFrom}
                label={t("pay.param.arrearsRateFrom")}
                options={[
                  { value: "kpi", label: t("pay.rateFrom.kpi") },
                  { value: "amounts", label: t("pay.rateFrom.amounts") },
                ]}
              />
              {kpiField("arrearsRateKpi", t("pay.param.arrearsRateKpi"))}
              {kpiField("billedKpi", t("pay.param.billedKpi"))}
              <Field meta={f.arrearsThreshold} label={t("pay.param.arrearsThreshold")} />
              <SelectField
                meta={f.arrearsPolicy}
                label={t("pay.param.arrearsPolicy")}
                options={[
                  { value: "fine", label: t("pay.policy.fine") },
                  { value: "withhold", label: t("pay.policy.withhold") },
                ]}
              />
              <SelectField
                meta={f.arrearsDeduction}
                label={t("pay.param.arrearsDeduction")}
                options={[
                  { value: "handsetCost", label: t("pay.deduction.handsetCost") },
                  { value: "arrears", label: t("pay.deduction.arrears") },
                ]}
              />
              {kpiField("arrearsHandsetKpi", t("pay.param.arrearsHandsetKpi"))}
              <Field meta={f.fineRate} label={t("pay.param.fineRate")} hint={t("pay.param.fineRateHint")} />
            </>
          ) : (
            <>
              <SelectField
                meta={f.unitId}
                label={t("pay.param.unit")}
                options={units.map((u) => ({ value: u.id, label: pick(locale, u) }))}
                placeholder=""
              />
              {kpiField("revenueKpi", t("pay.param.revenueKpi"))}
              <SelectField
                meta={f.comparison}
                label={t("pay.param.comparison")}
                options={[
                  { value: "samePeriodLastYear", label: t("pay.comparison.samePeriodLastYear") },
                  { value: "fixed", label: t("pay.comparison.fixed") },
                ]}
              />
              <Field meta={f.lastYearRevenue} label={t("pay.param.lastYearRevenue")} hint={t("pay.param.lastYearRevenueHint")} />
              <Field meta={f.basePool} label={t("pay.param.basePool")} />
              <Field meta={f.growthRate} label={t("pay.param.growthRate")} />
              <Field meta={f.cap} label={t("pay.param.cap")} />
            </>
          )}
          <div className="field">
            <label>
              <input type="checkbox" name={f.active.name} defaultChecked={f.active.initialValue === "on"} /> {t("pay.active")}
            </label>
          </div>
          <FormErrors errors={form.errors} />
          <SubmitButton>{t("pay.saveScheme")}</SubmitButton>
        </Form>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
