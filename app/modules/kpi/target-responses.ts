import { z } from "~/utils/validation";

/**
 * Target communication: at the start of a period each employee confirms their targets or
 * objects with a reason, which the head of their unit answers. An answer holds for the targets
 * it was given to: the targets are fingerprinted, and a change asks the employee again.
 */
export const TARGET_STATES = ["pending", "confirmed", "objected", "answered"] as const;
export type TargetState = (typeof TARGET_STATES)[number];
export const ANSWER_OUTCOMES = ["keep", "change"] as const;

export type StoredResponse = { kind: string; targetsHash: string; answeredAt: Date | string | null };

/** Where an employee stands on today's targets: an answer given to other targets counts as none. */
export function targetState(response: StoredResponse | null | undefined, currentHash: string): TargetState {
  if (!response || response.targetsHash !== currentHash) return "pending";
  if (response.kind === "confirmed") return "confirmed";
  return response.answeredAt ? "answered" : "objected";
}

/** Whether the employee may answer now: once per set of targets, or again after the head answered an objection. */
export function mayRespond(state: TargetState, kind: "confirm" | "object") {
  if (state === "pending") return true;
  return state === "answered" && kind === "confirm";
}

export type UnitCounts = { confirmed: number; objected: number; pending: number };

/** Per unit: confirmed, objected (answered or not) and pending people. */
export function countByUnit(rows: { unitId: string; state: TargetState }[]) {
  const counts = new Map<string, UnitCounts>();
  for (const r of rows) {
    const c = counts.get(r.unitId) ?? { confirmed: 0, objected: 0, pending: 0 };
    if (r.state === "confirmed") c.confirmed++;
    else if (r.state === "pending") c.pending++;
    else c.objected++;
    counts.set(r.unitId, c);
  }
  return counts;
}

const reason = z.string().trim().min(2).max(1000);

export const TargetResponseSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("confirmTargets") }).strict(),
  z.object({ intent: z.literal("objectTargets"), reason }).strict(),
]);

export const ObjectionAnswerSchema = z
  .object({
    intent: z.literal("answerObjection"),
    employeeId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    outcome: z.enum(ANSWER_OUTCOMES),
    answer: reason,
  })
  .strict();
