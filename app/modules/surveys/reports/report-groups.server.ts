import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Db } from "~/utils/db.server";
import { firstRow, rows } from "~/utils/sql.server";
import { BoundedMap } from "~/utils/bounded-map";
import { rollUp, suppressUnits, suppressWithCut, type CutCounts, type Suppression, type UnitNode } from "./report-suppression";
import type { ReportCut } from "./report-aggregates.server";
import { everyUnit, invitedByUnit, resultGroups, resultReach, unitListVersion } from "../queries.server";

import { ORG } from "./report-forms";

export { ORG };

export type ReportUnit = { id: string; parentId: string; path: string; nameZh: string; nameEn: string; sortOrder: number; code: string };

export type Filter = { cut: ReportCut; value: string } | null;

/**
 * One wave's groups and its suppression pattern, for the whole organisation at once so every
 * viewer sees the same pattern. `units` holds every unit on the path of a unit with invitations
 * or respondents (and `extraUnitIds`), with top-level units hanging under ORG.
 */
export type WaveGroups = {
  units: Map<string, ReportUnit>;
  nodes: UnitNode[];
  respondents: Map<string, number>;
  /** Units (and ORG) whose figures are hidden, for the filter the groups were built for. */
  hidden: Set<string>;
  /** Unfiltered units whose comments are hidden (comment minimum, units only). */
  commentsHidden: Set<string>;
  invited: Map<string, number>;
  /** The cut's values present at the selected unit, and whether each is hidden there. A hidden group's size is never given. */
  filterValues: { value: string; hidden: boolean }[];
  /** The whole pattern (every value of the filter's cut), which each figure's own pattern starts from. */
  pattern: Suppression;
  /** Respondents per unit subtree, unfiltered and per value of the filter's cut. */
  counts: CutCounts;
  /** Maps a stored unit id to its node (unknown units count under the organisation). */
  nodeOf: (unitId: string) => string;
};

type UnitRow = z.output<typeof everyUnit.row>;
const unitLists = new WeakMap<Db, { version: string | undefined; rows: UnitRow[] }>();

/**
 * Every unit, as every report needs it. The list is kept while a fingerprint of the table (one
 * cheap aggregate: count, latest change, lengths of what a report shows) is unchanged.
 */
async function unitList(db: Db): Promise<UnitRow[]> {
  const version = (await firstRow(db, unitListVersion))?.version;
  let units = unitLists.get(db);
  if (units === undefined || units.version !== version) {
    units = { version, rows: await rows(db, everyUnit) };
    unitLists.set(db, units);
  }
  return units.rows;
}

type Invited = { unitId: string; n: number };
/** Invited per unit of closed surveys: frozen at launch, so counted once per process (100,000 rows for a province). */
const invitedOfClosed = new BoundedMap<string, Promise<Invited[]>>(100);

function invitedCounts(db: Db, survey: { id: string; status?: string }): Promise<Invited[]> {
  const read = () => invitedByUnit(db, survey.id);
  if (survey.status !== "closed") return read();
  let found = invitedOfClosed.get(survey.id);
  if (!found) {
    found = read();
    invitedOfClosed.set(survey.id, found);
    found.catch(() => invitedOfClosed.delete(survey.id));
  }
  return found;
}

export async function loadWaveGroups(
  db: Db,
  survey: { id: string; status?: string; minGroupSize: number; minCommentGroupSize: number },
  filter: Filter,
  /** `live`: a running survey's groups, from no kept figures or invitations but the units given (`extraUnitIds`). */
  options: { extraUnitIds?: string[]; selectedUnitId?: string; live?: boolean } = {},
): Promise<WaveGroups> {
  const groupRows = options.live ? [] : await resultGroups(db, survey.id, filter?.cut ?? "");
  const participation = options.live ? [] : await invitedCounts(db, survey);
  const seedIds = new Set(
    [...groupRows.map((r) => r.unitId), ...participation.map((p) => p.unitId), ...(options.extraUnitIds ?? [])].filter(Boolean),
  );
  const everyUnit = await unitList(db);
  const allIds = new Set(everyUnit.filter((u) => seedIds.has(u.id)).flatMap((u) => u.path.split("/").filter(Boolean)));
  const found = everyUnit.filter((u) => allIds.has(u.id));
  const units = new Map<string, ReportUnit>(
    found.map((u) => [u.id, { ...u, parentId: u.parentId && allIds.has(u.parentId) ? u.parentId : ORG }]),
  );
  const sorted = [...units.values()].sort(
    (a, b) => a.path.split("/").length - b.path.split("/").length || a.sortOrder - b.sortOrder || a.code.localeCompare(b.code),
  );
  const nodes: UnitNode[] = [{ id: ORG, parentId: null }, ...sorted.map((u) => ({ id: u.id, parentId: u.parentId }))];

  const nodeOf = (unitId: string) => (unitId && units.has(unitId) ? unitId : ORG);
  const direct = (cut: string, value?: string) =>
    directCounts(
      groupRows.filter((r) => r.cut === cut && (value === undefined || r.cutValue === value)).map((r) => [r.unitId, r.respondents]),
      nodeOf,
    );
  const totals = rollUp(nodes, direct(""));
  const invited = rollUp(nodes, new Map(participation.map((p) => [p.unitId, p.n])));
  const commentsHidden = suppressUnits(nodes, totals, survey.minCommentGroupSize);

  if (!filter) {
    const hidden = suppressUnits(nodes, totals, survey.minGroupSize);
    const counts = { total: totals, byValue: new Map() };
    return {
      units,
      nodes,
      respondents: totals,
      hidden,
      commentsHidden,
      invited,
      filterValues: [],
      pattern: { total: hidden, byValue: new Map() },
      counts,
      nodeOf,
    };
  }
  const values = [...new Set(groupRows.filter((r) => r.cut === filter.cut && r.cutValue !== "").map((r) => r.cutValue))].sort();
  const byValue = new Map(values.map((v) => [v, rollUp(nodes, direct(filter.cut, v))]));
  const pattern = suppressWithCut(nodes, { total: totals, byValue }, survey.minGroupSize);
  const at = options.selectedUnitId ?? ORG;
  const filterValues = values
    .filter((v) => (byValue.get(v)!.get(at) ?? 0) > 0)
    .map((v) => ({ value: v, hidden: pattern.byValue.get(v)!.has(at) }));
  const chosen = byValue.get(filter.value) ?? new Map<string, number>();
  const hidden = pattern.byValue.get(filter.value) ?? new Set(nodes.map((n) => n.id));
  return {
    units,
    nodes,
    respondents: chosen,
    hidden,
    commentsHidden,
    invited,
    filterValues,
    pattern,
    counts: { total: totals, byValue },
    nodeOf,
  };
}

function directCounts(counts: [string, number][], nodeOf: (unitId: string) => string) {
  const out = new Map<string, number>();
  for (const [unitId, n] of counts) out.set(nodeOf(unitId), (out.get(nodeOf(unitId)) ?? 0) + n);
  return out;
}

const sameCounts = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) =>
  a.size === b.size && [...a].every(([k, v]) => (b.get(k) ?? 0) === v);

/**
 * What each figure may show, under the one rule: a figure (a dimension, an item, eNPS, the
 * overall split, a driver) is counted in its own distinct respondents, and shown for a unit
 * only when that count passes the minimum and every complement a reader can form (parent
 * minus children, unit minus filter values) is 0 or at least the minimum too. A figure's
 * pattern starts from its group's, so whatever hides a group hides its figures.
 */
export type FigureView = {
  /** Respondents of the figure in a unit's subtree under the report's filter. */
  reach: (figure: string, unitId: string) => number;
  shown: (figure: string, unitId: string) => boolean;
};

/** Figure views of closed surveys: their counts never change, so one per survey, filter and unit tree. */
const figureViews = new BoundedMap<string, Promise<FigureView>>(64);

export function loadFigureView(
  db: Db,
  survey: { id: string; status?: string; minGroupSize: number },
  filter: Filter,
  groups: WaveGroups,
): Promise<FigureView> {
  if (survey.status !== "closed") return computeFigureView(db, survey, filter, groups).then((v) => v.view);
  const tree = createHash("sha256")
    .update(groups.nodes.map((n) => `${n.id}>${n.parentId}`).join(","))
    .digest("base64url");
  const key = [survey.id, filter?.cut ?? "", filter?.value ?? "", tree].join("\0");
  let found = figureViews.get(key);
  if (!found) {
    const computing = computeFigureView(db, survey, filter, groups);
    found = computing.then((v) => v.view);
    figureViews.set(key, found);
    // Aggregates not there yet (recomputed in the background after an upgrade): ask again next time.
    computing.then(
      (v) => v.empty && figureViews.delete(key),
      () => figureViews.delete(key),
    );
  }
  return found;
}

async function computeFigureView(
  db: Db,
  survey: { id: string; minGroupSize: number },
  filter: Filter,
  groups: WaveGroups,
): Promise<{ view: FigureView; empty: boolean }> {
  const reachRows = await resultReach(db, survey.id, filter?.cut ?? "");
  const byFigure = new Map<string, typeof reachRows>();
  for (const r of reachRows) {
    const list = byFigure.get(r.figure) ?? [];
    list.push(r);
    byFigure.set(r.figure, list);
  }
  const empty = new Map<string, number>();
  const views = new Map<string, { counts: ReadonlyMap<string, number>; hidden: ReadonlySet<string> }>();
  for (const [figure, list] of byFigure) {
    const tree = (cut: string, value: string) =>
      rollUp(
        groups.nodes,
        directCounts(
          list.filter((r) => r.cut === cut && r.cutValue === value).map((r) => [r.unitId, r.respondents]),
          groups.nodeOf,
        ),
      );
    const total = tree("", "");
    if (!filter) {
      const same = sameCounts(total, groups.counts.total);
      views.set(figure, {
        counts: total,
        hidden: same ? groups.pattern.total : suppressUnits(groups.nodes, total, survey.minGroupSize, groups.pattern.total),
      });
      continue;
    }
    const byValue = new Map([...groups.counts.byValue.keys()].map((v) => [v, tree(filter.cut, v)]));
    const same = sameCounts(total, groups.counts.total) && [...byValue].every(([v, t]) => sameCounts(t, groups.counts.byValue.get(v)!));
    const pattern = same ? groups.pattern : suppressWithCut(groups.nodes, { total, byValue }, survey.minGroupSize, groups.pattern);
    views.set(figure, {
      counts: byValue.get(filter.value) ?? empty,
      hidden: pattern.byValue.get(filter.value) ?? new Set(groups.nodes.map((n) => n.id)),
    });
  }
  const view: FigureView = {
    reach: (figure, unitId) => views.get(figure)?.counts.get(unitId) ?? 0,
    shown: (figure, unitId) => {
      const v = views.get(figure);
      return (
        !!v && !v.hidden.has(unitId) && (v.counts.get(unitId) ?? 0) >= survey.minGroupSize && (unitId === ORG || groups.units.has(unitId))
      );
    },
  };
  return { view, empty: reachRows.length === 0 };
}

/** The unit ids of a unit's subtree as stored on responses; null for the organisation (no restriction). */
export function subtreeIds(groups: WaveGroups, unitId: string): string[] | null {
  if (unitId === ORG) return null;
  const path = groups.units.get(unitId)?.path;
  if (!path) return [unitId];
  return [...groups.units.values()].filter((u) => u.path.startsWith(path)).map((u) => u.id);
}

export function childrenOf(groups: WaveGroups, unitId: string) {
  return [...groups.units.values()]
    .filter((u) => u.parentId === unitId)
    .sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
}

/** Depth-first order for pickers, with each unit's depth below the organisation. */
export function unitOutline(groups: WaveGroups, include: (u: ReportUnit) => boolean) {
  const out: { unit: ReportUnit; depth: number }[] = [];
  const walk = (id: string, depth: number) => {
    for (const child of childrenOf(groups, id)) {
      if (include(child)) out.push({ unit: child, depth });
      walk(child.id, depth + 1);
    }
  };
  walk(ORG, 0);
  return out;
}
