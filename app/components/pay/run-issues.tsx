import { Link } from "@remix-run/react";
import { useLocale, useT } from "~/components/i18n";
import type { PoolResult } from "~/modules/pay/payroll";
import type { StoredIssue } from "~/modules/pay/runs.server";
import { pick } from "~/utils/i18n";

/** Blocking problems of a draft: each a clear error for HR, never a silent zero. */
export function RunIssues({
  issues,
  pools,
  actualsHref,
}: {
  issues: StoredIssue[];
  pools: (PoolResult & { scheme?: { nameZh: string; nameEn: string } })[];
  actualsHref: string;
}) {
  const t = useT();
  const locale = useLocale();
  const describe = (i: StoredIssue) => {
    switch (i.kind) {
      case "missingActual":
        return t("pay.issue.missingActual", { employeeNo: i.employeeNo ?? "", kpi: i.kpiCode });
      case "malformedLine":
        return t("pay.issue.malformedLine", { employeeNo: i.employeeNo ?? "", kpi: i.kpiCode });
      case "noBand":
        return t("pay.issue.noBand", { employeeNo: i.employeeNo ?? "", level: `${i.track} ${i.level}` });
      case "noScore":
        return t("pay.issue.noScore", { employeeNo: i.employeeNo ?? "" });
      case "poolNoLastYear": {
        const scheme = pools.find((p) => p.schemeId === i.schemeId)?.scheme;
        return t("pay.issue.poolNoLastYear", { pool: scheme ? pick(locale, scheme) : i.schemeId });
      }
      case "poolBlocked": {
        const scheme = pools.find((p) => p.schemeId === i.schemeId)?.scheme;
        return t("pay.issue.poolBlocked", { pool: scheme ? pick(locale, scheme) : i.schemeId, count: i.blockedCount });
      }
    }
  };
  return (
    <div className="panel" role="alert" data-testid="run-issues">
      <h2>{t("pay.issuesTitle", { count: issues.length })}</h2>
      <p className="hint">{t("pay.issuesHint")}</p>
      <ul>
        {issues.map((i, n) => (
          <li
            key={n}
            data-employee-no={"employeeNo" in i ? i.employeeNo : undefined}
            data-kpi={i.kind === "missingActual" || i.kind === "malformedLine" ? i.kpiCode : undefined}
          >
            {describe(i)}
          </li>
        ))}
      </ul>
      <p>
        <Link to={actualsHref}>{t("pay.enterActuals")}</Link>
      </p>
    </div>
  );
}
