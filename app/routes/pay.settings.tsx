import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { ErrorList, PageHeader, SubmitButton } from "~/components/forms";
import { useT } from "~/components/i18n";
import { pts } from "~/components/pay/format";
import { requirePermission } from "~/modules/auth/guards.server";
import { listBands, listSchemes, saveBands, saveScheme } from "~/modules/pay/config.server";
import { noStoreHeaders, NO_STORE } from "~/modules/pay/http.server";
import { MAX_COEFFICIENT_ROWS, parseBandsForm, parseCoefficientForm } from "~/modules/pay/settings-form";
import { CadenceSettingSchema, ChainSettingSchema } from "~/modules/pay/forms";
import { cadenceSetting, saveCadenceSetting } from "~/modules/pay/cadence.server";
import { chainSetting, saveChainSetting } from "~/modules/pay/sign-off.server";
import { db } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import type { CoefficientBand } from "~/modules/pay/coefficients";
import { fenToInput } from "~/utils/format";

export const headers = noStoreHeaders;

export async function loader(args: LoaderFunctionArgs) {
  requirePermission(args, "pay.manage");
  const [bands, schemes, chain, cadence] = await Promise.all([listBands(db), listSchemes(db), chainSetting(db), cadenceSetting(db)]);
  const table = schemes.find((s) => s.kind === "coefficients" && s.active) ?? null;
  return data(
    {
      chain,
      cadence,
      bands,
      table: table ? { code: table.code, version: table.version, bands: (table.params as { bands: CoefficientBand[] }).bands } : null,
    },
    { headers: NO_STORE },
  );
}

export async function action(args: ActionFunctionArgs) {
  const user = requirePermission(args, "pay.manage");
  const form = Object.fromEntries([...(await args.request.formData())].map(([k, v]) => [k, typeof v === "string" ? v : ""]));
  if (form.intent === "chain") {
    const parsed = ChainSettingSchema.safeParse(form);
    if (!parsed.success) throw new Response("Bad request", { status: 400 });
    await saveChainSetting(db, user, { headSignOff: parsed.data.headSignOff === "on" });
    return redirectWithFlash("/pay/settings", { kind: "success", message: "pay.chainSaved" }, { headers: NO_STORE });
  }
  if (form.intent === "cadence") {
    const parsed = CadenceSettingSchema.safeParse(form);
    if (!parsed.success)
      return data(
        { intent: "cadence" as const, errors: { advanceRate: parsed.error.issues[0].message }, values: form },
        { status: 400, headers: NO_STORE },
      );
    await saveCadenceSetting(db, user, { cadence: parsed.data.cadence, advanceRateBp: parsed.data.advanceRate });
    return redirectWithFlash("/pay/settings", { kind: "success", message: "pay.cadence.saved" }, { headers: NO_STORE });
  }
  if (form.intent === "bands") {
    const { rows, errors } = parseBandsForm(form);
    if (Object.keys(errors).length) return data({ intent: "bands" as const, errors, values: form }, { status: 400, headers: NO_STORE });
    await saveBands(db, user.userId, rows);
    return redirectWithFlash("/pay/settings", { kind: "success", message: "pay.bandsSaved" }, { headers: NO_STORE });
  }
  if (form.intent === "coefficients") {
    const { bands, errors } = parseCoefficientForm(form);
    if (!bands) return data({ intent: "coefficients" as const, errors, values: form }, { status: 400, headers: NO_STORE });
    const current = (await listSchemes(db)).find((s) => s.kind === "coefficients" && s.active);
    await saveScheme(db, user.userId, {
      code: current?.code ?? "COEF",
      kind: "coefficients",
      nameZh: current?.nameZh ?? "绩效系数表",
      nameEn: current?.nameEn ?? "Performance coefficient table",
      active: true,
      params: { bands },
    });
    return redirectWithFlash("/pay/settings", { kind: "success", message: "pay.coefficientsSaved" }, { headers: NO_STORE });
  }
  throw new Response("Bad request", { status: 400 });
}

export default function PaySettings() {
  const t = useT();
  const { bands, table, chain, cadence } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const bandValues = result?.intent === "bands" ? result.values : null;
  const bandErrors = result?.intent === "bands" ? result.errors : {};
  const coefValues = result?.intent === "coefficients" ? result.values : null;
  const coefErrors = result?.intent === "coefficients" ? result.errors : {};
  const cadenceError = result?.intent === "cadence" ? (result.errors as Record<string, string>).advanceRate : undefined;
  const rows = Array.from({ length: Math.max((table?.bands.length ?? 0) + 2, 5) }, (_, i) => table?.bands[i] ?? null).slice(
    0,
    MAX_COEFFICIENT_ROWS,
  );
  return (
    <section>
      <PageHeader title={t("pay.settingsTitle")}>
        <p className="hint">{t("pay.settingsIntro")}</p>
      </PageHeader>
      <div className="panel">
        <h2>{t("pay.chainSettingsTitle")}</h2>
        <p className="hint">{t("pay.chainSettingsHint")}</p>
        <Form method="post" data-testid="chain-form">
          <input type="hidden" name="intent" value="chain" />
          <label className="checkbox">
            <input type="checkbox" name="headSignOff" defaultChecked={chain.headSignOff} /> {t("pay.headSignOffLabel")}
          </label>
          <SubmitButton>{t("pay.saveChain")}</SubmitButton>
        </Form>
      </div>
      <div className="panel">
        <h2>{t("pay.cadence.title")}</h2>
        <p className="hint">{t("pay.cadence.intro")}</p>
        <Form method="post" data-testid="cadence-form">
          <input type="hidden" name="intent" value="cadence" />
          <fieldset>
            <legend>{t("pay.cadence.label")}</legend>
            {(["period", "monthly"] as const).map((c) => (
              <label key={c} className="checkbox">
                <input type="radio" name="cadence" value={c} defaultChecked={cadence.cadence === c} /> {t(`pay.cadence.${c}`)}
              </label>
            ))}
          </fieldset>
          <label htmlFor="advanceRate">{t("pay.cadence.advanceRate")}</label>
          <input
            id="advanceRate"
            name="advanceRate"
            inputMode="decimal"
            defaultValue={(cadence.advanceRateBp / 100).toString()}
            aria-invalid={cadenceError ? true : undefined}
            aria-describedby={cadenceError ? "advanceRate-error" : undefined}
          />
          {cadenceError ? <ErrorList id="advanceRate-error" errors={[cadenceError]} /> : null}
          <button type="submit" className="primary">
            {t("pay.cadence.save")}
          </button>
        </Form>
      </div>
      <div className="panel">
        <h2>{t("pay.coefficientTable")}</h2>
        <p className="hint">{t("pay.coefficientHint")}</p>
        {table ? <p className="hint">{t("pay.schemeVersion", { version: table.version })}</p> : null}
        <Form method="post" data-testid="coefficient-form">
          <input type="hidden" name="intent" value="coefficients" />
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("pay.scoreFrom")}</th>
                <th scope="col">{t("pay.scoreTo")}</th>
                <th scope="col">{t("pay.coefficient")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((band, i) => (
                <tr key={i}>
                  {(["min", "max", "coef"] as const).map((f) => (
                    <td key={f}>
                      <input
                        name={`${f}:${i}`}
                        aria-label={`${t(f === "min" ? "pay.scoreFrom" : f === "max" ? "pay.scoreTo" : "pay.coefficient")} ${i + 1}`}
                        inputMode="decimal"
                        defaultValue={
                          coefValues
                            ? coefValues[`${f}:${i}`]
                            : band
                              ? f === "min"
                                ? pts(band.min)
                                : f === "max"
                                  ? pts(band.max)
                                  : band.coefficient
                              : ""
                        }
                      />
                      <ErrorList errors={coefErrors[`${f}:${i}`] ? [coefErrors[`${f}:${i}`]] : null} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <ErrorList errors={coefErrors._form ? [coefErrors._form] : null} />
          <SubmitButton>{t("pay.saveCoefficients")}</SubmitButton>
        </Form>
      </div>
      <div className="panel">
        <h2>{t("pay.bandsTitle")}</h2>
        <p className="hint">{t("pay.bandsHint")}</p>
        <Form method="post" data-testid="bands-form">
          <input type="hidden" name="intent" value="bands" />
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t("pay.trackLevel")}</th>
                <th scope="col">{t("pay.monthlyBase")}</th>
                <th scope="col">{t("pay.monthlyPerformanceBase")}</th>
              </tr>
            </thead>
            <tbody>
              {bands.map((b) => {
                const key = `${b.track}:${b.level}`;
                return (
                  <tr key={key}>
                    <th scope="row">
                      {t(`track.${b.track}`)} · {b.level}
                    </th>
                    {(["base", "perf"] as const).map((f) => (
                      <td key={f}>
                        <input
                          name={`${f}:${key}`}
                          aria-label={`${b.level} ${t(f === "base" ? "pay.monthlyBase" : "pay.monthlyPerformanceBase")}`}
                          inputMode="decimal"
                          defaultValue={
                            bandValues
                              ? bandValues[`${f}:${key}`]
                              : b.band
                                ? fenToInput(f === "base" ? b.band.basePayFen : b.band.performanceBaseFen)
                                : ""
                          }
                        />
                        <ErrorList errors={bandErrors[`${f}:${key}`] ? [bandErrors[`${f}:${key}`]] : null} />
                      </td>
                    ))}
                  </tr>
                );
              })}
            </tbody>
          </table>
          <ErrorList errors={bandErrors._form ? [bandErrors._form] : null} />
          <SubmitButton>{t("pay.saveBands")}</SubmitButton>
        </Form>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
