import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { sealSecret } from "~/modules/integration/secrets.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { isPrivileged } from "~/modules/org/account-rules";
import { createInvitation, normaliseEmail } from "./auth.server";
import { isRole } from "./roles";
import { hitLimit, throttleKey } from "./throttle.server";

/** A self-service reset link works once, within an hour. */
export const SELF_RESET_TTL_MS = 60 * 60 * 1000;
/** Requests from one address: 5 in 15 minutes. */
export const RESET_ADDRESS_LIMIT = 5;
export const RESET_ADDRESS_WINDOW_MS = 15 * 60 * 1000;
/** Links sent to one account: 3 an hour, whoever asks (nobody floods a colleague's inbox). */
export const RESET_ACCOUNT_LIMIT = 3;
export const RESET_ACCOUNT_WINDOW_MS = 60 * 60 * 1000;

export type ResetRequestResult = { throttled: boolean };

/**
 * "Forgot password": whatever the e-mail, the asker sees the same answer and nothing else. For
 * an active employee account a single-use link goes to the owner through the outbox (e-mail,
 * WeCom or DingTalk by their preference), sealed in the queue and removed from it once sent.
 * A privileged account (head, HR, sysadmin) is not reset this way: its owner is told to ask a
 * second admin, whose request a third approves (the separation-of-duty path).
 * Only the asker's address can be throttled visibly; the per-account limit is silent.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; address: string },
  now = new Date(),
): Promise<ResetRequestResult> {
  const started = Date.now();
  try {
    return await resetRequest(db, input, now);
  } finally {
    // Similar timing whether or not a link was made: every answer takes at least this long.
    const wait = RESET_MIN_MS - (Date.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/** The least time a reset request takes, so that an existing account does not answer slower. */
export const RESET_MIN_MS = 250;

async function resetRequest(db: Db, input: { email: string; address: string }, now: Date): Promise<ResetRequestResult> {
  if (await hitLimit(db, throttleKey("reset-addr", input.address), RESET_ADDRESS_LIMIT, RESET_ADDRESS_WINDOW_MS, now))
    return { throttled: true };
  const email = normaliseEmail(input.email);
  if (await hitLimit(db, throttleKey("reset-acct", email), RESET_ACCOUNT_LIMIT, RESET_ACCOUNT_WINDOW_MS, now)) return { throttled: false };
  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, role: true, disabled: true, employeeId: true, employee: { select: { active: true } } },
  });
  if (!user || user.disabled || !user.employeeId || !user.employee?.active || !isRole(user.role)) return { throttled: false };
  const { employeeId, role } = user;
  await db.$transaction(async (tx) => {
    if (isPrivileged(role)) {
      await audit(tx, {
        actorId: user.id,
        action: "passwordReset.refused",
        entity: "User",
        entityId: user.id,
        after: { reason: "privileged" },
      });
      await enqueueNotification(tx, { type: "account.passwordResetRefused", recipientIds: [employeeId], payload: {} });
      return;
    }
    const token = await createInvitation(tx, user.id, user.id, now, SELF_RESET_TTL_MS);
    await audit(tx, { actorId: user.id, action: "passwordReset.request", entity: "User", entityId: user.id });
    await enqueueNotification(tx, {
      type: "account.passwordReset",
      recipientIds: [employeeId],
      payload: { linkSealed: sealSecret(`/invite/${token}`) },
    });
  });
  return { throttled: false };
}

/** How long a used or expired link's row is kept (its creation and use are in the audit log). */
export const SPENT_INVITATION_KEEP_MS = 24 * 60 * 60 * 1000;

/**
 * Background work: deletes set-password and reset links that can no longer be used (used, or
 * expired) a day after the fact. Returns how many went.
 */
export async function purgeSpentInvitations(db: Db, now = new Date()) {
  const before = new Date(now.getTime() - SPENT_INVITATION_KEEP_MS);
  const { count } = await db.invitation.deleteMany({ where: { OR: [{ expiresAt: { lte: before } }, { usedAt: { lte: before } }] } });
  return count;
}
