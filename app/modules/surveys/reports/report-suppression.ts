/**
 * Small-group suppression for survey reports.
 *
 * A "group" is the set of respondents behind a figure: a unit's subtree (the organisation
 * total is the root), optionally narrowed to one value of one cut (track or tenure band).
 * Every figure of a group (count, response rate, split, mean, eNPS, distribution, driver,
 * heatmap cell, CSV row) is shown or hidden together. The rules, applied to the whole
 * organisation's tree at once so every viewer (HR, any head) sees the same pattern and no
 * two views can be combined against each other:
 *
 * 1. Minimum: a group with fewer than `min` respondents is suppressed (also 0).
 * 2. Parent minus children: for every visible unit P, take its nearest visible descendants
 *    (visible units below P with no visible unit in between). The respondents they do not
 *    cover, n(P) − Σ n(visible descendants), form a group anyone can compute by subtraction.
 *    It must be 0 or ≥ min; otherwise the smallest visible descendant is suppressed too, and
 *    so on until it holds (it always ends: with none left the remainder is n(P) ≥ min).
 *    Because each such remainder is 0 or ≥ min, the difference between any two nested
 *    visible groups (org total minus a unit, a department minus a room) is too.
 *    2b. A remainder that comes wholly from one hidden child's subtree would give that child's
 *    figure back, so one more part is hidden (or P itself when no visible part is left).
 * 3. Filter differences: within a visible unit, the values of a cut partition its
 *    respondents, so n(unit) − Σ n(visible values) must likewise be 0 or ≥ min (suppress the
 *    smallest visible value otherwise). Rule 2 runs on each value's own tree (technical staff
 *    of a department minus technical staff of its rooms). A unit whose total is hidden must
 *    not have all its values visible, or their sum would give the total back.
 * The rules only ever add suppressions, so repeating them until nothing changes ends.
 * Comments use the same rules with `minCommentGroupSize`, on units only: they are never
 * shown under a track or tenure filter.
 *
 * Limits: this is the greedy rule used by survey vendors, not an exact cell-suppression
 * solver; it protects every single equation (a total and its parts), and a hidden pattern
 * always leaves each equation with ≥ min unknown respondents or none. Figures of different
 * waves are separate populations and are suppressed independently.
 */

export type UnitNode = { id: string; parentId: string | null };

/** Respondents of each unit's whole subtree, from the respondents filed directly under each unit. */
export function rollUp(nodes: UnitNode[], direct: ReadonlyMap<string, number>): Map<string, number> {
  const children = childrenOf(nodes);
  const total = new Map<string, number>();
  const visit = (id: string): number => {
    let n = direct.get(id) ?? 0;
    for (const child of children.get(id) ?? []) n += visit(child);
    total.set(id, n);
    return n;
  };
  const ids = new Set(nodes.map((n) => n.id));
  for (const node of nodes) if (node.parentId === null || !ids.has(node.parentId)) visit(node.id);
  return total;
}

function childrenOf(nodes: UnitNode[]) {
  const children = new Map<string, string[]>();
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node.id);
    children.set(node.parentId, list);
  }
  return children;
}

/** Smallest count first; ties broken by id so the pattern is the same on every request. */
function smallest(ids: string[], count: (id: string) => number) {
  return [...ids].sort((a, b) => count(a) - count(b) || (a < b ? -1 : 1))[0];
}

/**
 * Rules 1 and 2 on one tree of subtree counts. Adds to `suppressed` (units already hidden
 * by another rule stay hidden) and reports whether anything was added.
 */
export function suppressTree(nodes: UnitNode[], counts: ReadonlyMap<string, number>, min: number, suppressed: Set<string>): boolean {
  const children = childrenOf(nodes);
  const n = (id: string) => counts.get(id) ?? 0;
  let changed = false;
  for (const node of nodes) {
    if (!suppressed.has(node.id) && n(node.id) < min) {
      suppressed.add(node.id);
      changed = true;
    }
  }
  const nearestVisible = (id: string): string[] =>
    (children.get(id) ?? []).flatMap((child) => (suppressed.has(child) ? nearestVisible(child) : [child]));
  // Top-down: hiding a descendant of P only changes P's own equation, never an ancestor's.
  const order = topDown(nodes, children);
  const covered = (id: string) => nearestVisible(id).reduce((sum, v) => sum + n(v), 0);
  for (const id of order) {
    if (suppressed.has(id)) continue;
    for (;;) {
      const visible = nearestVisible(id);
      const remainder = n(id) - visible.reduce((sum, v) => sum + n(v), 0);
      if (remainder > 0 && remainder < min && visible.length > 0) {
        suppressed.add(smallest(visible, n));
        changed = true;
        continue;
      }
      // Rule 2b: a remainder that all comes from one hidden child's subtree gives that child's
      // figure back (remainder plus its visible descendants). It was hidden for a reason (a
      // complement elsewhere), so hide one more visible part, or this unit if none is left.
      const kids = children.get(id) ?? [];
      const own = n(id) - kids.reduce((sum, c) => sum + n(c), 0);
      const sources = kids.filter((c) => suppressed.has(c) && n(c) - covered(c) > 0);
      if (remainder > 0 && own === 0 && sources.length === 1) {
        const others = visible.filter((v) => n(v) > 0);
        suppressed.add(others.length > 0 ? smallest(others, n) : id);
        changed = true;
        if (others.length === 0) break;
        continue;
      }
      break;
    }
  }
  return changed;
}

function topDown(nodes: UnitNode[], children: Map<string, string[]>) {
  const ids = new Set(nodes.map((n) => n.id));
  const order: string[] = [];
  const walk = (id: string) => {
    order.push(id);
    for (const child of children.get(id) ?? []) walk(child);
  };
  for (const node of nodes) if (node.parentId === null || !ids.has(node.parentId)) walk(node.id);
  return order;
}

export type CutCounts = {
  /** Subtree respondents per unit, all values together. */
  total: ReadonlyMap<string, number>;
  /** Subtree respondents per unit for each value of one cut (e.g. track → unit → n). */
  byValue: ReadonlyMap<string, ReadonlyMap<string, number>>;
};

export type Suppression = {
  /** Units whose unfiltered figures are hidden. */
  total: Set<string>;
  /** Per cut value, units whose figures under that filter are hidden. */
  byValue: Map<string, Set<string>>;
};

/**
 * Rules 1–3 for the unit tree and one cut, repeated until nothing changes. `seed` starts from
 * an earlier pattern (a figure's own pattern starts from its group's: hidden stays hidden).
 */
export function suppressWithCut(nodes: UnitNode[], counts: CutCounts, min: number, seed?: Suppression): Suppression {
  const total = new Set<string>(seed?.total);
  const byValue = new Map<string, Set<string>>([...counts.byValue.keys()].map((v) => [v, new Set<string>(seed?.byValue.get(v))]));
  const valueCount = (value: string, unit: string) => counts.byValue.get(value)?.get(unit) ?? 0;
  for (let changed = true; changed;) {
    changed = suppressTree(nodes, counts.total, min, total);
    for (const [value, tree] of counts.byValue) changed = suppressTree(nodes, tree, min, byValue.get(value)!) || changed;
    for (const { id } of nodes) {
      const present = [...byValue.keys()].filter((v) => valueCount(v, id) > 0);
      for (;;) {
        const visible = present.filter((v) => !byValue.get(v)!.has(id));
        if (visible.length === 0) break;
        const covered = visible.reduce((sum, v) => sum + valueCount(v, id), 0);
        const remainder = (counts.total.get(id) ?? 0) - covered;
        const leaks = total.has(id) ? remainder === 0 : remainder > 0 && remainder < min;
        if (!leaks) break;
        byValue.get(smallest(visible, (v) => valueCount(v, id)))!.add(id);
        changed = true;
      }
    }
  }
  return { total, byValue };
}

/** Rules 1 and 2 for the unit tree alone (no cut offered). */
export function suppressUnits(
  nodes: UnitNode[],
  counts: ReadonlyMap<string, number>,
  min: number,
  seed?: ReadonlySet<string>,
): Set<string> {
  const suppressed = new Set<string>(seed);
  while (suppressTree(nodes, counts, min, suppressed));
  return suppressed;
}
