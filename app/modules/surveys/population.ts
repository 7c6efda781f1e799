import { TRACKS, type Track } from "~/modules/org/org";
import { z } from "~/utils/validation";

const recordId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, "errors.invalidFormat");

/** Who is invited: units with their subtrees (optionally only some tracks), or a named list. */
export const PopulationSchema = z.union([
  z.object({ unitIds: z.array(recordId).max(500), tracks: z.array(z.enum(TRACKS)).max(TRACKS.length).default([]) }).strict(),
  z.object({ employeeIds: z.array(recordId).min(1).max(100_000) }).strict(),
]);

export type Population = { unitIds: string[]; tracks: Track[]; employeeIds?: string[] };

export function parsePopulation(json: string): Population {
  const raw = JSON.parse(json) as Partial<Population>;
  return {
    unitIds: Array.isArray(raw.unitIds) ? raw.unitIds : [],
    tracks: Array.isArray(raw.tracks) ? raw.tracks.filter((t): t is Track => (TRACKS as readonly string[]).includes(t)) : [],
    ...(Array.isArray(raw.employeeIds) ? { employeeIds: raw.employeeIds } : {}),
  };
}

export function normalisePopulation(input: z.infer<typeof PopulationSchema>): Population {
  if ("employeeIds" in input) return { unitIds: [], tracks: [], employeeIds: [...new Set(input.employeeIds)] };
  return { unitIds: [...new Set(input.unitIds)], tracks: [...new Set(input.tracks)] };
}

type UnitRef = { id: string; path: string };
type EmployeeRef = { id: string; unitId: string; track: string; active: boolean };

/** The active employees a population names, each with their current unit (frozen at launch). */
export function resolvePopulation(population: Population, units: UnitRef[], employees: EmployeeRef[]) {
  const active = employees.filter((e) => e.active);
  if (population.employeeIds) {
    const wanted = new Set(population.employeeIds);
    return active.filter((e) => wanted.has(e.id)).map((e) => ({ employeeId: e.id, unitId: e.unitId }));
  }
  const roots = units.filter((u) => population.unitIds.includes(u.id)).map((u) => u.path);
  const inScope = new Set(units.filter((u) => roots.some((root) => u.path.startsWith(root))).map((u) => u.id));
  const tracks = new Set<string>(population.tracks);
  return active
    .filter((e) => inScope.has(e.unitId) && (tracks.size === 0 || tracks.has(e.track)))
    .map((e) => ({ employeeId: e.id, unitId: e.unitId }));
}

/** "/a/b/c/" → ["a", "b", "c"] */
export function pathIds(path: string) {
  return path.split("/").filter(Boolean);
}

/**
 * The unit each participant's answer is filed under: their own unit, or the nearest ancestor
 * whose subtree has at least `minGroupSize` invited. When the whole population is smaller,
 * every answer is filed under the deepest unit that contains them all.
 */
export function cutUnits(participants: { unitId: string }[], unitPaths: Map<string, string>, minGroupSize: number) {
  const invitedUnder = new Map<string, number>();
  for (const p of participants) {
    for (const id of pathIds(unitPaths.get(p.unitId) ?? `/${p.unitId}/`)) invitedUnder.set(id, (invitedUnder.get(id) ?? 0) + 1);
  }
  const total = participants.length;
  const result = new Map<string, string>();
  for (const unitId of new Set(participants.map((p) => p.unitId))) {
    const chain = pathIds(unitPaths.get(unitId) ?? `/${unitId}/`).reverse();
    const enough = chain.find((id) => (invitedUnder.get(id) ?? 0) >= minGroupSize);
    const common = chain.find((id) => invitedUnder.get(id) === total) ?? chain[chain.length - 1];
    result.set(unitId, enough ?? common);
  }
  return result;
}
