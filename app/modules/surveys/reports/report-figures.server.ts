import type { Db } from "~/utils/db.server";
import { rows } from "~/utils/sql.server";
import { answerCounts, childAnswerCounts, driverSums } from "../queries.server";
import type { SurveyItem } from "../items";
import { enps, likertSplit, mergeDistributions, pearson, type Distribution, type Enps, type Split } from "./report-stats";
import { ORG_ROW } from "./report-aggregates.server";
import type { Filter } from "./report-groups.server";

/**
 * Sums of the precomputed answer counts; figures read SurveyResult* only, never the answers
 * (only comment texts come from the answers). A subtree of null means the organisation, whose
 * sums are stored under ORG_ROW.
 */

function cutKey(filter: Filter) {
  return { cut: filter?.cut ?? "", cutValue: filter?.value ?? "" };
}

/** value → count per item, for the respondents of a subtree (null: the whole organisation). */
export async function itemDistributions(db: Db, surveyId: string, filter: Filter, unitIds: string[] | null) {
  const byItem = new Map<string, Distribution>();
  for (const r of await answerCounts(db, surveyId, cutKey(filter), unitIds ?? [ORG_ROW])) {
    const d = byItem.get(r.itemId) ?? new Map<number, number>();
    d.set(r.value, r.n);
    byItem.set(r.itemId, d);
  }
  return byItem;
}

export type DimensionFigures = { split: Split | null; enps: Enps | null; dimensions: Map<string, Split | null> };

/** Dimension splits (likert items together) and eNPS from per-item distributions. */
export function dimensionFigures(items: SurveyItem[], byItem: Map<string, Distribution>, min: number): DimensionFigures {
  const dims = new Map<string, Distribution[]>();
  for (const item of items) {
    if (item.type !== "likert5") continue;
    const list = dims.get(item.dimension) ?? [];
    const d = byItem.get(item.id);
    if (d) list.push(d);
    dims.set(item.dimension, list);
  }
  const dimensions = new Map<string, Split | null>();
  for (const [dim, list] of dims) {
    const split = likertSplit(mergeDistributions(list));
    dimensions.set(dim, split);
  }
  const npsItem = items.find((i) => i.type === "nps");
  const e = npsItem ? enps(byItem.get(npsItem.id) ?? new Map()) : null;
  const all = likertSplit(mergeDistributions(items.filter((i) => i.type === "likert5").map((i) => byItem.get(i.id) ?? new Map())));
  return { split: all, enps: e && e.n >= min ? e : null, dimensions };
}

/**
 * Per child unit: value counts per item, summed over the child's subtree in SQL (the mapping
 * unit → child travels as JSON), then folded into dimension splits and eNPS.
 */
export async function childFigures(
  db: Db,
  surveyId: string,
  filter: Filter,
  items: SurveyItem[],
  unitToChild: Record<string, string>,
  min: number,
) {
  const wanted = items.filter((i) => i.type === "likert5" || i.type === "nps").map((i) => i.id);
  const byChild = new Map<string, Map<string, Distribution>>();
  for (const r of await childAnswerCounts(db, surveyId, cutKey(filter), unitToChild, wanted)) {
    const items = byChild.get(r.child) ?? new Map<string, Distribution>();
    const d = items.get(r.itemId) ?? new Map<number, number>();
    d.set(r.value, r.n);
    items.set(r.itemId, d);
    byChild.set(r.child, items);
  }
  return new Map([...byChild].map(([child, byItem]) => [child, dimensionFigures(items, byItem, min)]));
}

/** Correlation of each dimension's per-respondent mean with the outcome item, strongest first. */
export async function drivers(db: Db, surveyId: string, filter: Filter, unitIds: string[] | null, min: number) {
  const { cut, cutValue } = cutKey(filter);
  const sums = await rows(db, driverSums, [surveyId, cut, cutValue, JSON.stringify(unitIds ?? [ORG_ROW])]);
  return sums
    .map((r) => ({ dimension: r.dimension, n: r.n, r: r.n >= min ? pearson(r) : null }))
    .filter((d): d is { dimension: string; n: number; r: number } => d.r !== null)
    .sort((a, b) => Math.abs(b.r) - Math.abs(a.r));
}
