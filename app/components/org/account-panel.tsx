import { Form } from "@remix-run/react";
import { ConfirmButton, FormErrors } from "~/components/forms";
import { useLocale, useT } from "~/components/i18n";
import { pick } from "~/utils/i18n";
import { formatDateTime } from "~/utils/format";
import { DataTable } from "~/components/ui/data-table";

type Unit = { id: string; nameZh: string; nameEn: string; depth: number };
type Panel = {
  account: {
    id: string;
    role: string;
    scopeUnitId: string | null;
    disabled: boolean;
    hasPassword: boolean;
    roleGrantedAt: string | Date | null;
  } | null;
  isSelf: boolean;
  roleChoices: readonly string[];
  resetNeedsApproval: boolean;
  resetRefused: string | null;
  pending: {
    id: string;
    kind: string;
    role: string | null;
    scopeUnit: { nameZh: string; nameEn: string } | null;
    requestedBy: string;
    createdAt: string | Date;
    refusal: string | null;
  }[];
};
export type AccountPanelResult =
  { accountErrors?: string[]; values?: { role?: string; scopeUnitId?: string }; inviteLink?: string } | undefined;

/**
 * The sign-in account of one person: its role and state, role-change and reset requests (which
 * another admin approves), and the requests waiting for a decision. Shown to HR on the employee
 * page and to sysadmins on the user page; the server decides every rule again.
 */
export function AccountPanel({
  panel,
  units,
  result,
  canCreate,
}: {
  panel: Panel;
  units: Unit[];
  result: AccountPanelResult;
  canCreate: boolean;
}) {
  const t = useT();
  const locale = useLocale();
  const when = formatDateTime;
  const { account } = panel;
  if (!account) {
    return (
      <div className="panel">
        <h2>{t("org.account")}</h2>
        <p>{t("org.noAccount")}</p>
        {canCreate ? (
          <Form method="post">
            <button type="submit" name="intent" value="createAccount">
              {t("accounts.createAccount")}
            </button>
          </Form>
        ) : null}
        <FormErrors errors={result?.accountErrors} />
      </div>
    );
  }
  const role = result?.values?.role ?? account.role;
  const scopeUnitId = result?.values?.scopeUnitId ?? account.scopeUnitId ?? "";
  return (
    <div className="panel" data-testid="account-panel">
      <h2>{t("org.account")}</h2>
      <p>
        {t(`role.${account.role}`)} ·{" "}
        {account.disabled ? t("org.accountDisabled") : account.hasPassword ? t("org.accountActive") : t("org.accountAwaitingPassword")}
        {account.roleGrantedAt ? ` · ${t("accounts.roleGrantedAt", { date: when(account.roleGrantedAt) })}` : ""}
      </p>
      {panel.isSelf ? <p className="hint">{t("accounts.selfNote")}</p> : null}
      {panel.pending.length > 0 ? (
        <div data-testid="pending-requests">
          <h3>{t("accounts.pendingTitle")}</h3>
          <DataTable
            rows={panel.pending}
            rowKey={(r) => r.id}
            columns={[
              {
                key: "request",
                header: "accounts.request",
                cell: (r) =>
                  r.kind === "role"
                    ? t("accounts.kind.role", { role: t(`role.${r.role ?? "employee"}`) }) +
                      (r.scopeUnit ? ` · ${pick(locale, r.scopeUnit)}` : "")
                    : t("accounts.kind.reset"),
              },
              { key: "requestedBy", header: "accounts.requestedBy", cell: (r) => r.requestedBy },
              { key: "requestedAt", header: "accounts.requestedAt", cell: (r) => when(r.createdAt) },
              {
                key: "decision",
                header: "accounts.decision",
                cell: (r) =>
                  r.refusal ? (
                    <span className="hint">{t(r.refusal)}</span>
                  ) : (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="requestId" value={r.id} />
                      <ConfirmButton name="intent" value="approve" confirm={t("accounts.confirmApprove")} className="primary">
                        {t("accounts.approve")}
                      </ConfirmButton>
                      <button type="submit" name="intent" value="reject">
                        {t("accounts.reject")}
                      </button>
                    </Form>
                  ),
              },
            ]}
          />
        </div>
      ) : null}
      {!panel.isSelf && panel.roleChoices.length > 0 ? (
        <Form method="post" className="grid-form">
          <input type="hidden" name="intent" value="requestRole" />
          <div className="field">
            <label htmlFor="role">{t("org.role")}</label>
            <select id="role" name="role" defaultValue={role} key={`role-${role}`}>
              {panel.roleChoices.map((r) => (
                <option key={r} value={r}>
                  {t(`role.${r}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="scopeUnitId">{t("org.scopeUnit")}</label>
            <select id="scopeUnitId" name="scopeUnitId" defaultValue={scopeUnitId} key={`scope-${scopeUnitId}`}>
              <option value="">—</option>
              {units.map((u) => (
                <option key={u.id} value={u.id}>{`${"— ".repeat(u.depth)}${pick(locale, u)}`}</option>
              ))}
            </select>
            <small className="hint">{t("org.scopeUnitHint")}</small>
          </div>
          <p className="hint">{t("accounts.requestHint")}</p>
          <button type="submit">{t("accounts.requestRole")}</button>
        </Form>
      ) : null}
      {!panel.isSelf ? (
        <Form method="post" className="inline-form">
          {panel.resetRefused ? null : panel.resetNeedsApproval ? (
            <button type="submit" name="intent" value="requestReset">
              {t("accounts.requestReset")}
            </button>
          ) : (
            <button type="submit" name="intent" value="requestReset">
              {t("org.createInvite")}
            </button>
          )}
          {panel.resetRefused ? null : account.disabled ? (
            <button type="submit" name="intent" value="enableUser">
              {t("org.enableAccount")}
            </button>
          ) : (
            <ConfirmButton name="intent" value="disableUser" confirm={t("org.confirmDisableAccount")}>
              {t("org.disableAccount")}
            </ConfirmButton>
          )}
        </Form>
      ) : null}
      <FormErrors errors={result?.accountErrors} />
      {result?.inviteLink ? (
        <div className="notice" role="status">
          <p>{t("org.inviteShownOnce")}</p>
          <input readOnly value={result.inviteLink} aria-label={t("org.inviteLink")} data-testid="invite-link" className="wide" />
        </div>
      ) : null}
    </div>
  );
}
