import type { Db } from "~/utils/db.server";
import { enqueueNotification } from "~/modules/notifications/outbox.server";
import { dueBounds, dueDayInput, dueState } from "./plan-actions";

/**
 * Tells the owner of each open action of a published plan, and the head who wrote the plan,
 * that its due day is near (`REMINDER_DAYS` before) and again once it has passed: each message
 * once per due day (moving the due day clears the marks). Idempotent; the job
 * `surveys.actionReminders`, never a page read.
 */
export async function remindActionOwners(db: Db, now = new Date()) {
  const { soonUntil, overdueUntil } = dueBounds(now);
  const due = await db.surveyAction.findMany({
    where: {
      status: { not: "done" },
      plan: { publishedAt: { not: null } },
      OR: [
        { overdueSentAt: null, dueOn: { lte: overdueUntil } },
        { dueSoonSentAt: null, overdueSentAt: null, dueOn: { lte: soonUntil } },
      ],
    },
    orderBy: [{ dueOn: "asc" }, { id: "asc" }],
    take: 500,
    select: { id: true, title: true, dueOn: true, status: true, ownerId: true, plan: { select: { authorId: true } } },
  });
  const authors = new Map(
    (
      await db.user.findMany({
        where: { id: { in: [...new Set(due.map((a) => a.plan.authorId))] } },
        select: { id: true, employeeId: true, disabled: true },
      })
    ).map((u) => [u.id, u.disabled ? null : u.employeeId]),
  );
  let sent = 0;
  for (const a of due) {
    const state = dueState(a, now);
    if (state !== "overdue" && state !== "dueSoon") continue;
    const overdue = state === "overdue";
    const head = authors.get(a.plan.authorId);
    await db.$transaction(async (tx) => {
      const claimed = await tx.surveyAction.updateMany({
        where: { id: a.id, dueOn: a.dueOn, status: { not: "done" }, ...(overdue ? { overdueSentAt: null } : { dueSoonSentAt: null }) },
        data: overdue ? { overdueSentAt: now } : { dueSoonSentAt: now },
      });
      if (claimed.count === 0) return;
      await enqueueNotification(tx, {
        type: overdue ? "surveyAction.overdue" : "surveyAction.dueSoon",
        recipientIds: [...new Set([a.ownerId, ...(head ? [head] : [])])],
        payload: { actionId: a.id, title: a.title, dueOn: dueDayInput(a.dueOn), link: `/surveys/actions/${a.id}` },
      });
      sent++;
    });
  }
  return sent;
}
