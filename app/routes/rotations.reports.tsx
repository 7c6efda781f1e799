import type { LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { byTypeAndEvaluation, rotatedShareByUnit } from "~/modules/rotations/reports.server";
import { SCORE_FIELDS } from "~/modules/rotations/rules";
import { db } from "~/utils/db.server";
import { DataTable } from "~/components/ui/data-table";
import { formatDecimal, formatRatio } from "~/utils/format";

const STATUSES = ["planned", "active", "completed", "cancelled"] as const;

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "rotation.host");
  const [share, byType] = await Promise.all([rotatedShareByUnit(db, user), byTypeAndEvaluation(db, user)]);
  return { share, byType };
}

type ByType = SerializeFrom<typeof loader>["byType"][number];

export default function RotationReports() {
  const t = useT();
  const locale = useLocale();
  const { share, byType } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("rotations.reportsTitle")} actions={<Link to="/rotations">{t("rotations.title")}</Link>} />
      <div className="panel">
        <h2>{t("rotations.report.share")}</h2>
        <DataTable
          testId="rotated-share"
          rows={share}
          rowKey={(r) => r.unitId}
          empty={null}
          columns={[
            {
              key: "unit",
              header: "rotations.unit",
              cell: (r) => <span style={{ paddingInlineStart: `${r.depth}rem` }}>{locale === "en" ? r.nameEn : r.nameZh}</span>,
            },
            { key: "staff", header: "rotations.staff", numeric: true, cell: (r) => r.staff },
            { key: "rotated", header: "rotations.rotated", numeric: true, cell: (r) => r.rotated },
            { key: "share", header: "rotations.share", numeric: true, cell: (r) => formatRatio(r.share, 1) },
          ]}
        />
      </div>
      <div className="panel">
        <h2>{t("rotations.report.byType")}</h2>
        <DataTable
          testId="by-type"
          rows={byType}
          rowKey={(r) => r.type}
          empty={null}
          columns={[
            { key: "type", header: "rotations.typeLabel", cell: (r) => t(`rotations.type.${r.type}`) },
            ...STATUSES.map((s) => ({ key: s, header: `rotations.status.${s}`, numeric: true, cell: (r: ByType) => r[s] })),
            { key: "evaluated", header: "rotations.evaluated", numeric: true, cell: (r) => r.evaluated },
            ...SCORE_FIELDS.map((f) => ({
              key: `score-${f}`,
              header: `rotations.score.${f}`,
              numeric: true,
              cell: (r: ByType) => formatDecimal(r.scores[f], 1),
            })),
          ]}
        />
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
