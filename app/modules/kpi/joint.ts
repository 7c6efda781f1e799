import { largestRemainder } from "./allocation";

/**
 * Joint KPIs (关联考核): an account manager and a solution support manager share one team
 * target. The rule, in full:
 * - Each member's plan keeps its own line (and weight) for the KPI; the team target
 *   replaces that line's threshold, target, stretch and cap, and the team actual replaces
 *   the member's own actual. So both members score the same on that line.
 * - The agreed shares do not change the score. They split the team quantity: a member is
 *   credited share % of the team actual (and of the team target), by largest remainder so
 *   the credited parts add up exactly to the team figure and nothing is counted twice in
 *   revenue- or subscriber-based bonuses.
 * - Indivisible units: after each member gets the whole units of their exact part, the units
 *   left go one each to the largest fractional parts; equal fractions go to the member with the
 *   smaller employee number. So a 50 : 50 team with an actual of 17 credits 9 to the member with
 *   the smaller employee number and 8 to the other, whatever order the records were created in.
 * - A member's credited part is their actual for the KPI wherever a pay scheme reads it: a
 *   scheme that names the member's position counts it like any other actual of theirs.
 */

export type TeamMemberShare = { employeeId: string; employeeNo: string; share: number };

export type ShareProblem = "total" | "positive" | "duplicate" | "tooFew";

export function shareProblem(members: Omit<TeamMemberShare, "employeeNo">[]): ShareProblem | null {
  if (members.length < 2) return "tooFew";
  if (new Set(members.map((m) => m.employeeId)).size !== members.length) return "duplicate";
  if (members.some((m) => !Number.isInteger(m.share) || m.share <= 0)) return "positive";
  return members.reduce((a, m) => a + m.share, 0) === 100 ? null : "total";
}

/**
 * Each member's credited part of a team quantity (actual or target); parts sum exactly to it.
 * Members are taken in employee-number order, whatever order they are given in: ties in the
 * remainder go to the smaller employee number.
 */
export function splitTeamQuantity(quantity: number, members: TeamMemberShare[]): Map<string, number> {
  const ordered = [...members].sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0));
  const magnitude = Math.abs(quantity);
  const parts = largestRemainder(
    magnitude,
    ordered.map((m) => BigInt(m.share)),
  );
  return new Map(ordered.map((m, i) => [m.employeeId, quantity < 0 && parts[i] !== 0 ? -parts[i] : parts[i]]));
}
