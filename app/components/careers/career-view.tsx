import type { SerializeFrom } from "@remix-run/node";
import type { careerOverview } from "~/modules/careers/career.server";
import { useLocale, useT } from "../i18n";
import { DataTable } from "../ui/data-table";
import { CriteriaList } from "./criteria-list";
import { EMPTY, formatDate, formatMoney } from "~/utils/format";

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
        <DataTable
          rows={view.moves}
          rowKey={(m) => m.track}
          empty={null}
          columns={[
            { key: "track", header: "careers.track", rowHeader: true, cell: (m) => t(`track.${m.track}`) },
            {
              key: "same",
              header: "careers.sameGrade",
              cell: (m) => (m.same.length ? m.same.map((l) => `${l.code} ${titleOf(l.code)}`).join(" / ") : EMPTY),
            },
            { key: "up", header: "careers.gradeUp", cell: (m) => (m.up ? `${m.up.code} ${titleOf(m.up.code)}` : EMPTY) },
          ]}
        />
        <p className="hint">{t("careers.movesHint")}</p>
      </div>
      <div className="panel">
        <h2>{t("careers.history")}</h2>
        <DataTable
          testId="level-history"
          rows={view.history}
          rowKey={(h) => h.id}
          empty="careers.noHistory"
          columns={[
            {
              key: "effectiveFrom",
              header: "careers.effectiveFrom",
              cell: (h) => formatDate(h.effectiveFrom),
              sort: (h) => h.effectiveFrom,
            },
            { key: "track", header: "careers.track", cell: (h) => t(`track.${h.track}`) },
            { key: "level", header: "careers.level", cell: (h) => `${h.level} ${titleOf(h.level)}` },
            { key: "reason", header: "careers.reason", cell: (h) => t(`careers.reason.${h.reason}`) },
          ]}
        />
      </div>
    </>
  );
}
