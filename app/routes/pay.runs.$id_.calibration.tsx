import { parseWithZod } from "@conform-to/zod";
import { getFormProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { EmptyState, Field, FormErrors, PageHeader, SelectField, SubmitButton } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { may } from "~/modules/auth/scope";
import { bandRatings } from "~/modules/pay/calibration";
import { calibrate, listCalibrations, saveGuideline, unitDistributions } from "~/modules/pay/calibration.server";
import { CalibrateSchema, guidelineSchema } from "~/modules/pay/forms";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import type { RunSnapshot } from "~/modules/pay/payroll";
import { db } from "~/utils/db.server";
import { submissionRefusal } from "~/utils/domain-error.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { idParam, invariantResponse, parseParams } from "~/utils/http.server";
import { pick } from "~/utils/i18n";
import { EMPTY, formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

export const headers = noStoreHeaders;

async function runOf(id: string) {
  const run = await db.payRun.findUnique({
    where: { id },
    select: { id: true, periodId: true, periodCode: true, status: true, paramsJson: true },
  });
  invariantResponse(run, 404);
  const ratings = bandRatings((JSON.parse(run.paramsJson) as Pick<RunSnapshot, "coefficients">).coefficients.bands);
  return { ...run, paramsJson: undefined, ratings: ratings.slice().reverse() };
}

/** Heads see and calibrate their subtree's units; HR every unit, and sets the period's guideline. */
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "pay.calibrate");
  const { id } = parseParams(args.params, idParam);
  const run = await runOf(id);
  const [distribution, calibrations] = await Promise.all([unitDistributions(db, user, id), listCalibrations(db, user, id)]);
  return data(
    { run, ...distribution, calibrations, canSetGuideline: may(user, "pay.manage") && run.status === "draft" },
    { headers: NO_STORE },
  );
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "pay.calibrate");
  const { id } = parseParams(args.params, idParam);
  const run = await runOf(id);
  const formData = await args.request.formData();
  if (formData.get("intent") === "guideline") {
    requirePermission(args, "pay.manage");
    const submission = parseWithZod(formData, { schema: guidelineSchema(run.ratings) });
    if (submission.status !== "success")
      return data({ kind: "guideline" as const, reply: submission.reply() }, { status: 400, headers: NO_STORE });
    try {
      await saveGuideline(db, user.userId, run.periodId, submission.value);
    } catch (error) {
      return submissionRefusal(error, submission, {
        on: "form",
        headers: NO_STORE,
        wrap: (reply) => ({ kind: "guideline" as const, reply }),
      });
    }
    return redirectWithFlash(
      `/pay/runs/${id}/calibration`,
      { kind: "success", message: "pay.calibration.guidelineSaved" },
      { headers: NO_STORE },
    );
  }
  const submission = parseWithZod(formData, { schema: CalibrateSchema });
  if (submission.status !== "success")
    return data({ kind: "calibrate" as const, reply: submission.reply() }, { status: 400, headers: NO_STORE });
  try {
    await calibrate(db, user, id, submission.value);
  } catch (error) {
    return submissionRefusal(error, submission, {
      on: "form",
      headers: NO_STORE,
      wrap: (reply) => ({ kind: "calibrate" as const, reply }),
    });
  }
  return redirectWithFlash(
    `/pay/runs/${id}/calibration`,
    { kind: "success", message: "pay.calibration.calibrated" },
    { headers: NO_STORE },
  );
}

export default function Calibration() {
  const t = useT();
  const locale = useLocale();
  const when = formatDateTime;
  const { run, guideline, ratings, units, calibrations, canSetGuideline, minUnitSize } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [form, fields] = useForm({
    id: "calibrate",
    lastResult: result?.kind === "calibrate" ? result.reply : undefined,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: CalibrateSchema }),
    shouldRevalidate: "onInput",
  });
  const [guideForm] = useForm({ id: "guideline", lastResult: result?.kind === "guideline" ? result.reply : undefined });
  const range = (rating: string) => guideline?.ranges.find((r) => r.rating === rating);
  return (
    <section>
      <PageHeader
        title={t("pay.calibrationTitle", { period: run.periodCode })}
        actions={<Link to={`/pay/runs/${run.id}`}>{t("pay.calibration.back")}</Link>}
      >
        <p className="hint">{t("pay.calibrationIntro")}</p>
      </PageHeader>

      {!guideline ? (
        <p className="notice">{t("pay.calibration.noGuideline")}</p>
      ) : (
        <p className="hint">{t("pay.calibration.minUnitSize", { size: minUnitSize })}</p>
      )}
      {units.length === 0 ? (
        <EmptyState>{t("pay.noLines")}</EmptyState>
      ) : (
        <div className="table-scroll">
          <table className="data-table" data-testid="calibration-units">
            <thead>
              <tr>
                <th scope="col">{t("pay.calibration.unit")}</th>
                <th scope="col">{t("pay.calibration.size")}</th>
                {ratings.map((r) => (
                  <th scope="col" key={r}>
                    {r}
                  </th>
                ))}
                <th scope="col">{t("pay.status")}</th>
              </tr>
            </thead>
            <tbody>
              {units.map((u) => (
                <tr key={u.unitId} data-testid={`unit-${u.unitId}`}>
                  <th scope="row">{pick(locale, u)}</th>
                  <td>{u.size}</td>
                  {u.counts.map((c) => {
                    const checked = u.check?.counts.find((x) => x.rating === c.rating);
                    return (
                      <td key={c.rating} className={checked && !checked.within ? "warn" : undefined}>
                        {c.count}
                        {checked ? (
                          <small className="hint" style={{ display: "block" }}>
                            {t("pay.calibration.allowed", { min: checked.minCount ?? 0, max: checked.maxCount ?? u.size })}
                          </small>
                        ) : null}
                      </td>
                    );
                  })}
                  <td>
                    {u.check ? (
                      u.check.within ? (
                        t("pay.calibration.within")
                      ) : (
                        <strong className="badge warn">{t("pay.calibration.outside")}</strong>
                      )
                    ) : guideline ? (
                      t("pay.calibration.tooSmall")
                    ) : (
                      "—"
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {run.status === "draft" ? (
        <div className="panel">
          <h2>{t("pay.calibration.moveTitle")}</h2>
          <Form method="post" {...getFormProps(form)} className="grid-form">
            <input type="hidden" name="intent" value="calibrate" />
            <Field meta={fields.employeeNo} label={t("pay.employeeNo")} />
            <SelectField
              meta={fields.rating}
              label={t("pay.calibration.rating")}
              options={ratings.map((r) => ({ value: r, label: r }))}
              placeholder=""
            />
            <Field meta={fields.reason} label={t("pay.reason")} />
            <FormErrors errors={form.errors} />
            <SubmitButton>{t("pay.calibration.calibrate")}</SubmitButton>
          </Form>
        </div>
      ) : (
        <p className="hint">{t("pay.calibration.draftOnly")}</p>
      )}

      {canSetGuideline ? (
        <div className="panel">
          <h2>{t("pay.calibration.guidelineTitle")}</h2>
          <p className="hint">{t("pay.calibration.guidelineHint")}</p>
          <Form method="post" {...getFormProps(guideForm)} className="grid-form">
            <input type="hidden" name="intent" value="guideline" />
            {ratings.map((r) => (
              <div key={r} className="inline-form">
                <div className="field">
                  <label htmlFor={`min_${r}`}>{t("pay.calibration.min", { rating: r })}</label>
                  <input
                    id={`min_${r}`}
                    name={`min_${r}`}
                    inputMode="numeric"
                    defaultValue={String(guideForm.value?.[`min_${r}` as never] ?? range(r)?.minPercent ?? "")}
                  />
                </div>
                <div className="field">
                  <label htmlFor={`max_${r}`}>{t("pay.calibration.max", { rating: r })}</label>
                  <input
                    id={`max_${r}`}
                    name={`max_${r}`}
                    inputMode="numeric"
                    defaultValue={String(guideForm.value?.[`max_${r}` as never] ?? range(r)?.maxPercent ?? "")}
                  />
                </div>
              </div>
            ))}
            <FormErrors errors={[...(guideForm.errors ?? []), ...Object.values(guideForm.allErrors).flat()]} />
            <SubmitButton className="">{t("pay.calibration.saveGuideline")}</SubmitButton>
          </Form>
        </div>
      ) : null}

      <h2>{t("pay.calibration.history")}</h2>
      <DataTable
        testId="calibrations"
        rows={calibrations}
        rowKey={(c) => c.id}
        empty="pay.calibration.none"
        columns={[
          { key: "employeeNo", header: "pay.employeeNo", cell: (c) => c.employeeNo },
          { key: "name", header: "pay.name", cell: (c) => c.name },
          { key: "from", header: "pay.calibration.from", cell: (c) => c.fromRating },
          { key: "to", header: "pay.calibration.to", cell: (c) => c.toRating },
          { key: "reason", header: "pay.reason", cell: (c) => c.reason },
          { key: "by", header: "pay.calibration.by", cell: (c) => c.by ?? EMPTY },
          { key: "createdAt", header: "pay.createdAt", cell: (c) => when(c.createdAt) },
        ]}
      />
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
