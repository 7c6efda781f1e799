import type { SerializeFrom } from "@remix-run/node";
import type { careerOverview } from "~/modules/careers/career.server";
import { useLocale, useT } from "../i18n";
import { CriteriaList } from "./criteria-list";
import { formatDate, formatMoney } from "~/utils/format";

export type CareerOverview = SerializeFrom<NonNullable<Awaited<ReturnType<typeof careerOverview>>>>;

type Titled = { titleZh: string; titleEn: string };
export const title = (locale: string, l: Titled | null | undefined) => (l ? (locale === "en" ? l.titleEn : l.titleZh) : "");

/** Position, next level with its criteria, equivalent moves and level history. */
export function CareerView({ view }: { view: CareerOverview }) {
  const t = useT();
  const locale = useLocale();
  const titleOf = (code: string) =>
    title(
      locale,
      view.levels.find((l) => l.code === code),
    );
  const lines = (zh: string, en: string) => (locale === "en" ? en : zh).split("\n").filter(Boolean);
  return (
    <>
      <div className="panel" data-testid="career-position">
        <h2>{t("careers.myPosition")}</h2>
        <p className="lead">
          {t(`track.${view.employee.track}`)} · <strong data-testid="current-level">{view.employee.level}</strong>{" "}
          {title(locale, view.current)}
        </p>
        {view.current ? <p>{locale === "en" ? view.current.descriptionEn : view.current.descriptionZh}</p> : null}
        {view.current ? (
          <>
            <h3>{t("careers.competencies")}</h3>
            <ul>
              {lines(view.current.competenciesZh, view.current.competenciesEn).map((c) => (
                <li key={c}>{c}</li>
              ))}
            </ul>
          </>
        ) : null}
        <p>
          {view.band
            ? t("careers.payBand", { base: formatMoney(view.band.basePayFen), performance: formatMoney(view.band.performanceBaseFen) })
            : t("careers.payBandNone")}
        </p>
      </div>
      <div className="panel" data-testid="career-next">
        <h2>{t("careers.nextLevel")}</h2>
        {view.next ? (
          <>
            <p className="lead">
              <strong>{view.next.code}</strong> {title(locale, view.next)} ·{" "}
              <span className={`badge badge-${view.eligible ? "met" : "missing"}`}>
                {t(view.eligible ? "careers.eligible" : "careers.notYetEligible")}
              </span>
            </p>
            {view.nextBand ? (
              <p>
                {t("careers.payBand", {
                  base: formatMoney(view.nextBand.basePayFen),
                  performance: formatMoney(view.nextBand.performanceBaseFen),
                })}
              </p>
            ) : null}
            <CriteriaList
              results={view.quota ? [...view.results, view.quota] : view.results}
              kpiPeriods={view.next.kpiPeriods}
              testId="criteria"
            />
          </>
        ) : (
          <p>{t("careers.topOfTrack")}</p>
        )}
      </div>
      <div className="panel">
        <h2>{t("careers.equivalentMoves")}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{t("careers.track")}</th>
              <th scope="col">{t("careers.sameGrade")}</th>
              <th scope="col">{t("careers.gradeUp")}</th>
            </tr>
          </thead>
          <tbody>
            {view.moves.map((m) => (
              <tr key={m.track}>
                <td>{t(`track.${m.track}`)}</td>
                <td>{m.same.length ? m.same.map((l) => `${l.code} ${titleOf(l.code)}`).join(" / ") : "—"}</td>
                <td>{m.up ? `${m.up.code} ${titleOf(m.up.code)}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="hint">{t("careers.movesHint")}</p>
      </div>
      <div className="panel">
        <h2>{t("careers.history")}</h2>
        {view.history.length === 0 ? (
          <p className="empty-state">{t("careers.noHistory")}</p>
        ) : (
          <table className="data-table" data-testid="level-history">
            <thead>
              <tr>
                <th scope="col">{t("careers.effectiveFrom")}</th>
                <th scope="col">{t("careers.track")}</th>
                <th scope="col">{t("careers.level")}</th>
                <th scope="col">{t("careers.reason")}</th>
              </tr>
            </thead>
            <tbody>
              {view.history.map((h) => (
                <tr key={h.id}>
                  <td>{formatDate(h.effectiveFrom)}</td>
                  <td>{t(`track.${h.track}`)}</td>
                  <td>
                    {h.level} {titleOf(h.level)}
                  </td>
                  <td>{t(`careers.reason.${h.reason}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
    </>
  );
}
