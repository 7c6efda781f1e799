/**
 * Pay-run life cycle: draft → reviewed → approved → locked.
 * - Only a draft is (re)computed; a run with blocking issues cannot leave draft.
 * - Separation of duties: preparer, reviewer and approver are three different people; nobody
 *   reviews or approves a run that holds their own pay line; a role granted in the last
 *   RECENT_ROLE_DAYS cannot review or approve. Approval also needs the password again
 *   (checked by the caller).
 * - A reviewed or approved run may be sent back to draft; a locked run never changes.
 * - Head sign-off (when the run's chain has it): between review and approval, each unit that
 *   has a head and lines in the run (see `signOffUnits`) is signed off before approval is
 *   possible. A head signs off a unit in their scope unless their own line is among its lines;
 *   then a head higher up signs it, and only when no head may, HR (not the preparer or reviewer).
 *   Nobody who signed off a unit approves the run. Sending back deletes every sign-off.
 */
export const RUN_STATUSES = ["draft", "reviewed", "approved", "locked"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_ACTIONS = ["review", "approve", "lock", "sendBack"] as const;
export type RunAction = (typeof RUN_ACTIONS)[number];

export type RunForTransition = {
  status: string;
  preparedById: string;
  reviewedById?: string | null;
  issueCount: number;
  /** The run's chain has the head sign-off step. */
  headSignOff?: boolean;
  /** Units still waiting for their sign-off. */
  pendingSignOffs?: number;
  /** Everyone who signed off a unit of the run. */
  signerIds?: string[];
};

/** What the rules need to know about the person acting. */
export type RunActor = { userId: string; hasOwnLine?: boolean; roleGrantedAt?: Date | null };

export const DEFAULT_RECENT_ROLE_DAYS = 7;

export type TransitionResult = { ok: true; next: RunStatus } | { ok: false; error: TransitionError };
export type TransitionError =
  | "pay.errors.wrongState"
  | "pay.errors.samePerson"
  | "pay.errors.reviewerCannotApprove"
  | "pay.errors.ownLine"
  | "pay.errors.recentRole"
  | "pay.errors.hasIssues"
  | "pay.errors.locked"
  | "pay.errors.signOffsPending"
  | "pay.errors.signerCannotApprove";

const FROM: Record<RunAction, RunStatus[]> = {
  review: ["draft"],
  approve: ["reviewed"],
  lock: ["approved"],
  sendBack: ["reviewed", "approved"],
};
const TO: Record<RunAction, RunStatus> = { review: "reviewed", approve: "approved", lock: "locked", sendBack: "draft" };

/** true when a role granted at `grantedAt` is younger than `days` at `now` (null: held from the start). */
export function isRecentRole(grantedAt: Date | null | undefined, now: Date, days = DEFAULT_RECENT_ROLE_DAYS) {
  return Boolean(grantedAt) && now.getTime() - grantedAt!.getTime() < days * 24 * 60 * 60 * 1000;
}

export function transition(
  run: RunForTransition,
  action: RunAction,
  actor: string | RunActor,
  options: { now?: Date; recentRoleDays?: number } = {},
): TransitionResult {
  const who: RunActor = typeof actor === "string" ? { userId: actor } : actor;
  if (run.status === "locked") return { ok: false, error: "pay.errors.locked" };
  if (!(FROM[action] as string[]).includes(run.status)) return { ok: false, error: "pay.errors.wrongState" };
  if (action === "review" || action === "approve") {
    if (who.userId === run.preparedById) return { ok: false, error: "pay.errors.samePerson" };
    if (action === "approve" && who.userId === run.reviewedById) return { ok: false, error: "pay.errors.reviewerCannotApprove" };
    if (action === "approve" && run.signerIds?.includes(who.userId)) return { ok: false, error: "pay.errors.signerCannotApprove" };
    if (who.hasOwnLine) return { ok: false, error: "pay.errors.ownLine" };
    if (isRecentRole(who.roleGrantedAt, options.now ?? new Date(), options.recentRoleDays))
      return { ok: false, error: "pay.errors.recentRole" };
  }
  if (action === "review" && run.issueCount > 0) return { ok: false, error: "pay.errors.hasIssues" };
  if (action === "approve" && run.headSignOff && (run.pendingSignOffs ?? 0) > 0) return { ok: false, error: "pay.errors.signOffsPending" };
  return { ok: true, next: TO[action] };
}

export function mayRecompute(status: string) {
  return status === "draft";
}

/** A head as the sign-off rules see them: their scope unit's path and their own employee record. */
export type Head = { userId: string; scopePath: string; employeeId: string | null };

/** A unit whose head signs off lines: its path, how many lines and how much, and whose lines they are. */
export type SignOffUnit = { unitId: string; path: string; employeeIds: string[]; lineCount: number; totalFen: number };

/** Lines grouped as the caller has them: by their own unit (or one by one), with whose lines they are. */
export type LineGroup = { unitPath: string; employeeIds: string[]; lineCount: number; totalFen: number };

/**
 * The units that sign off a run: each line goes to the nearest unit at or above its own unit
 * among `headedPaths` (the units with a head when the run was reviewed). Lines with no such unit
 * above them need no sign-off (HR reviewed them). Unit paths are materialised ("/root/…/unit/"),
 * so an ancestor's path is a prefix.
 */
export function signOffUnits(lines: LineGroup[], headedPaths: string[]): SignOffUnit[] {
  const headed = [...new Set(headedPaths)].sort((a, b) => b.length - a.length);
  const units = new Map<string, SignOffUnit>();
  for (const line of lines) {
    const path = headed.find((p) => line.unitPath.startsWith(p));
    if (!path) continue;
    const unit = units.get(path) ?? { unitId: unitIdOf(path), path, employeeIds: [], lineCount: 0, totalFen: 0 };
    unit.employeeIds.push(...line.employeeIds);
    unit.lineCount += line.lineCount;
    unit.totalFen += line.totalFen;
    units.set(path, unit);
  }
  return [...units.values()].sort((a, b) => (a.path < b.path ? -1 : 1));
}

function unitIdOf(path: string) {
  const parts = path.split("/").filter(Boolean);
  return parts[parts.length - 1];
}

/** The heads who may sign off a unit: it lies in their scope and none of its lines is their own. */
export function headsWhoMaySign(unit: SignOffUnit, heads: Head[]) {
  return heads.filter((h) => unit.path.startsWith(h.scopePath) && !(h.employeeId && unit.employeeIds.includes(h.employeeId)));
}

export type SignOffError =
  "pay.errors.wrongState" | "pay.errors.notYourUnit" | "pay.errors.ownLineSignOff" | "pay.errors.headMustSign" | "pay.errors.samePerson";

/** Who signs: a head (scope path) or HR (organisation-wide, only as the last resort). */
export type Signer = { userId: string; employeeId: string | null } & ({ kind: "head"; scopePath: string } | { kind: "hr" });

/** Why `signer` may not sign off (or send back) `unit` of the run, or null when they may. */
export function signOffRefusal(
  run: Pick<RunForTransition, "status" | "preparedById" | "reviewedById" | "headSignOff">,
  unit: SignOffUnit,
  signer: Signer,
  heads: Head[],
): SignOffError | null {
  if (run.status !== "reviewed" || !run.headSignOff) return "pay.errors.wrongState";
  if (signer.userId === run.preparedById || signer.userId === run.reviewedById) return "pay.errors.samePerson";
  if (signer.kind === "head" && !unit.path.startsWith(signer.scopePath)) return "pay.errors.notYourUnit";
  if (signer.employeeId && unit.employeeIds.includes(signer.employeeId)) return "pay.errors.ownLineSignOff";
  if (signer.kind === "hr" && headsWhoMaySign(unit, heads).length > 0) return "pay.errors.headMustSign";
  return null;
}
