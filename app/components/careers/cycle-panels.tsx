import type { SerializeFrom } from "@remix-run/node";
import { Form } from "@remix-run/react";
import type { CriterionResult } from "~/modules/careers/criteria";
import type { candidates, nominationsInScope } from "~/modules/careers/cycles.server";
import { FormErrors } from "../forms";
import { useLocale, useT } from "../i18n";
import { Pagination } from "../pagination";
import { CriteriaList, CriteriaSummary } from "./criteria-list";

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
      {quotas.length === 0 ? (
        <p className="empty-state">{t("careers.noQuotas")}</p>
      ) : (
        <table className="data-table" data-testid="quotas">
          <thead>
            <tr>
              <th scope="col">{t("careers.unit")}</th>
              <th scope="col" className="num">
                {t("careers.posts")}
              </th>
              <th scope="col" className="num">
                {t("careers.used")}
              </th>
            </tr>
          </thead>
          <tbody>
            {quotas.map((q) => (
              <tr key={q.unitId}>
                <td>{name(q)}</td>
                <td className="num">{q.posts}</td>
                <td className="num">{q.used}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
      {nominations.length === 0 ? (
        <p className="empty-state">{t("careers.noNominations")}</p>
      ) : (
        <table className="data-table" data-testid="nominations">
          <thead>
            <tr>
              <th scope="col">{t("careers.employee")}</th>
              <th scope="col">{t("careers.change")}</th>
              <th scope="col">{t("careers.source")}</th>
              <th scope="col">{t("careers.criteriaNow")}</th>
              <th scope="col">{t("careers.statusLabel")}</th>
              {canDecide ? <th scope="col">{t("careers.decision")}</th> : null}
            </tr>
          </thead>
          <tbody>
            {nominations.map((n) => (
              <tr key={n.id} data-testid={`nomination-${n.employee.employeeNo}`}>
                <td>
                  {n.employee.name} · {n.employee.employeeNo}
                  <br />
                  <small>{name(n.employee.unit)}</small>
                </td>
                <td>{`${n.fromLevel} → ${n.toLevel}`}</td>
                <td>
                  {t(`careers.source.${n.source}`)}
                  <br />
                  <small>{n.justification}</small>
                </td>
                <td>
                  {n.results ? (
                    <details>
                      <summary>
                        <CriteriaSummary results={n.results as CriterionResult[]} />
                      </summary>
                      <CriteriaList results={n.results as CriterionResult[]} kpiPeriods={4} />
                    </details>
                  ) : (
                    "—"
                  )}
                </td>
                <td>
                  {t(`careers.nominationStatus.${n.status}`)}
                  {n.reviewComment ? (
                    <>
                      <br />
                      <small>{n.reviewComment}</small>
                    </>
                  ) : null}
                </td>
                {canDecide ? (
                  <td>
                    <Form method="post" className="stack">
                      <input type="hidden" name="intent" value="decide" />
                      <input type="hidden" name="nominationId" value={n.id} />
                      <select
                        name="decision"
                        aria-label={t("careers.decision")}
                        defaultValue={n.status === "rejected" ? "rejected" : "approved"}
                      >
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
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
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
      {list.rows.length === 0 ? (
        <p className="empty-state">{t("careers.noCandidates")}</p>
      ) : (
        <table className="data-table" data-testid="candidates">
          <thead>
            <tr>
              <th scope="col">{t("careers.employee")}</th>
              <th scope="col">{t("careers.change")}</th>
              <th scope="col">{t("careers.criteria")}</th>
              <th scope="col">{t("careers.nominate")}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((r) => (
              <tr key={r.id} data-testid={`candidate-${r.employeeNo}`}>
                <td>
                  {r.name} · {r.employeeNo}
                  <br />
                  <small>{name(r.unit)}</small>
                </td>
                <td>{`${r.level} → ${r.nextLevel}`}</td>
                <td>
                  <span className={`badge badge-${r.eligible ? "met" : "missing"}`}>
                    {t(r.eligible ? "careers.eligible" : "careers.notYetEligible")}
                  </span>{" "}
                  <details>
                    <summary>
                      <CriteriaSummary results={r.results as CriterionResult[]} />
                    </summary>
                    <CriteriaList results={r.results as CriterionResult[]} kpiPeriods={4} />
                  </details>
                </td>
                <td>
                  {r.nomination ? (
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
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {list.pageCount > 1 ? <Pagination page={list.page} pageCount={list.pageCount} total={list.total} /> : null}
    </div>
  );
}
