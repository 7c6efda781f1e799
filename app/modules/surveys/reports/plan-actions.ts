import { isoDate, z } from "~/utils/validation";

/** Where an action of a plan stands. */
export const ACTION_STATUSES = ["planned", "in_progress", "done"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The owner (and the plan's head) are reminded this many days before the due day. */
export const REMINDER_DAYS = 7;

const DAY = 24 * 60 * 60 * 1000;
const CHINA_OFFSET = "+08:00";

/** The stored due day: the start of that calendar day in China time. */
export function dueDay(date: string) {
  return new Date(`${date}T00:00:00${CHINA_OFFSET}`);
}

/** The due day as typed in a date field, "YYYY-MM-DD". */
export function dueDayInput(dueOn: Date) {
  return new Date(dueOn.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

export type DueState = "done" | "overdue" | "dueSoon" | "later";

/**
 * Where an action stands against the clock: overdue once its due day has ended (China time),
 * due soon from `REMINDER_DAYS` days before the due day; a done action is neither.
 */
export function dueState(action: { dueOn: Date; status: string }, now: Date): DueState {
  if (action.status === "done") return "done";
  if (now.getTime() >= action.dueOn.getTime() + DAY) return "overdue";
  if (now.getTime() >= action.dueOn.getTime() - REMINDER_DAYS * DAY) return "dueSoon";
  return "later";
}

/** The instants that bound the due states, for queries: due soon from `soonFrom`, overdue from `overdueFrom`. */
export function dueBounds(now: Date) {
  return {
    /** Actions due on or before this instant's day (+ the reminder days) are due soon or overdue. */
    soonUntil: new Date(now.getTime() + REMINDER_DAYS * DAY),
    /** Actions whose due day started at or before this instant are overdue. */
    overdueUntil: new Date(now.getTime() - DAY),
  };
}

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);

/** Adding or editing one action of a plan (the head's form). */
export const ActionSchema = z
  .object({
    intent: z.literal("saveAction"),
    actionId: id.optional(),
    title: z.string().trim().min(1).max(200),
    dimension: z.string().trim().max(64).optional(),
    owner: z.string().trim().min(1).max(120),
    dueOn: isoDate,
    status: z.enum(ACTION_STATUSES),
    progressNote: z.string().trim().max(1000).optional(),
  })
  .strict();

export const RemoveActionSchema = z.object({ intent: z.literal("removeAction"), actionId: id }).strict();

/** The owner's update: where the action stands and a note on progress. */
export const ActionProgressSchema = z
  .object({
    status: z.enum(ACTION_STATUSES),
    progressNote: z.string().trim().max(1000).optional(),
  })
  .strict();

/** The people picker's query. */
export const PeopleQuery = z.object({ q: z.string().trim().min(1).max(60) });

/** Rows with where each stands against the clock, worked out once on the server (pages show it as is). */
export function withDueState<T extends { dueOn: Date; status: string }>(rows: T[], now = new Date()) {
  return rows.map((r) => ({ ...r, state: dueState(r, now) }));
}
