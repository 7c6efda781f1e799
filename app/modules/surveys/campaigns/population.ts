import { TRACKS, type Track } from "~/modules/org/org";
import { z } from "~/utils/validation";

const recordId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "errors.invalidFormat");

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

/** A reporting cell: the cuts a token attests. Null where a cut is not kept (not collected, or generalised away). */
export type CellParts = { unitId: string | null; track: string | null; tenureBand: string | null };

export const cellText = (c: CellParts) => [c.unitId ?? "", c.track ?? "", c.tenureBand ?? ""].join("|");

export function parseCellText(text: string): CellParts {
  const [unitId, track, tenureBand] = text.split("|");
  return { unitId: unitId || null, track: track || null, tenureBand: tenureBand || null };
}

type Member = { employeeId: string; track: string | null; tenureBand: string | null };
type Pending = { unitId: string | null; track: string | null; tenureBand: string | null; members: Member[] };

/**
 * Generalises reporting cells, at launch, until each holds at least `min` invitees, so that no
 * stored response's cuts name fewer people than the minimum. Per unit, deepest first: a small
 * cell first loses its tenure band, then its track; the people left in the unit's catch-all
 * cell (no track, no tenure) then take in the unit's (or its subtree's) smallest other cells
 * until the catch-all holds the minimum, and if the whole unit is too few, they move up to the
 * parent unit. Large cells stay as they are. `people` carry the unit they are filed under
 * (null when the unit is not a cut) and the track and tenure band the survey collects (null
 * where not). The population must hold at least `min` people.
 */
export function generaliseCells(
  people: { employeeId: string; unitId: string | null; track: string | null; tenureBand: string | null }[],
  unitPaths: Map<string, string>,
  min: number,
  recent: ReadonlySet<string> = new Set(),
) {
  const parentOf = (unitId: string | null) => {
    if (unitId === null) return undefined;
    const ids = pathIds(unitPaths.get(unitId) ?? `/${unitId}/`);
    return ids.length > 1 ? ids[ids.length - 2] : undefined;
  };
  const depth = (unitId: string | null) => (unitId === null ? 0 : pathIds(unitPaths.get(unitId) ?? `/${unitId}/`).length);
  const pools = new Map<string | null, Member[]>();
  const addTo = (unitId: string | null, members: Member[]) => pools.set(unitId, [...(pools.get(unitId) ?? []), ...members]);
  // Recent arrivals start in the parent's cell, and count towards no cell's minimum: a group
  // built for the purpose (new people, a person moved in) cannot be filled with them.
  for (const p of people) {
    const isRecent = recent.has(p.employeeId);
    const parent = isRecent ? parentOf(p.unitId) : undefined;
    addTo(parent ?? p.unitId, [{ employeeId: p.employeeId, track: isRecent ? null : p.track, tenureBand: isRecent ? null : p.tenureBand }]);
  }
  const size = (c: { members: Member[] }) => c.members.filter((m) => !recent.has(m.employeeId)).length;
  const done: Pending[] = [];
  const key = (c: { track: string | null; tenureBand: string | null }) => `${c.track ?? ""}|${c.tenureBand ?? ""}`;
  const within = (unitId: string | null, cellUnit: string | null) =>
    unitId === null || (cellUnit !== null && pathIds(unitPaths.get(cellUnit) ?? `/${cellUnit}/`).includes(unitId));
  for (;;) {
    const waiting = [...pools.keys()].sort((a, b) => depth(b) - depth(a) || String(a).localeCompare(String(b)));
    if (waiting.length === 0) break;
    const unitId = waiting[0];
    const members = pools.get(unitId)!;
    pools.delete(unitId);
    const group = (list: Member[]) => {
      const cells = new Map<string, Pending>();
      for (const m of list) {
        const k = key(m);
        const cell = cells.get(k) ?? { unitId, track: m.track, tenureBand: m.tenureBand, members: [] };
        cell.members.push(m);
        cells.set(k, cell);
      }
      return [...cells.values()];
    };
    let cells = group(members);
    cells = group(cells.flatMap((c) => (size(c) < min ? c.members.map((m) => ({ ...m, tenureBand: null })) : c.members)));
    cells = group(cells.flatMap((c) => (size(c) < min ? c.members.map((m) => ({ ...m, track: null, tenureBand: null })) : c.members)));
    const isStar = (c: Pending) => c.track === null && c.tenureBand === null;
    let star = cells.find(isStar);
    let rest = cells.filter((c) => !isStar(c));
    const smallestFirst = (a: Pending, b: Pending) =>
      size(a) - size(b) || key(a).localeCompare(key(b)) || String(a.unitId).localeCompare(String(b.unitId));
    while (star && size(star) < min) {
      // Take in the smallest other cell of this unit, or else of a unit below it (already final).
      const own = [...rest].sort(smallestFirst)[0];
      const below = own ? undefined : done.filter((c) => c.unitId !== unitId && within(unitId, c.unitId)).sort(smallestFirst)[0];
      const taken = own ?? below;
      if (!taken) break;
      if (own) rest = rest.filter((c) => c !== own);
      else done.splice(done.indexOf(below!), 1);
      star = { ...star, members: [...star.members, ...taken.members.map((m) => ({ ...m, track: null, tenureBand: null }))] };
    }
    if (star && size(star) < min) {
      const parent = parentOf(unitId);
      if (parent !== undefined) {
        addTo(parent, star.members);
        star = undefined;
      }
    }
    done.push(...rest, ...(star ? [star] : []));
  }
  // Units with no common parent (two top-level branches): what is still too small is filed
  // under the organisation, taking in the smallest cells until it holds the minimum.
  const small = done.filter((c) => size(c) < min);
  if (small.length > 0) {
    const org: Pending = { unitId: null, track: null, tenureBand: null, members: [] };
    const take = (c: Pending) => {
      done.splice(done.indexOf(c), 1);
      org.members.push(...c.members);
    };
    small.forEach(take);
    while (size(org) < min && done.length > 0) take([...done].sort((a, b) => size(a) - size(b))[0]);
    done.push(org);
  }
  const result = new Map<string, CellParts>();
  for (const cell of done)
    for (const m of cell.members) result.set(m.employeeId, { unitId: cell.unitId, track: cell.track, tenureBand: cell.tenureBand });
  return result;
}
