import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { DataTable } from "~/components/ui/data-table";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { promotionRates, staffByTrackAndLevel, timeInLevel } from "~/modules/careers/reports.server";
import { LEVELS, TRACKS } from "~/modules/org/org";
import { db } from "~/utils/db.server";
import { EMPTY, formatDate, formatRatio } from "~/utils/format";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "career.review");
  const [staff, rates, time] = await Promise.all([staffByTrackAndLevel(db, user), promotionRates(db, user), timeInLevel(db, user)]);
  return { staff, rates, time };
}

const percent = (v: number | null) => formatRatio(v, 1);
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
          <DataTable
            testId="staff-by-level"
            stacked={false}
            empty={null}
            rows={staff.rows}
            rowKey={(r) => `${r.unitId}-${r.track}`}
            columns={[
              {
                key: "unit",
                header: "careers.unit",
                className: "nowrap",
                cell: (r) => <span style={{ paddingInlineStart: `${r.depth}rem` }}>{locale === "en" ? r.unit.nameEn : r.unit.nameZh}</span>,
              },
              { key: "track", header: "careers.track", className: "nowrap", cell: (r) => t(`track.${r.track}`) },
              ...RANKS.map((rank) => ({
                key: `rank${rank}`,
                header: "careers.rank",
                headerParams: { rank },
                numeric: true,
                cell: (r: (typeof staff.rows)[number]) => (rank <= r.counts.length ? r.counts[rank - 1] || "" : "·"),
              })),
              { key: "total", header: "careers.total", numeric: true, cell: (r) => r.total },
            ]}
            footer={staff.totals.map((tt) => (
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
          />
        </div>
        <p className="hint">{TRACKS.map((tr) => `${t(`track.${tr}`)}: ${LEVELS[tr].join(" ")}`).join(" · ")}</p>
      </div>
      <div className="panel">
        <h2>{t("careers.report.promotionRates")}</h2>
        <DataTable
          testId="promotion-rates"
          rows={rates}
          rowKey={(c) => c.id}
          empty="careers.noCycles"
          columns={[
            {
              key: "name",
              header: "careers.cycleName",
              cell: (c) => (
                <>
                  <Link to={`/careers/cycles/${c.id}`}>{c.name}</Link> <small>{formatDate(c.effectiveDate)}</small>
                </>
              ),
              sort: (c) => c.effectiveDate,
            },
            { key: "status", header: "careers.statusLabel", cell: (c) => t(`careers.cycleStatus.${c.status}`) },
            { key: "nominated", header: "careers.nominations", numeric: true, cell: (c) => c.nominated, sort: (c) => c.nominated },
            { key: "approved", header: "careers.approvedCount", numeric: true, cell: (c) => c.approved, sort: (c) => c.approved },
            { key: "exceptions", header: "careers.exceptions", numeric: true, cell: (c) => c.exceptions },
            {
              key: "approvalRate",
              header: "careers.approvalRate",
              numeric: true,
              cell: (c) => percent(c.approvalRate),
              sort: (c) => c.approvalRate,
            },
            {
              key: "promotionRate",
              header: "careers.promotionRate",
              numeric: true,
              cell: (c) => percent(c.promotionRate),
              sort: (c) => c.promotionRate,
            },
          ]}
        />
      </div>
      <div className="panel">
        <h2>{t("careers.report.timeInLevel")}</h2>
        <DataTable
          testId="time-in-level"
          rows={time}
          rowKey={(r) => r.level}
          empty={null}
          columns={[
            { key: "track", header: "careers.track", cell: (r) => t(`track.${r.track}`) },
            { key: "level", header: "careers.level", cell: (r) => r.level },
            { key: "staff", header: "careers.staff", numeric: true, cell: (r) => r.staff, sort: (r) => r.staff },
            {
              key: "averageMonths",
              header: "careers.averageMonths",
              numeric: true,
              cell: (r) => r.averageMonths ?? EMPTY,
              sort: (r) => r.averageMonths,
            },
            {
              key: "longestMonths",
              header: "careers.longestMonths",
              numeric: true,
              cell: (r) => r.longestMonths ?? EMPTY,
              sort: (r) => r.longestMonths,
            },
            { key: "unknown", header: "careers.unknownStart", numeric: true, cell: (r) => r.unknown },
          ]}
        />
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
