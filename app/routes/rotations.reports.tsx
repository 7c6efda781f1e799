import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { PageHeader } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { requirePermission } from "~/modules/auth/guards.server";
import { byTypeAndEvaluation, rotatedShareByUnit } from "~/modules/rotations/reports.server";
import { SCORE_FIELDS } from "~/modules/rotations/rules";
import { db } from "~/utils/db.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requirePermission(args, "rotation.host");
  const [share, byType] = await Promise.all([rotatedShareByUnit(db, user), byTypeAndEvaluation(db, user)]);
  return { share, byType };
}

export default function RotationReports() {
  const t = useT();
  const locale = useLocale();
  const { share, byType } = useLoaderData<typeof loader>();
  return (
    <section>
      <PageHeader title={t("rotations.reportsTitle")} actions={<Link to="/rotations">{t("rotations.title")}</Link>} />
      <div className="panel">
        <h2>{t("rotations.report.share")}</h2>
        <table className="data-table" data-testid="rotated-share">
          <thead>
            <tr>
              <th scope="col">{t("rotations.unit")}</th>
              <th scope="col" className="num">
                {t("rotations.staff")}
              </th>
              <th scope="col" className="num">
                {t("rotations.rotated")}
              </th>
              <th scope="col" className="num">
                {t("rotations.share")}
              </th>
            </tr>
          </thead>
          <tbody>
            {share.map((r) => (
              <tr key={r.unitId}>
                <td style={{ paddingInlineStart: `${0.5 + r.depth}rem` }}>{locale === "en" ? r.nameEn : r.nameZh}</td>
                <td className="num">{r.staff}</td>
                <td className="num">{r.rotated}</td>
                <td className="num">{r.share === null ? "—" : `${(r.share * 100).toFixed(1)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="panel">
        <h2>{t("rotations.report.byType")}</h2>
        <table className="data-table" data-testid="by-type">
          <thead>
            <tr>
              <th scope="col">{t("rotations.typeLabel")}</th>
              {(["planned", "active", "completed", "cancelled"] as const).map((s) => (
                <th scope="col" className="num" key={s}>
                  {t(`rotations.status.${s}`)}
                </th>
              ))}
              <th scope="col" className="num">
                {t("rotations.evaluated")}
              </th>
              {SCORE_FIELDS.map((f) => (
                <th scope="col" className="num" key={f}>
                  {t(`rotations.score.${f}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {byType.map((r) => (
              <tr key={r.type}>
                <td>{t(`rotations.type.${r.type}`)}</td>
                <td className="num">{r.planned}</td>
                <td className="num">{r.active}</td>
                <td className="num">{r.completed}</td>
                <td className="num">{r.cancelled}</td>
                <td className="num">{r.evaluated}</td>
                {SCORE_FIELDS.map((f) => (
                  <td className="num" key={f}>
                    {r.scores[f] === null ? "—" : r.scores[f]!.toFixed(1)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from "~/components/error-page";
