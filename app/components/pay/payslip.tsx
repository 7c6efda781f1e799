import type { ReactNode } from "react";
import { Form } from "@remix-run/react";
import { useLocale, useT } from "~/components/i18n";
import { formatValue } from "~/modules/kpi/units";
import type { Explanation, MonthlyExplanation, Prorated, WhatIf } from "~/modules/pay/explain";
import { dec, yuanExact } from "~/modules/pay/money";
import { pick, type T } from "~/utils/i18n";
import { money, points, pts } from "./format";
import { DataTable } from "~/components/ui/data-table";

const exact = (fen: string) => `¥${yuanExact(dec(fen))}`;

/** A pro-rated amount's note: a leaver's says on which day they left. */
function proratedText(t: T, p: Prorated) {
  return p.leftOn
    ? t("pay.explain.leftOn", { date: p.leftOn, days: p.days, periodDays: p.periodDays })
    : t("pay.explain.prorated", { days: p.days, periodDays: p.periodDays });
}

/** Each payable line with the sum behind it, in the employee's words. */
export type CalibrationNote = { fromRating: string; toRating: string; reason: string; by: string | null };

/** A payslip's table: item, amount and how it was computed, rows given, then the total and the rounding rule. */
function PayslipTable({ totalFen, children }: { totalFen: number; children: ReactNode }) {
  const t = useT();
  return (
    <table className="data-table payslip" data-testid="payslip">
      <thead>
        <tr>
          <th scope="col">{t("pay.payslipItem")}</th>
          <th scope="col">{t("pay.amount")}</th>
          <th scope="col">{t("pay.howComputed")}</th>
        </tr>
      </thead>
      <tbody>
        {children}
        <tr className="total-row">
          <th scope="row">{t("pay.total")}</th>
          <td data-testid="payslip-total">{money(totalFen)}</td>
          <td className="hint">{t("pay.roundingRule")}</td>
        </tr>
      </tbody>
    </table>
  );
}

export function PayslipBreakdown({
  line,
  explanation,
  calibrations = [],
}: {
  line: { basePayFen: number; performancePayFen: number; growthBonusFen: number; poolShareFen: number; totalFen: number };
  explanation: Explanation | null;
  calibrations?: CalibrationNote[];
}) {
  const t = useT();
  const locale = useLocale();
  if (!explanation) return <p className="notice warn">{t("pay.noExplanation")}</p>;
  const { base, performance: perf } = explanation;
  const band = perf.last ? t("pay.bandFrom", { min: pts(perf.min) }) : t("pay.bandRange", { min: pts(perf.min), max: pts(perf.max) });
  return (
    <PayslipTable totalFen={line.totalFen}>
      <tr>
        <th scope="row">{t("pay.line.base")}</th>
        <td>{money(line.basePayFen)}</td>
        <td data-testid="explain-base">
          {base.paidMonthly ? (
            t("pay.explain.paidMonthly")
          ) : (
            <>
              {t("pay.explain.base", {
                monthly: money(base.monthlyFen),
                months: base.months,
                level: `${t(`track.${base.track}`)} ${base.level}`,
              })}
              {base.prorated ? (
                <>
                  <br />
                  <small className="hint">{proratedText(t, base.prorated)}</small>
                </>
              ) : null}
            </>
          )}
        </td>
      </tr>
      <tr>
        <th scope="row">{t("pay.line.performance")}</th>
        <td>{money(line.performancePayFen)}</td>
        <td data-testid="explain-performance">
          {t("pay.explain.performance", { base: money(perf.baseFen), coefficient: perf.coefficient, score: pts(perf.score), band })}
          <br />
          <small className="hint">{t("pay.explain.performanceBase", { monthly: money(perf.monthlyFen), months: perf.months })}</small>
          {perf.prorated ? (
            <>
              <br />
              <small className="hint">{proratedText(t, perf.prorated)}</small>
            </>
          ) : null}
          <br />
          <small className="hint" data-testid="explain-rating">
            {perf.rating === perf.scoreRating
              ? t("pay.explain.rating", { rating: perf.rating })
              : t("pay.explain.ratingCalibrated", { from: perf.scoreRating, to: perf.rating })}
          </small>
          {calibrations.map((c, i) => (
            <small key={i} className="hint" style={{ display: "block" }}>
              {t("pay.explain.calibration", { from: c.fromRating, to: c.toRating, reason: c.reason, by: c.by ?? "—" })}
            </small>
          ))}
        </td>
      </tr>
      {explanation.growth.map((g, i) => (
        <tr key={`g${i}`}>
          <th scope="row">{pick(locale, g)}</th>
          <td>{money(g.rewardFen)}</td>
          <td>
            {g.withheld ? (
              t("pay.explain.growthWithheld", {
                rate: formatValue("bp", g.arrearsRateBp, locale),
                threshold: formatValue("bp", g.params.arrearsThresholdBp, locale),
              })
            ) : (
              <>
                {t("pay.explain.growth", {
                  quantity: exact(g.quantityFen),
                  inNetwork: exact(g.inNetworkFen),
                  profit: exact(g.profitFen),
                })}
                <ul className="explain-list">
                  <li>
                    {t("pay.explain.quantity", { count: g.actuals[g.params.newSubscribersKpi], unit: money(g.params.unitRewardFen) })}
                  </li>
                  <li>{t("pay.explain.inNetwork", { revenue: money(g.actuals[g.params.revenue6mKpi]), k1: g.params.k1 })}</li>
                  <li>
                    {g.params.arrearsDeduction === "handsetCost" && g.params.arrearsHandsetKpi
                      ? t("pay.explain.profitHandset", {
                          revenue: money(g.actuals[g.params.revenue2yKpi]),
                          subsidy: money(g.actuals[g.params.subsidyKpi]),
                          handset: money(g.actuals[g.params.arrearsHandsetKpi]),
                          k2: g.params.k2,
                        })
                      : t("pay.explain.profit", {
                          revenue: money(g.actuals[g.params.revenue2yKpi]),
                          subsidy: money(g.actuals[g.params.subsidyKpi]),
                          arrears: money(g.actuals[g.params.arrearsKpi]),
                          k2: g.params.k2,
                        })}
                  </li>
                  <li>
                    {g.overThreshold
                      ? t("pay.explain.arrearsFine", {
                          rate: formatValue("bp", g.arrearsRateBp, locale),
                          threshold: formatValue("bp", g.params.arrearsThresholdBp, locale),
                          fine: exact(g.fineFen),
                          fineRate: g.params.fineRate,
                        })
                      : t("pay.explain.arrearsTolerated", {
                          rate: formatValue("bp", g.arrearsRateBp, locale),
                          threshold: formatValue("bp", g.params.arrearsThresholdBp, locale),
                        })}
                  </li>
                </ul>
              </>
            )}
          </td>
        </tr>
      ))}
      {explanation.pools.map((p, i) => (
        <tr key={`p${i}`}>
          <th scope="row">{pick(locale, p)}</th>
          <td>{explanation.pools.length === 1 ? money(line.poolShareFen) : exact(p.shareExactFen)}</td>
          <td>
            {t("pay.explain.pool", {
              pool: money(p.poolFen),
              points: points(p.points),
              total: points(p.totalPoints),
              score: pts(p.score),
              postValue: p.postValue.toLocaleString("en-US"),
            })}
            <br />
            <small className="hint">
              {t("pay.explain.poolSize", { base: money(p.basePoolFen), growth: exact(p.growthFen), rate: p.growthRate })}
              {p.capped ? ` ${t("pay.explain.poolCapped", { cap: money(p.capFen) })}` : ""}
              {p.floored ? ` ${t("pay.explain.poolFloored")}` : ""}
            </small>
          </td>
        </tr>
      ))}
      {explanation.settlement ? <SettlementRow settlement={explanation.settlement} /> : null}
    </PayslipTable>
  );
}

export function KpiTable({ explanation }: { explanation: Explanation }) {
  const t = useT();
  const locale = useLocale();
  return (
    <DataTable
      testId="payslip-kpis"
      rows={explanation.kpis}
      rowKey={(k) => k.code}
      empty={null}
      columns={[
        { key: "kpi", header: "pay.kpi", cell: (k) => pick(locale, k) },
        { key: "weight", header: "pay.weight", cell: (k) => `${k.weight}%` },
        { key: "target", header: "pay.target", cell: (k) => formatValue(k.unit ?? "count", k.target, locale) },
        { key: "actual", header: "pay.actual", cell: (k) => formatValue(k.unit ?? "count", k.actual, locale) },
        { key: "score", header: "pay.score", cell: (k) => pts(k.score) },
      ]}
      footer={
        <tr className="total-row">
          <th scope="row" colSpan={4}>
            {t("pay.weightedScore")}
          </th>
          <td>{pts(explanation.performance.score)}</td>
        </tr>
      }
    />
  );
}

export function WhatIfPanel({
  explanation,
  whatIf,
  query,
}: {
  explanation: Explanation;
  whatIf: WhatIf | null;
  query: { kpi?: string; pct?: string; pctError?: string };
}) {
  const t = useT();
  const locale = useLocale();
  const choices = explanation.kpis.filter((k) => k.kind !== "rated");
  if (choices.length === 0) return null;
  return (
    <div className="panel" data-testid="what-if">
      <h2>{t("pay.whatIfTitle")}</h2>
      <p className="hint">{t("pay.whatIfHint")}</p>
      <Form method="get" className="inline-form">
        <label htmlFor="kpi">{t("pay.whatIfKpi")}</label>
        <select id="kpi" name="kpi" defaultValue={query.kpi ?? choices[0].code}>
          {choices.map((k) => (
            <option key={k.code} value={k.code}>
              {pick(locale, k)}
            </option>
          ))}
        </select>
        <label htmlFor="pct">{t("pay.whatIfPercent")}</label>
        <input
          id="pct"
          name="pct"
          type="number"
          min={0}
          max={300}
          step={1}
          required
          defaultValue={query.pct ?? "110"}
          aria-invalid={query.pctError ? true : undefined}
          aria-describedby={query.pctError ? "pct-error" : undefined}
        />
        <button type="submit">{t("pay.whatIfRun")}</button>
      </Form>
      {query.pctError ? (
        <p id="pct-error" className="field-errors" role="alert" data-testid="what-if-error">
          {t(query.pctError)}
        </p>
      ) : query.kpi && !whatIf ? (
        <p className="notice warn">{t("pay.whatIfUnavailable")}</p>
      ) : null}
      {whatIf ? (
        <table className="data-table" data-testid="what-if-result">
          <thead>
            <tr>
              <th scope="col" />
              <th scope="col">{t("pay.whatIfNow")}</th>
              <th scope="col">{t("pay.whatIfThen", { pct: whatIf.percent })}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t("pay.weightedScore")}</th>
              <td>{pts(whatIf.before.score)}</td>
              <td>{pts(whatIf.after.score)}</td>
            </tr>
            <tr>
              <th scope="row">{t("pay.line.base")}</th>
              <td>{money(whatIf.before.basePayFen)}</td>
              <td>{money(whatIf.after.basePayFen)}</td>
            </tr>
            <tr>
              <th scope="row">{t("pay.line.performance")}</th>
              <td>{money(whatIf.before.performancePayFen)}</td>
              <td>{money(whatIf.after.performancePayFen)}</td>
            </tr>
            <tr>
              <th scope="row">{t("pay.line.growth")}</th>
              <td>{money(whatIf.before.growthBonusFen)}</td>
              <td>{money(whatIf.after.growthBonusFen)}</td>
            </tr>
            <tr>
              <th scope="row">{t("pay.line.poolEstimate")}</th>
              <td>{money(whatIf.before.poolShareFen)}</td>
              <td>{money(whatIf.after.poolShareFen)}</td>
            </tr>
            <tr className="total-row">
              <th scope="row">{t("pay.total")}</th>
              <td>{money(whatIf.before.totalFen)}</td>
              <td data-testid="what-if-total">{money(whatIf.after.totalFen)}</td>
            </tr>
          </tbody>
        </table>
      ) : null}
    </div>
  );
}

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "2026-07" as the reader says it: "7月" or "Jul" (the same text on server and browser). */
export function monthName(month: string, locale: string) {
  const m = Number(month.slice(5, 7));
  return locale === "en" ? MONTHS_EN[m - 1] : `${m}月`;
}

/** The settlement's row: performance pay minus each month's advance, and what a negative difference means. */
function SettlementRow({ settlement }: { settlement: NonNullable<Explanation["settlement"]> }) {
  const t = useT();
  const locale = useLocale();
  const months = settlement.advances.map((a) => monthName(a.month, locale)).join(locale === "en" ? ", " : "、");
  return (
    <tr data-testid="explain-settlement">
      <th scope="row">{t("pay.line.advancesDeducted")}</th>
      <td>{money(-settlement.advancesDeductedFen)}</td>
      <td>
        {settlement.advances.length
          ? t("pay.explain.settlement", {
              performance: money(settlement.performancePayFen),
              months,
              advances: money(settlement.advancesDeductedFen),
              amount: money(settlement.settlementFen),
            })
          : t("pay.explain.settlementNoAdvances", {
              performance: money(settlement.performancePayFen),
              amount: money(settlement.settlementFen),
            })}
        {settlement.advances.length > 1 ? (
          <ul className="explain-list">
            {settlement.advances.map((a) => (
              <li key={a.month}>{t("pay.explain.advanceMonth", { month: monthName(a.month, locale), amount: money(a.fen) })}</li>
            ))}
          </ul>
        ) : null}
        {settlement.settlementFen < 0 ? (
          <p className="notice warn">{t("pay.explain.settlementNegative", { amount: money(-settlement.settlementFen) })}</p>
        ) : null}
      </td>
    </tr>
  );
}

/** A monthly line: base pay and the performance advance for the days employed, and the split between units. */
export function MonthlyPayslip({
  line,
  explanation,
  unitNames,
}: {
  line: { basePayFen: number; advanceFen: number; totalFen: number };
  explanation: MonthlyExplanation | null;
  unitNames: { id: string; nameZh: string; nameEn: string }[];
}) {
  const t = useT();
  const locale = useLocale();
  if (!explanation) return <p className="notice warn">{t("pay.noExplanation")}</p>;
  const whole = explanation.days === explanation.monthDays;
  const level = `${t(`track.${explanation.track}`)} ${explanation.level}`;
  const rate = `${explanation.advance.rateBp / 100}%`;
  return (
    <PayslipTable totalFen={line.totalFen}>
      <tr>
        <th scope="row">{t("pay.line.base")}</th>
        <td>{money(line.basePayFen)}</td>
        <td data-testid="explain-base">
          {whole
            ? t("pay.explain.monthlyBaseWhole", { monthly: money(explanation.base.monthlyFen), level })
            : t("pay.explain.monthlyBase", {
                monthly: money(explanation.base.monthlyFen),
                level,
                days: explanation.days,
                monthDays: explanation.monthDays,
              })}
          {explanation.leftOn ? (
            <>
              <br />
              <small className="hint">
                {t("pay.explain.leftOn", { date: explanation.leftOn, days: explanation.days, periodDays: explanation.monthDays })}
              </small>
            </>
          ) : null}
        </td>
      </tr>
      <tr>
        <th scope="row">{t("pay.line.advance")}</th>
        <td>{money(line.advanceFen)}</td>
        <td data-testid="explain-advance">
          {whole
            ? t("pay.explain.advanceWhole", { monthly: money(explanation.advance.monthlyFen), rate })
            : t("pay.explain.advance", {
                monthly: money(explanation.advance.monthlyFen),
                rate,
                days: explanation.days,
                monthDays: explanation.monthDays,
              })}
        </td>
      </tr>
      {explanation.units ? (
        <tr>
          <td colSpan={3}>
            {t("pay.explain.unitSplit")}
            <ul className="explain-list">
              {explanation.units.map((u) => {
                const unit = unitNames.find((n) => n.id === u.unitId);
                return (
                  <li key={u.unitId}>
                    {t("pay.explain.unitShare", {
                      unit: unit ? pick(locale, unit) : u.unitId,
                      days: u.days,
                      base: money(u.basePayFen),
                      advance: money(u.advanceFen),
                    })}
                  </li>
                );
              })}
            </ul>
          </td>
        </tr>
      ) : null}
    </PayslipTable>
  );
}
