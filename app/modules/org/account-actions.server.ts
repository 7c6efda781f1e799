import type { Db } from "~/utils/db.server";
import { domainError } from "~/utils/domain-error.server";
import { isRole, ROLES, type Role } from "~/modules/auth/roles";
import type { SessionUser } from "~/modules/auth/session.server";
import { z } from "~/utils/validation";
import { decisionRefusal, isPrivileged, resetRefusal, roleRequestRefusal } from "./account-rules";
import { createAccount, decideRequest, pendingRequests, requestPasswordReset, requestRoleChange, setUserDisabled } from "./accounts.server";

/** The account forms of the employee page (HR) and the user page (sysadmin): one intent each. */
export const AccountIntentSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("requestRole"), role: z.enum(ROLES), scopeUnitId: z.string().max(64).optional() }).strict(),
  z.object({ intent: z.literal("requestReset") }).strict(),
  z.object({ intent: z.literal("createAccount") }).strict(),
  z.object({ intent: z.enum(["approve", "reject"]), requestId: z.string().min(1).max(64) }).strict(),
  z.object({ intent: z.enum(["disableUser", "enableUser"]) }).strict(),
]);

export const ACCOUNT_INTENTS = ["requestRole", "requestReset", "createAccount", "approve", "reject", "disableUser", "enableUser"] as const;

export type AccountActionResult =
  | { ok: false; accountErrors: string[]; values?: { role?: string; scopeUnitId?: string } }
  | {
      ok: true;
      inviteLink?: string;
      flash: "accounts.requested" | "accounts.approved" | "accounts.rejected" | "accounts.resetRequested" | "org.accountSaved";
    };

/**
 * Runs one account intent for `employeeId`'s account (or `userId`'s). Rule refusals come back as
 * messages (and were audited); a request id that belongs to another account is not found.
 */
export async function runAccountAction(
  db: Db,
  actor: SessionUser,
  formData: FormData,
  target: { employeeId?: string; userId?: string },
  origin: string,
): Promise<AccountActionResult | null> {
  const raw = Object.fromEntries(formData);
  const parsed = AccountIntentSchema.safeParse(raw);
  const values = {
    role: typeof raw.role === "string" ? raw.role : undefined,
    scopeUnitId: typeof raw.scopeUnitId === "string" ? raw.scopeUnitId : undefined,
  };
  if (!parsed.success) return { ok: false, accountErrors: [...new Set(parsed.error.issues.map((i) => i.message))], values };
  const input = parsed.data;
  const account = target.userId
    ? await db.user.findUnique({ where: { id: target.userId }, select: { id: true } })
    : await db.user.findUnique({ where: { employeeId: target.employeeId }, select: { id: true } });
  if (input.intent === "createAccount") {
    if (!target.employeeId || account) return null;
    await createAccount(db, actor.userId, target.employeeId);
    return { ok: true, flash: "org.accountSaved" };
  }
  if (!account) return null;
  const who = { userId: actor.userId, role: actor.role };
  try {
    switch (input.intent) {
      case "requestRole":
        await requestRoleChange(db, who, account.id, { role: input.role, scopeUnitId: input.scopeUnitId || undefined });
        return { ok: true, flash: "accounts.requested" };
      case "requestReset": {
        const result = await requestPasswordReset(db, who, account.id);
        return "token" in result
          ? { ok: true, flash: "org.accountSaved", inviteLink: `${origin}/invite/${result.token}` }
          : { ok: true, flash: "accounts.resetRequested" };
      }
      case "approve":
      case "reject": {
        const request = await db.accountRequest.findUnique({ where: { id: input.requestId }, select: { userId: true } });
        if (!request || request.userId !== account.id) return null;
        const result = await decideRequest(db, who, input.requestId, input.intent);
        if (result.token) return { ok: true, flash: "accounts.approved", inviteLink: `${origin}/invite/${result.token}` };
        return { ok: true, flash: input.intent === "approve" ? "accounts.approved" : "accounts.rejected" };
      }
      case "disableUser":
      case "enableUser":
        await setUserDisabled(db, who, account.id, input.intent === "disableUser");
        return { ok: true, flash: "org.accountSaved" };
    }
  } catch (error) {
    return { ok: false, accountErrors: [domainError(error).message], values };
  }
}

const personName = (u: { email: string; employee: { name: string } | null } | null) => (u ? (u.employee?.name ?? u.email) : "—");

/** What the account panel shows: the account, its pending requests (and whether this actor may decide them). */
export async function accountPanel(db: Db, actor: SessionUser, target: { employeeId?: string; userId?: string }) {
  const account = await db.user.findUnique({
    where: target.userId ? { id: target.userId } : { employeeId: target.employeeId },
    select: { id: true, role: true, scopeUnitId: true, disabled: true, passwordHash: true, roleGrantedAt: true },
  });
  if (!account || !isRole(account.role))
    return { account: null, pending: [], isSelf: false, roleChoices: [] as Role[], resetNeedsApproval: false, resetRefused: null };
  const who = { userId: actor.userId, role: actor.role };
  const targetRole = { userId: account.id, role: account.role };
  const requests = await pendingRequests(db, { userId: account.id });
  const people = new Map(
    (
      await db.user.findMany({
        where: { id: { in: requests.map((r) => r.requestedById) } },
        select: { id: true, email: true, employee: { select: { name: true } } },
      })
    ).map((u) => [u.id, u]),
  );
  const units = new Map(
    (
      await db.unit.findMany({
        where: { id: { in: requests.map((r) => r.scopeUnitId).filter((x): x is string => Boolean(x)) } },
        select: { id: true, nameZh: true, nameEn: true },
      })
    ).map((u) => [u.id, u]),
  );
  return {
    account: {
      id: account.id,
      role: account.role,
      scopeUnitId: account.scopeUnitId,
      disabled: account.disabled,
      hasPassword: Boolean(account.passwordHash),
      roleGrantedAt: account.roleGrantedAt,
    },
    isSelf: account.id === actor.userId,
    // Roles this actor may ask for: HR never asks for sysadmin, nor touches a sysadmin's account.
    roleChoices: ROLES.filter((role) => roleRequestRefusal(who, targetRole, { role, changed: true }) === null),
    resetNeedsApproval: isPrivileged(account.role),
    resetRefused: resetRefusal(who, targetRole),
    pending: requests.map((r) => ({
      id: r.id,
      kind: r.kind,
      role: r.role,
      scopeUnit: r.scopeUnitId ? (units.get(r.scopeUnitId) ?? null) : null,
      requestedBy: personName(people.get(r.requestedById) ?? null),
      createdAt: r.createdAt,
      refusal: decisionRefusal(who, { ...r, status: "pending" }, targetRole),
    })),
  };
}

export type AccountPanelData = Awaited<ReturnType<typeof accountPanel>>;
