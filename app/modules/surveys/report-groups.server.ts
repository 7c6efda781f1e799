import { sqlRead, type Db } from "~/utils/db.server";
import { BoundedMap } from "~/utils/bounded-map";
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

type UnitRow = { id: string; parentId: string | null; path: string; nameZh: string; nameEn: string; sortOrder: number; code: string };
const unitLists = new WeakMap<Db, { version: string; rows: UnitRow[] }>();

/**
 * Every unit, as every report needs it. The list is kept while a fingerprint of the table (one
 * cheap aggregate: count, latest change, lengths of what a report shows) is unchanged.
 */
async function unitList(db: Db): Promise<UnitRow[]> {
  const [{ version }] = await sqlRead<{ version: string }>(
    db,
    `SELECT count(*) || '|' || ifnull(max("updatedAt"), '') || '|' || total(length("path") + length("nameZh") + length("nameEn") + length(ifnull("parentId", '')) + "sortOrder") AS "version" FROM "Unit"`,
  );
  let units = unitLists.get(db);
  if (units?.version !== version) {
    const rows = await sqlRead<UnitRow>(db, `SELECT "id", "parentId", "path", "nameZh", "nameEn", "sortOrder", "code" FROM "Unit"`);
    units = { version, rows: rows.map((r) => ({ id: r.id, parentId: r.parentId, path: r.path, nameZh: r.nameZh, nameEn: r.nameEn, sortOrder: Number(r.sortOrder), code: r.code })) };
    unitLists.set(db, units);
  }
  return units.rows;
}

type Invited = { unitId: string; n: number };
/** Invited per unit of closed surveys: frozen at launch, so counted once per process (100,000 rows for a province). */
const invitedOfClosed = new BoundedMap<string, Promise<Invited[]>>(100);

function invitedCounts(db: Db, survey: { id: string; status?: string }): Promise<Invited[]> {
  const read = () => sqlRead<Invited>(db, `SELECT "unitId", count(*) AS "n" FROM "SurveyParticipation" WHERE "surveyId" = ? GROUP BY "unitId"`, [survey.id]);
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
  options: { extraUnitIds?: string[]; selectedUnitId?: string } = {},
): Promise<WaveGroups> {
  const rows = await db.$queryRawUnsafe<GroupRow[]>(
    `SELECT unitId, cut, cutValue, respondents FROM "SurveyResultGroup" WHERE surveyId = ? AND cut IN ('', ?)`,
    survey.id,
    filter?.cut ?? "",
  );
  const participation = await invitedCounts(db, survey);
  const seedIds = new Set([...rows.map((r) => r.unitId), ...participation.map((p) => p.unitId), ...(options.extraUnitIds ?? [])].filter(Boolean));
  const everyUnit = await unitList(db);
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
  const invited = rollUp(nodes, new Map(participation.map((p) => [p.unitId, Number(p.n)])));
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
