import { z } from "~/utils/validation";

/**
 * Score appeals (绩效申诉). Once a run is computed and until it is locked, within the period's
 * appeal window counted from the computation, each person may appeal their line once, with a
 * reason. The head of their unit or HR decides, always with a reason, never on their own appeal.
 * An open appeal holds that person's line: a locked run is exported and committed without it
 * until the appeal is decided.
 */
export const DEFAULT_APPEAL_WINDOW_DAYS = 7;
export const MAX_APPEAL_WINDOW_DAYS = 60;
export const APPEAL_OUTCOMES = ["upheld", "dismissed"] as const;
export type AppealOutcome = (typeof APPEAL_OUTCOMES)[number];
export type AppealStatus = "open" | AppealOutcome;

const DAY_MS = 24 * 60 * 60 * 1000;

/** The last moment an appeal may be made: `days` whole days after the run was computed. */
export function appealDeadline(computedAt: Date, days: number) {
  return new Date(computedAt.getTime() + days * DAY_MS);
}

export type AppealRefusal = "pay.appeals.errors.locked" | "pay.appeals.errors.pastDeadline" | "pay.appeals.errors.already";

/** Why this person may not appeal their line now, or null. */
export function appealRefusal(
  run: { status: string; computedAt: Date },
  windowDays: number,
  existing: { status: string } | null,
  now = new Date(),
): AppealRefusal | null {
  if (existing) return "pay.appeals.errors.already";
  if (run.status === "locked") return "pay.appeals.errors.locked";
  if (now.getTime() > appealDeadline(run.computedAt, windowDays).getTime()) return "pay.appeals.errors.pastDeadline";
  return null;
}

export type DecisionRefusal = "pay.appeals.errors.ownAppeal" | "pay.appeals.errors.decided" | "pay.appeals.errors.upholdWhileSigning";

/**
 * Why this actor may not decide the appeal so, or null. Nobody decides their own appeal; an
 * upheld appeal changes the line, which only a draft (through calibration) or a locked run
 * (through an adjustment) allows: a run under review or approval is sent back or locked first.
 */
export function decisionRefusal(
  appeal: { employeeId: string; status: string },
  runStatus: string,
  actor: { employeeId: string | null },
  outcome: AppealOutcome,
): DecisionRefusal | null {
  if (actor.employeeId !== null && actor.employeeId === appeal.employeeId) return "pay.appeals.errors.ownAppeal";
  if (appeal.status !== "open") return "pay.appeals.errors.decided";
  if (outcome === "upheld" && runStatus !== "draft" && runStatus !== "locked") return "pay.appeals.errors.upholdWhileSigning";
  return null;
}

/** A run's lines without the held ones (people with an open appeal). */
export function withoutHeld<L extends { employeeId: string }>(lines: L[], held: ReadonlySet<string>) {
  return held.size === 0 ? lines : lines.filter((l) => !held.has(l.employeeId));
}

const reason = z.string().trim().min(2).max(1000);

export const AppealSchema = z.object({ intent: z.literal("appeal"), reason }).strict();

export const DecideAppealSchema = z
  .object({
    intent: z.literal("decideAppeal"),
    appealId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
    outcome: z.enum(APPEAL_OUTCOMES),
    rating: z.string().trim().max(8).optional(),
    reason,
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.outcome === "upheld" && !v.rating) ctx.addIssue({ code: "custom", path: ["rating"], message: "pay.appeals.errors.ratingNeeded" });
  });

export const AppealWindowSchema = z
  .object({ intent: z.literal("appealWindow"), days: z.coerce.number().int().min(1).max(MAX_APPEAL_WINDOW_DAYS) })
  .strict();
