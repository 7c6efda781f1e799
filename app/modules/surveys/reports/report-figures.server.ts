import type { Db } from "~/utils/db.server";
import type { SurveyItem } from "../items";
import { enps, likertSplit, mergeDistributions, pearson, type Distribution, type Enps, type Split } from "./report-stats";
import { ORG_ROW } from "./report-aggregates.server";
import type { Filter } from "./report-groups.server";

/**
 * Sums of the precomputed answer counts; figures read SurveyResult* only, never the answers
 * (only comment texts come from the answers). A subtree of null means the organisation, whose
 * sums are stored under ORG_ROW.
 */

type CountRow = { itemId: string; value: number | bigint; n: number | bigint };

function cutArgs(filter: Filter) {
  return [filter?.cut ?? "", filter?.value ?? ""] as const;
}

/** value → count per item, for the respondents of a subtree (null: the whole organisation). */
export async function itemDistributions(db: Db, surveyId: string, filter: Filter, unitIds: string[] | null) {
  const rows = await db.$queryRawUnsafe<CountRow[]>(
    `SELECT itemId, value, sum(count) AS n FROM "SurveyResultCount"
     WHERE surveyId = ? AND cut = ? AND cutValue = ? AND unitId IN (SELECT value FROM json_each(?))
     GROUP BY itemId, value`,
    surveyId,
    ...cutArgs(filter),
    JSON.stringify(unitIds ?? [ORG_ROW]),
  );
  const byItem = new Map<string, Distribution>();
  for (const r of rows) {
    const d = byItem.get(r.itemId) ?? new Map<number, number>();
    d.set(Number(r.value), Number(r.n));
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

type HeatRow = { child: string; itemId: string; value: number | bigint; n: number | bigint };

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
  const rows = await db.$queryRawUnsafe<HeatRow[]>(
    `WITH m(unitId, child) AS (SELECT key, value FROM json_each(?))
     SELECT m.child AS child, c.itemId AS itemId, c.value AS value, sum(c.count) AS n
     FROM "SurveyResultCount" c JOIN m ON m.unitId = c.unitId
     WHERE c.surveyId = ? AND c.cut = ? AND c.cutValue = ? AND c.itemId IN (SELECT value FROM json_each(?))
     GROUP BY m.child, c.itemId, c.value`,
    JSON.stringify(unitToChild),
    surveyId,
    ...cutArgs(filter),
    JSON.stringify(wanted),
  );
  const byChild = new Map<string, Map<string, Distribution>>();
  for (const r of rows) {
    const items = byChild.get(r.child) ?? new Map<string, Distribution>();
    const d = items.get(r.itemId) ?? new Map<number, number>();
    d.set(Number(r.value), Number(r.n));
    items.set(r.itemId, d);
    byChild.set(r.child, items);
  }
  return new Map([...byChild].map(([child, byItem]) => [child, dimensionFigures(items, byItem, min)]));
}

type DriverRow = { dimension: string; n: number | bigint; sumX: number; sumXX: number; sumY: number; sumYY: number; sumXY: number };

/** Correlation of each dimension's per-respondent mean with the outcome item, strongest first. */
export async function drivers(db: Db, surveyId: string, filter: Filter, unitIds: string[] | null, min: number) {
  const rows = await db.$queryRawUnsafe<DriverRow[]>(
    `SELECT dimension, sum(n) AS n, sum(sumX) AS sumX, sum(sumXX) AS sumXX, sum(sumY) AS sumY, sum(sumYY) AS sumYY, sum(sumXY) AS sumXY
     FROM "SurveyResultDriver" WHERE surveyId = ? AND cut = ? AND cutValue = ? AND unitId IN (SELECT value FROM json_each(?))
     GROUP BY dimension`,
    surveyId,
    ...cutArgs(filter),
    JSON.stringify(unitIds ?? [ORG_ROW]),
  );
  return rows
    .map((r) => ({ dimension: r.dimension, n: Number(r.n), r: Number(r.n) >= min ? pearson({ ...r, n: Number(r.n) }) : null }))
    .filter((d): d is { dimension: string; n: number; r: number } => d.r !== null)
    .sort((a, b) => Math.abs(b.r) - Math.abs(a.r));
}

export const COMMENTS_SHOWN = 100;

/**
 * Free-text answers of a subtree: a random sample of at most COMMENTS_SHOWN per item, in
 * random order. How many there are comes from the counts; `sizes` (respondents, and text
 * answers per item) lets a large subtree be sampled by response first (a few hundred key
 * lookups instead of reading every answer), falling back to reading them all whenever the
 * first sample comes up short.
 */
export async function comments(
  db: Db,
  surveyId: string,
  textItemIds: string[],
  unitIds: string[] | null,
  sizes?: { respondents: number; texts: Map<string, number> },
) {
  const out = new Map<string, string[]>();
  const scope = unitIds ? `AND r.unitId IN (SELECT value FROM json_each(?))` : "";
  const args = unitIds ? [JSON.stringify(unitIds)] : [];
  for (const itemId of textItemIds) {
    const texts = sizes?.texts.get(itemId) ?? 0;
    const wanted = Math.min(COMMENTS_SHOWN, texts);
    // Enough responses that, at this item's answer rate, half again as many texts as shown come up.
    const sample = texts > 0 ? Math.ceil((1.5 * COMMENTS_SHOWN * (sizes?.respondents ?? 0)) / texts) + 50 : 0;
    if (sizes && sample < sizes.respondents) {
      const rows = await db.$queryRawUnsafe<{ text: string }[]>(
        `SELECT a.text AS text FROM (SELECT r.id FROM "SurveyResponse" r WHERE r.surveyId = ? ${scope} ORDER BY random() LIMIT ${sample}) s
         CROSS JOIN "SurveyAnswer" a ON a.responseId = s.id AND a.itemId = ? WHERE a.text IS NOT NULL AND a.text <> '' LIMIT ${COMMENTS_SHOWN}`,
        surveyId,
        ...args,
        itemId,
      );
      if (rows.length >= wanted) {
        out.set(
          itemId,
          rows.map((t) => t.text),
        );
        continue;
      }
    }
    // For a subtree, the subtree's responses lead (CROSS JOIN fixes the order) and each answer is
    // a key lookup; for the whole organisation, the item's answers are read through its index.
    const rows = await db.$queryRawUnsafe<{ text: string }[]>(
      `SELECT a.text AS text FROM ${unitIds ? `"SurveyResponse" r CROSS JOIN "SurveyAnswer" a` : `"SurveyAnswer" a JOIN "SurveyResponse" r`} ON r.id = a.responseId
       WHERE r.surveyId = ? AND a.itemId = ? AND a.text IS NOT NULL AND a.text <> '' ${scope}
       ORDER BY random() LIMIT ${COMMENTS_SHOWN}`,
      surveyId,
      itemId,
      ...args,
    );
    out.set(
      itemId,
      rows.map((t) => t.text),
    );
  }
  return out;
}
