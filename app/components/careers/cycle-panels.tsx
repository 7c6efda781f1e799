import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import type { CriterionResult } from "~/modules/careers/criteria";
import type { candidates, nominationsInScope } from "~/modules/careers/cycles.server";
import { FormErrors } from "../forms";
import { useLocale, useT } from "../i18n";
import { Pagination } from "../pagination";
import { DataTable } from "../ui/data-table";
import { CriteriaList, CriteriaSummary } from "./criteria-list";
import { EMPTY } from "~/utils/format";

type Named = { nameZh: string; nameEn: string };
const useName = () => {
  const locale = useLocale();
  return (n: Named) => (locale === "en" ? n.nameEn : n.nameZh);
};

export function QuotaPanel({
  quotas,
  units,
  canManage,
  errors,
}: {
  quotas: { unitId: string; posts: number; used: number; nameZh: string; nameEn: string }[];
  units: (Named & { id: string; depth: number })[];
  canManage: boolean;
  errors?: string[];
}) {
  const t = useT();
  const name = useName();
  return (
    <div className="panel">
      <h2>{t("careers.quotasTitle")}</h2>
      <p className="hint">{t("careers.quotasHint")}</p>
      <DataTable
        testId="quotas"
        rows={quotas}
        rowKey={(q) => q.unitId}
        empty="careers.noQuotas"
        columns={[
          { key: "unit", header: "careers.unit", rowHeader: true, cell: (q) => name(q), sort: (q) => name(q) },
          { key: "posts", header: "careers.posts", numeric: true, cell: (q) => q.posts, sort: (q) => q.posts },
          { key: "used", header: "careers.used", numeric: true, cell: (q) => q.used, sort: (q) => q.used },
        ]}
      />
      {canManage ? (
        <Form method="post" className="inline-form" data-testid="quota-form">
          <input type="hidden" name="intent" value="quota" />
          <label htmlFor="quota-unit">{t("careers.unit")}</label>
          <select id="quota-unit" name="unitId" required>
            {units.map((u) => (
              <option key={u.id} value={u.id}>{`${"— ".repeat(u.depth)}${name(u)}`}</option>
            ))}
          </select>
          <label htmlFor="quota-posts">{t("careers.posts")}</label>
          <input id="quota-posts" name="posts" type="number" min={0} max={1000} step={1} required />
          <button type="submit">{t("careers.setQuota")}</button>
          <FormErrors errors={errors} />
        </Form>
      ) : null}
    </div>
  );
}

type Nomination = SerializeFrom<Awaited<ReturnType<typeof nominationsInScope>>>[number];

export function NominationTable({
  nominations,
  canDecide,
  errorsFor,
}: {
  nominations: Nomination[];
  canDecide: boolean;
  errorsFor: (target: string) => string[] | undefined;
}) {
  const t = useT();
  const name = useName();
  return (
    <div className="panel">
      <h2>{t("careers.nominationsTitle")}</h2>
      <DataTable
        testId="nominations"
        rows={nominations}
        rowKey={(n) => n.id}
        rowProps={(n) => ({ "data-testid": `nomination-${n.employee.employeeNo}` })}
        empty="careers.noNominations"
        columns={[
          {
            key: "employee",
            header: "careers.employee",
            cell: (n) => (
              <>
                {n.employee.name} · {n.employee.employeeNo}
                <br />
                <small>{name(n.employee.unit)}</small>
              </>
            ),
            sort: (n) => n.employee.employeeNo,
          },
          { key: "change", header: "careers.change", cell: (n) => `${n.fromLevel} → ${n.toLevel}` },
          {
            key: "source",
            header: "careers.source",
            cell: (n) => (
              <>
                {t(`careers.source.${n.source}`)}
                <br />
                <small>{n.justification}</small>
              </>
            ),
          },
          {
            key: "criteria",
            header: "careers.criteriaNow",
            cell: (n) =>
              n.results ? (
                <details>
                  <summary>
                    <CriteriaSummary results={n.results as CriterionResult[]} />
                  </summary>
                  <CriteriaList results={n.results as CriterionResult[]} kpiPeriods={4} />
                </details>
              ) : (
                EMPTY
              ),
          },
          {
            key: "status",
            header: "careers.statusLabel",
            cell: (n) => (
              <>
                {t(`careers.nominationStatus.${n.status}`)}
                {n.reviewComment ? (
                  <>
                    <br />
                    <small>{n.reviewComment}</small>
                  </>
                ) : null}
              </>
            ),
          },
          {
            key: "decision",
            header: "careers.decision",
            hidden: !canDecide,
            cell: (n) => (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="decide" />
                <input type="hidden" name="nominationId" value={n.id} />
                <select name="decision" aria-label={t("careers.decision")} defaultValue={n.status === "rejected" ? "rejected" : "approved"}>
                  <option value="approved">{t("careers.approve")}</option>
                  <option value="rejected">{t("careers.reject")}</option>
                </select>
                <textarea
                  name="comment"
                  rows={2}
                  aria-label={t("careers.reviewComment")}
                  placeholder={t("careers.reviewCommentHint")}
                  defaultValue={n.reviewComment ?? ""}
                />
                <FormErrors errors={errorsFor(n.id)} />
                <button type="submit">{t("careers.saveDecision")}</button>
              </Form>
            ),
          },
        ]}
      />
    </div>
  );
}

type CandidateList = SerializeFrom<Awaited<ReturnType<typeof candidates>>>;

export function CandidateTable({
  list,
  eligibleOnly,
  errorsFor,
}: {
  list: CandidateList;
  eligibleOnly: boolean;
  errorsFor: (target: string) => string[] | undefined;
}) {
  const t = useT();
  const name = useName();
  return (
    <div className="panel">
      <h2>{t("careers.candidatesTitle")}</h2>
      <p>
        {t("careers.candidatesSummary", { eligible: list.eligibleCount, total: list.total })} ·{" "}
        <a href={eligibleOnly ? "?" : "?eligible=1"}>{t(eligibleOnly ? "careers.showAllCandidates" : "careers.showEligibleOnly")}</a>
      </p>
      <DataTable
        testId="candidates"
        rows={list.rows}
        rowKey={(r) => r.id}
        rowProps={(r) => ({ "data-testid": `candidate-${r.employeeNo}` })}
        empty="careers.noCandidates"
        columns={[
          {
            key: "employee",
            header: "careers.employee",
            cell: (r) => (
              <>
                {r.name} · {r.employeeNo}
                <br />
                <small>{name(r.unit)}</small>
              </>
            ),
          },
          { key: "change", header: "careers.change", cell: (r) => `${r.level} → ${r.nextLevel}` },
          {
            key: "criteria",
            header: "careers.criteria",
            cell: (r) => (
              <>
                <span className={`badge badge-${r.eligible ? "met" : "missing"}`}>
                  {t(r.eligible ? "careers.eligible" : "careers.notYetEligible")}
                </span>{" "}
                <details>
                  <summary>
                    <CriteriaSummary results={r.results as CriterionResult[]} />
                  </summary>
                  <CriteriaList results={r.results as CriterionResult[]} kpiPeriods={4} />
                </details>
              </>
            ),
          },
          {
            key: "nominate",
            header: "careers.nominate",
            cell: (r) =>
              r.nomination ? (
                t(`careers.nominationStatus.${r.nomination}`)
              ) : (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="nominate" />
                  <input type="hidden" name="employeeId" value={r.id} />
                  <textarea
                    name="justification"
                    rows={2}
                    required
                    maxLength={2000}
                    aria-label={t("careers.justification")}
                    placeholder={t("careers.justification")}
                  />
                  <FormErrors errors={errorsFor(r.id)} />
                  <button type="submit">{t("careers.nominate")}</button>
                </Form>
              ),
          },
        ]}
      />
      {list.pageCount > 1 ? <Pagination page={list.page} pageCount={list.pageCount} total={list.total} /> : null}
    </div>
  );
}
