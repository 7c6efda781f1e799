import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { EmptyState, PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { promotionRates, staffByTrackAndLevel, timeInLevel } from "~/modules/careers/reports.server";
import { LEVELS, TRACKS } from "~/modules/org/org";
import { db } from "~/utils/db.server";
import { formatDate } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "career.review");
  const [staff, rates, time] = await Promise.all([staffByTrackAndLevel(db, user), promotionRates(db, user), timeInLevel(db, user)]);
  return { staff, rates, time };
}

const percent = (v: number | null) => (v === null ? "—" : `${(v * 100).toFixed(1)}%`);
const RANKS = [1, 2, 3, 4, 5, 6, 7];

export default function CareerReports() {
  const t = useT();
  const locale = useLocale();
  const { staff, rates, time } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("careers.reportsTitle")} actions={<Link to="/careers/cycles">{t("careers.cyclesTitle")}</Link>} />
      <div className="panel">
        <h2>{t("careers.report.staffByLevel")}</h2>
        <p className="hint">{t("careers.report.staffByLevelHint")}</p>
        <div className="table-scroll">
          <table className="data-table" data-testid="staff-by-level">
            <thead>
              <tr>
                <th scope="col">{t("careers.unit")}</th>
                <th scope="col">{t("careers.track")}</th>
                {RANKS.map((r) => (
                  <th scope="col" className="num" key={r}>
                    {t("careers.rank", { rank: r })}
                  </th>
                ))}
                <th scope="col" className="num">
                  {t("careers.total")}
                </th>
              </tr>
            </thead>
            <tbody>
              {staff.rows.map((r) => (
                <tr key={`${r.unitId}-${r.track}`}>
                  <td style={{ paddingInlineStart: `${0.5 + r.depth}rem` }}>{locale === "en" ? r.unit.nameEn : r.unit.nameZh}</td>
                  <td>{t(`track.${r.track}`)}</td>
                  {RANKS.map((rank) => (
                    <td className="num" key={rank}>
                      {rank <= r.counts.length ? r.counts[rank - 1] || "" : "·"}
                    </td>
                  ))}
                  <td className="num">{r.total}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              {staff.totals.map((tt) => (
                <tr key={tt.track}>
                  <th scope="row">{t("careers.total")}</th>
                  <td>{t(`track.${tt.track}`)}</td>
                  {RANKS.map((rank) => (
                    <td className="num" key={rank}>
                      {rank <= tt.counts.length ? tt.counts[rank - 1] : "·"}
                    </td>
                  ))}
                  <td className="num">{tt.counts.reduce((a, b) => a + b, 0)}</td>
                </tr>
              ))}
            </tfoot>
          </table>
        </div>
        <p className="hint">{TRACKS.map((tr) => `${t(`track.${tr}`)}: ${LEVELS[tr].join(" ")}`).join(" · ")}</p>
      </div>
      <div className="panel">
        <h2>{t("careers.report.promotionRates")}</h2>
        {rates.length === 0 ? (
          <EmptyState>{t("careers.noCycles")}</EmptyState>
        ) : (
          <table className="data-table" data-testid="promotion-rates">
            <thead>
              <tr>
                <th scope="col">{t("careers.cycleName")}</th>
                <th scope="col">{t("careers.statusLabel")}</th>
                <th scope="col" className="num">
                  {t("careers.nominations")}
                </th>
                <th scope="col" className="num">
                  {t("careers.approvedCount")}
                </th>
                <th scope="col" className="num">
                  {t("careers.exceptions")}
                </th>
                <th scope="col" className="num">
                  {t("careers.approvalRate")}
                </th>
                <th scope="col" className="num">
                  {t("careers.promotionRate")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rates.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/careers/cycles/${c.id}`}>{c.name}</Link> <small>{formatDate(c.effectiveDate)}</small>
                  </td>
                  <td>{t(`careers.cycleStatus.${c.status}`)}</td>
                  <td className="num">{c.nominated}</td>
                  <td className="num">{c.approved}</td>
                  <td className="num">{c.exceptions}</td>
                  <td className="num">{percent(c.approvalRate)}</td>
                  <td className="num">{percent(c.promotionRate)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <div className="panel">
        <h2>{t("careers.report.timeInLevel")}</h2>
        <table className="data-table" data-testid="time-in-level">
          <thead>
            <tr>
              <th scope="col">{t("careers.track")}</th>
              <th scope="col">{t("careers.level")}</th>
              <th scope="col" className="num">
                {t("careers.staff")}
              </th>
              <th scope="col" className="num">
                {t("careers.averageMonths")}
              </th>
              <th scope="col" className="num">
                {t("careers.longestMonths")}
              </th>
              <th scope="col" className="num">
                {t("careers.unknownStart")}
              </th>
            </tr>
          </thead>
          <tbody>
            {time.map((r) => (
              <tr key={r.level}>
                <td>{t(`track.${r.track}`)}</td>
                <td>{r.level}</td>
                <td className="num">{r.staff}</td>
                <td className="num">{r.averageMonths ?? "—"}</td>
                <td className="num">{r.longestMonths ?? "—"}</td>
                <td className="num">{r.unknown}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
