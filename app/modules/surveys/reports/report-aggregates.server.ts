import { bulkWrite, type Db } from "~/utils/db.server";
import { eachPacked } from "~/utils/packed-rows.server";
import { firstRow, rows } from "~/utils/sql.server";
import { parseItems, type SurveyItem } from "../items";
import {
  closedWithoutResults,
  deleteSurveyResults,
  insertSurveyResults,
  keepSurveyResults,
  respondentAnswers,
  keptResultSet,
} from "../queries.server";
import { parseCuts } from "../settings";

/** The cuts reports can filter by, with the response column each one is stored in. */
export const REPORT_CUTS = { track: "track", tenure: "tenureBand" } as const;
export type ReportCut = keyof typeof REPORT_CUTS;

/** Unit id of the rows that sum the whole survey, so the organisation figures are one key lookup. */
export const ORG_ROW = "org";

/**
 * The driver analysis: for each dimension, the mean of a respondent's likert answers in it,
 * against the outcome item (index -1). The outcome's own dimension is left out: it would
 * mostly correlate with itself.
 */
export function driverItems(items: SurveyItem[]) {
  const outcome = items.find((i) => i.outcome);
  if (!outcome) return null;
  const dimensions: string[] = [];
  const itemIndex: Record<string, number> = { [outcome.id]: -1 };
  for (const item of items) {
    if (item.type !== "likert5" || item.outcome || item.dimension === outcome.dimension) continue;
    if (!dimensions.includes(item.dimension)) dimensions.push(item.dimension);
    itemIndex[item.id] = dimensions.indexOf(item.dimension);
  }
  return { outcomeId: outcome.id, dimensions, itemIndex };
}

const inFlight = new Map<string, Promise<void>>();

/**
 * Makes sure a closed survey's aggregates exist; computes them on first use. Closed results
 * never change, so they are computed once (one process serves the app; concurrent first
 * readers share the same computation).
 */
export async function ensureSurveyResults(db: Db, surveyId: string) {
  if (await resultsKept(db, surveyId)) return;
  let running = inFlight.get(surveyId);
  if (!running) {
    running = computeSurveyResults(db, surveyId).finally(() => inFlight.delete(surveyId));
    inFlight.set(surveyId, running);
  }
  await running;
}

/**
 * Recomputes a closed survey's aggregates from its answers, replacing any earlier ones.
 *
 * One read of the answers: the database finds each respondent's answers where they lie (under
 * the respondent's key) and packs one line per respondent (their cell, the items and values they
 * answered), without sorting the survey's answers; the lines are folded here into each cell's
 * counts, reach and driver sums (ResultFold), rolled up to the units, cuts and the organisation,
 * and written in key order as JSON arrays expanded by the database. The read is one statement outside
 * the write turn (a closed survey's answers no longer change), so answers to other surveys
 * keep coming in meanwhile; the write replaces the survey's rows in one transaction.
 */
export async function computeSurveyResults(db: Db, surveyId: string) {
  const survey = await db.survey.findUnique({ where: { id: surveyId }, select: { status: true, itemsJson: true, cutsJson: true } });
  if (!survey || survey.status !== "closed") throw new Error("only a closed survey has results");
  const items = parseItems(survey.itemsJson);
  const collected = parseCuts(survey.cutsJson);
  const cuts = (Object.keys(REPORT_CUTS) as ReportCut[]).filter((c) => collected.includes(c));
  const fold = new ResultFold(items, cuts);
  await eachPacked(db, respondentAnswers(surveyId), (row) => fold.respondent(row[0], row[1], row[2], row[3], row[4]));
  const kept = fold.rows();
  await bulkWrite(db, async (tx) => {
    await deleteSurveyResults(tx, surveyId);
    await insertSurveyResults(tx, surveyId, "SurveyResultGroup", kept.groups);
    await insertSurveyResults(tx, surveyId, "SurveyResultCount", kept.counts);
    await insertSurveyResults(tx, surveyId, "SurveyResultDriver", kept.drivers);
    await insertSurveyResults(tx, surveyId, "SurveyResultReach", kept.reach);
    await keepSurveyResults(tx, surveyId, new Date());
  });
}

/** An answer's slot key: the item's index plus this times the value (any integer). */
const ANSWER_CODE = 1024;

/** Per driver dimension: n, then value and error of each running sum (sumX, sumXX, sumY, sumYY, sumXY). */
const DRIVER_WIDTH = 11;

/**
 * Adds `r` to the running sum at `at` (its error term at `at + 1`) as SQLite's sum() does
 * (Kahan–Babuška–Neumaier), so sums of means agree with a SQL sum to within the order of adding.
 */
function addTo(acc: Float64Array, at: number, r: number) {
  const s = acc[at];
  const t = s + r;
  acc[at + 1] += Math.abs(s) > Math.abs(r) ? s - t + r : r - t + s;
  acc[at] = t;
}

/** Figures of one unit (or the organisation) under one cut value, or of one fine cell (unit × every cut). */
type Tally = { respondents: number; counts: number[]; reach: number[]; drivers: Float64Array };

/**
 * Folds each respondent's answers into their fine cell (unit, track, tenure band), then rolls
 * the cells up into the rows kept (see SurveyResultCount, -Group, -Reach, -Driver).
 *
 * - Counts per item and value: each distinct answer code gets a slot.
 * - Reach: distinct respondents behind each dimension, the overall scale and each
 *   multiple-choice item (a respondent counts once however many answers feed the figure);
 *   single-valued items' reach is their answer count, and a driver's is its pairs.
 * - Drivers: per respondent, each dimension's mean of scale answers (outside the outcome's
 *   dimension) paired with the outcome (its highest answer), summed as SQL sums them.
 */
class ResultFold {
  private readonly cells = new Map<string, { unitId: string; track: string; tenureBand: string; tally: Tally }>();
  private readonly itemIndex: Map<string, number>;
  private readonly itemLists = new Map<string, Int32Array>();
  private readonly slotOfCode = new Map<number, number>();
  private readonly slotItem: number[] = [];
  private readonly slotValue: number[] = [];
  /** Per item: the reach figures it feeds (indexes into `figures`). */
  private readonly itemFigures: number[][];
  /** Per item: its driver dimension, -1 for the outcome, -2 for neither. */
  private readonly driverOf: number[];
  private readonly figures: string[] = [];
  private readonly dimensions: string[];
  private readonly seen: Int32Array;
  private readonly dimSum: Float64Array;
  private readonly dimCount: Float64Array;
  private stamp = 0;

  constructor(
    private readonly items: SurveyItem[],
    private readonly cuts: ReportCut[],
  ) {
    this.itemIndex = new Map(items.map((item, i) => [item.id, i]));
    const figure = (name: string) => {
      const j = this.figures.indexOf(name);
      return j >= 0 ? j : this.figures.push(name) - 1;
    };
    this.itemFigures = items.map((item) =>
      item.type === "likert5"
        ? [figure(`d:${item.dimension}`), figure("likert")]
        : item.type === "multiple"
          ? [figure(`i:${item.id}`)]
          : [],
    );
    const drivers = driverItems(items);
    this.dimensions = drivers?.dimensions ?? [];
    this.driverOf = items.map((item) => drivers?.itemIndex[item.id] ?? -2);
    this.seen = new Int32Array(this.figures.length);
    this.dimSum = new Float64Array(this.dimensions.length);
    this.dimCount = new Float64Array(this.dimensions.length);
  }

  private tally(): Tally {
    return {
      respondents: 0,
      counts: [],
      reach: new Array<number>(this.figures.length).fill(0),
      drivers: new Float64Array(this.dimensions.length * DRIVER_WIDTH),
    };
  }

  private cell(unitId: string, track: string, tenureBand: string): Tally {
    const key = `${unitId}\x1f${track}\x1f${tenureBand}`;
    let cell = this.cells.get(key);
    if (!cell) this.cells.set(key, (cell = { unitId, track, tenureBand, tally: this.tally() }));
    return cell.tally;
  }

  private slot(code: number) {
    let slot = this.slotOfCode.get(code);
    if (slot === undefined) {
      const item = ((code % ANSWER_CODE) + ANSWER_CODE) % ANSWER_CODE;
      slot = this.slotItem.push(item) - 1;
      this.slotValue.push((code - item) / ANSWER_CODE);
      this.slotOfCode.set(code, slot);
    }
    return slot;
  }

  /** The items' indexes behind a respondent's comma-separated item ids (-1: not an item of the survey). */
  private itemList(itemIds: string) {
    let list = this.itemLists.get(itemIds);
    if (!list) {
      list = Int32Array.from(itemIds.split(","), (id) => this.itemIndex.get(id) ?? -1);
      if (this.itemLists.size < 10_000) this.itemLists.set(itemIds, list);
    }
    return list;
  }

  /** One respondent: their cell, and their answers as comma-separated item ids and values (in the same order). */
  respondent(unitId: string, track: string, tenureBand: string, itemIds: string, values: string) {
    const tally = this.cell(unitId, track, tenureBand);
    tally.respondents++;
    if (itemIds === "") return;
    const counts = tally.counts;
    const answered = this.itemList(itemIds);
    const stamp = ++this.stamp;
    const { seen, dimSum, dimCount, driverOf, itemFigures, slotItem, slotValue } = this;
    dimSum.fill(0);
    dimCount.fill(0);
    let y = NaN;
    let n = 0;
    let negative = false;
    let k = 0;
    for (let p = 0, end = values.length; p <= end; p++) {
      const ch = p < end ? values.charCodeAt(p) : 44;
      if (ch === 45) negative = true;
      else if (ch !== 44) n = n * 10 + ch - 48;
      else {
        const index = answered[k++];
        const value = negative ? -n : n;
        n = 0;
        negative = false;
        if (index < 0) continue;
        const slot = this.slot(index + ANSWER_CODE * value);
        counts[slot] = (counts[slot] ?? 0) + 1;
        const item = slotItem[slot];
        for (const f of itemFigures[item]) seen[f] = stamp;
        const d = driverOf[item];
        if (d >= 0) {
          dimSum[d] += slotValue[slot];
          dimCount[d]++;
        } else if (d === -1 && !(y >= slotValue[slot])) y = slotValue[slot];
      }
    }
    for (let f = 0; f < seen.length; f++) if (seen[f] === stamp) tally.reach[f]++;
    if (Number.isNaN(y)) return;
    const acc = tally.drivers;
    for (let d = 0; d < dimSum.length; d++) {
      if (dimCount[d] === 0) continue;
      const x = dimSum[d] / dimCount[d];
      const at = d * DRIVER_WIDTH;
      acc[at]++;
      addTo(acc, at + 1, x);
      addTo(acc, at + 3, x * x);
      addTo(acc, at + 5, y);
      addTo(acc, at + 7, y * y);
      addTo(acc, at + 9, x * y);
    }
  }

  /** The kept rows, each table's in its key order (after the survey id). */
  rows() {
    const slotCount = this.slotItem.length;
    const itemCount = this.items.length;
    type Target = {
      cut: string;
      cutValue: string;
      unitId: string;
      respondents: number;
      counts: Int32Array;
      reach: Int32Array;
      drivers: Float64Array;
    };
    const targets = new Map<string, Target>();
    const target = (cut: string, cutValue: string, unitId: string) => {
      const key = `${cut}\x1f${cutValue}\x1f${unitId}`;
      let t = targets.get(key);
      if (!t) {
        t = {
          cut,
          cutValue,
          unitId,
          respondents: 0,
          counts: new Int32Array(slotCount),
          reach: new Int32Array(this.figures.length),
          drivers: new Float64Array(this.dimensions.length * DRIVER_WIDTH),
        };
        targets.set(key, t);
      }
      return t;
    };
    for (const { unitId, track, tenureBand, tally } of this.cells.values()) {
      const values: Record<ReportCut, string> = { track, tenure: tenureBand };
      const unitTargets = [target("", "", unitId), ...this.cuts.map((c) => target(c, values[c], unitId))];
      const allTargets = [...unitTargets, target("", "", ORG_ROW), ...this.cuts.map((c) => target(c, values[c], ORG_ROW))];
      for (const t of unitTargets) {
        t.respondents += tally.respondents;
        for (let f = 0; f < tally.reach.length; f++) t.reach[f] += tally.reach[f];
      }
      const counts = tally.counts;
      for (const t of allTargets) {
        for (let s = 0; s < counts.length; s++) if (counts[s]) t.counts[s] += counts[s];
        for (let at = 0; at < tally.drivers.length; at += DRIVER_WIDTH) {
          if (tally.drivers[at] === 0) continue;
          t.drivers[at] += tally.drivers[at];
          for (let k = at + 1; k < at + DRIVER_WIDTH; k += 2) addTo(t.drivers, k, tally.drivers[k] + tally.drivers[k + 1]);
        }
      }
    }
    const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
    const sorted = [...targets.entries()].sort((a, b) => byKey(a[0], b[0])).map(([, t]) => t);
    // Slots in (item id, value) order, dimensions by name.
    const slots = Array.from({ length: slotCount }, (_, s) => s).sort(
      (a, b) => byKey(this.items[this.slotItem[a]].id, this.items[this.slotItem[b]].id) || this.slotValue[a] - this.slotValue[b],
    );
    const dimensionOrder = this.dimensions.map((_, d) => d).sort((a, b) => byKey(this.dimensions[a], this.dimensions[b]));
    // Every reach figure by name, with where its number is: a distinct-respondent figure, an
    // item's answers (single-valued items: one answer each) or a driver's pairs.
    const reachFigures = [
      ...this.figures.map((name, f) => ({ name, of: (t: Target) => t.reach[f] })),
      ...this.items.flatMap((item, i) =>
        item.type === "multiple" ? [] : [{ name: `i:${item.id}`, of: (_: Target, answers: Int32Array) => answers[i] }],
      ),
      ...this.dimensions.map((dimension, d) => ({ name: `r:${dimension}`, of: (t: Target) => t.drivers[d * DRIVER_WIDTH] })),
    ].sort((a, b) => byKey(a.name, b.name));

    const groups: unknown[][] = [];
    const counts: unknown[][] = [];
    const drivers: unknown[][] = [];
    const answersOf = new Map<Target, Int32Array>();
    for (const t of sorted) {
      const { cut, cutValue, unitId } = t;
      const answers = new Int32Array(itemCount);
      if (unitId !== ORG_ROW) {
        groups.push([cut, cutValue, unitId, t.respondents]);
        answersOf.set(t, answers);
      }
      for (const s of slots) {
        const count = t.counts[s];
        if (count === 0) continue;
        counts.push([cut, cutValue, unitId, this.items[this.slotItem[s]].id, this.slotValue[s], count]);
        answers[this.slotItem[s]] += count;
      }
      for (const d of dimensionOrder) {
        const at = d * DRIVER_WIDTH;
        const acc = t.drivers;
        if (acc[at] === 0) continue;
        const sum = (k: number) => acc[at + k] + acc[at + k + 1];
        drivers.push([cut, cutValue, unitId, this.dimensions[d], acc[at], sum(1), sum(3), sum(5), sum(7), sum(9)]);
      }
    }
    // Reach is keyed (cut, cut value, figure, unit): per cut value, figure by figure.
    const reach: unknown[][] = [];
    const units = sorted.filter((t) => t.unitId !== ORG_ROW);
    for (let i = 0; i < units.length;) {
      let j = i;
      while (j < units.length && units[j].cut === units[i].cut && units[j].cutValue === units[i].cutValue) j++;
      for (const figure of reachFigures) {
        for (let k = i; k < j; k++) {
          const t = units[k];
          const n = figure.of(t, answersOf.get(t)!);
          if (n > 0) reach.push([t.cut, t.cutValue, figure.name, t.unitId, n]);
        }
      }
      i = j;
    }
    return { groups, counts, drivers, reach };
  }
}

/** Whether a closed survey's aggregates are kept (a report reads them; it never computes them). */
export async function resultsKept(db: Db, surveyId: string) {
  return (await firstRow(db, keptResultSet, [surveyId])) !== null;
}

/** Aggregates every closed survey that has none yet (databases from before results were kept at closing). Background work. */
export async function computeMissingResults(db: Db) {
  const missing = await rows(db, closedWithoutResults);
  for (const { id } of missing) await ensureSurveyResults(db, id);
  return missing.length;
}
