import type { Db } from "~/utils/db.server";
import { rollUp, suppressUnits, suppressWithCut, type UnitNode } from "./report-suppression";
import type { ReportCut } from "./report-aggregates.server";

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
  filterValues: { value: string; respondents: number; hidden: boolean }[];
};

type GroupRow = { unitId: string; cut: string; cutValue: string; respondents: number | bigint };

export async function loadWaveGroups(
  db: Db,
  survey: { id: string; minGroupSize: number; minCommentGroupSize: number },
  filter: Filter,
  options: { extraUnitIds?: string[]; selectedUnitId?: string } = {},
): Promise<WaveGroups> {
  const rows = await db.$queryRawUnsafe<GroupRow[]>(
    `SELECT unitId, cut, cutValue, respondents FROM "SurveyResultGroup" WHERE surveyId = ? AND cut IN ('', ?)`,
    survey.id,
    filter?.cut ?? "",
  );
  const participation = await db.surveyParticipation.groupBy({ by: ["unitId"], where: { surveyId: survey.id }, _count: { _all: true } });
  const seedIds = new Set([...rows.map((r) => r.unitId), ...participation.map((p) => p.unitId), ...(options.extraUnitIds ?? [])].filter(Boolean));
  const everyUnit = await db.unit.findMany({ select: { id: true, parentId: true, path: true, nameZh: true, nameEn: true, sortOrder: true, code: true } });
  const allIds = new Set(everyUnit.filter((u) => seedIds.has(u.id)).flatMap((u) => u.path.split("/").filter(Boolean)));
  const found = everyUnit.filter((u) => allIds.has(u.id));
  const units = new Map<string, ReportUnit>(found.map((u) => [u.id, { ...u, parentId: u.parentId && allIds.has(u.parentId) ? u.parentId : ORG }]));
  const sorted = [...units.values()].sort((a, b) => a.path.split("/").length - b.path.split("/").length || a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
  const nodes: UnitNode[] = [{ id: ORG, parentId: null }, ...sorted.map((u) => ({ id: u.id, parentId: u.parentId }))];

  const direct = (cut: string, value?: string) =>
    new Map<string, number>(
      rows
        .filter((r) => r.cut === cut && (value === undefined || r.cutValue === value))
        .map((r) => [r.unitId && units.has(r.unitId) ? r.unitId : ORG, Number(r.respondents)] as [string, number])
        .reduce((acc, [id, n]) => acc.set(id, (acc.get(id) ?? 0) + n), new Map<string, number>()),
    );
  const totals = rollUp(nodes, direct(""));
  const invited = rollUp(nodes, new Map(participation.map((p) => [p.unitId, p._count._all])));
  const commentsHidden = suppressUnits(nodes, totals, survey.minCommentGroupSize);

  if (!filter) {
    return { units, nodes, respondents: totals, hidden: suppressUnits(nodes, totals, survey.minGroupSize), commentsHidden, invited, filterValues: [] };
  }
  const values = [...new Set(rows.filter((r) => r.cut === filter.cut && r.cutValue !== "").map((r) => r.cutValue))].sort();
  const byValue = new Map(values.map((v) => [v, rollUp(nodes, direct(filter.cut, v))]));
  const pattern = suppressWithCut(nodes, { total: totals, byValue }, survey.minGroupSize);
  const at = options.selectedUnitId ?? ORG;
  const filterValues = values.map((v) => ({ value: v, respondents: byValue.get(v)!.get(at) ?? 0, hidden: pattern.byValue.get(v)!.has(at) }));
  const chosen = byValue.get(filter.value) ?? new Map<string, number>();
  const hidden = pattern.byValue.get(filter.value) ?? new Set(nodes.map((n) => n.id));
  return { units, nodes, respondents: chosen, hidden, commentsHidden, invited, filterValues };
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
