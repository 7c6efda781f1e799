export const CYCLE_STATUSES = ["nominating", "reviewing", "completed"] as const;
export type CycleStatus = (typeof CYCLE_STATUSES)[number];

export const NOMINATION_SOURCES = ["head", "self", "hr"] as const;
export type NominationSource = (typeof NOMINATION_SOURCES)[number];

/** Why a nomination cannot be made, as a message key, or null. */
export function nominationProblem(input: {
  cycleStatus: string;
  source: NominationSource;
  allowSelfNomination: boolean;
  nextLevel: string | null;
  eligible: boolean;
  alreadyNominated: boolean;
}): string | null {
  if (input.cycleStatus !== "nominating") return "careers.errors.cycleNotNominating";
  if (!input.nextLevel) return "careers.errors.topOfTrack";
  if (input.alreadyNominated) return "careers.errors.alreadyNominated";
  if (input.source === "self" && !input.allowSelfNomination) return "careers.errors.selfNominationClosed";
  // Heads and HR may put forward someone short of a criterion (the review decides); a self-nomination must meet them all.
  if (input.source === "self" && !input.eligible) return "careers.errors.selfNotEligible";
  return null;
}

/** Why a review decision cannot be recorded, or null. Approving an exception needs a written reason. */
export function decisionProblem(input: {
  cycleStatus: string;
  nominationStatus: string;
  decision: "approved" | "rejected";
  eligible: boolean;
  comment: string;
  quotaFull: boolean;
}): string | null {
  if (input.cycleStatus !== "reviewing") return "careers.errors.cycleNotReviewing";
  if (input.nominationStatus === "withdrawn") return "careers.errors.nominationWithdrawn";
  if (input.decision === "approved") {
    if (input.nominationStatus === "approved") return null;
    if (input.quotaFull) return "careers.errors.quotaFull";
    if (!input.eligible && !input.comment.trim()) return "careers.errors.exceptionNeedsComment";
  }
  if (input.decision === "rejected" && !input.comment.trim()) return "careers.errors.rejectionNeedsComment";
  return null;
}

export function nextCycleStatus(status: string): CycleStatus | null {
  if (status === "nominating") return "reviewing";
  if (status === "reviewing") return "completed";
  return null;
}
