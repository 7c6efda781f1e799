import { pathIds } from "./population";

export type RateUnit = { id: string; path: string };
export type UnitCount = { unitId: string; invited: number; answered: number };

export type RateRow = {
  unitId: string;
  depth: number;
  /** null when suppressed. */
  invited: number | null;
  answered: number | null;
  suppressed: null | "small" | "complement";
  /** Invited is shown but not how many answered (see `answeredShowable`). */
  answeredBand?: boolean;
};

/** Whether an answered count may be shown: answered and not yet answered each 0 or at least the minimum. */
export function answeredShowable(invited: number, answered: number, min: number) {
  const left = invited - answered;
  return (answered === 0 || answered >= min) && (left === 0 || left >= min);
}

type Node = {
  id: string;
  parent: string | null;
  children: string[];
  invited: number;
  answered: number;
  suppressed: RateRow["suppressed"];
  band?: boolean;
};

/**
 * Response rates by unit (subtree totals), from the deepest unit containing everyone invited
 * down to each unit with invitations. A unit with fewer invited than `minGroupSize` is
 * suppressed with its subtree; and wherever a shown unit minus its shown children would leave
 * between 1 and minGroupSize − 1 people (a lone small sibling, or staff attached directly to
 * the parent), the smallest shown child is suppressed too, until no difference is that small.
 * `units` must hold every unit on the paths (ancestors included); `order` gives sibling order.
 */
export function responseRates(
  units: RateUnit[],
  counts: UnitCount[],
  minGroupSize: number,
  order?: (a: string, b: string) => number,
): RateRow[] {
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  const nodes = new Map<string, Node>();
  const direct = new Map(counts.filter((c) => c.invited > 0).map((c) => [c.unitId, c]));
  if (direct.size === 0) return [];

  for (const c of direct.values()) {
    const chain = pathIds(pathOf.get(c.unitId) ?? `/${c.unitId}/`);
    chain.forEach((id, i) => {
      let node = nodes.get(id);
      if (!node) {
        node = { id, parent: i > 0 ? chain[i - 1] : null, children: [], invited: 0, answered: 0, suppressed: null };
        nodes.set(id, node);
        if (node.parent) nodes.get(node.parent)!.children.push(id);
      }
      node.invited += c.invited;
      node.answered += c.answered;
    });
  }

  // Start at the deepest unit that holds everyone: its ancestors would only repeat its figures.
  let root = [...nodes.values()].find((n) => n.parent === null)!;
  while (root.children.length === 1 && !direct.has(root.id)) root = nodes.get(root.children[0])!;

  const suppressTree = (id: string, reason: "small" | "complement") => {
    const node = nodes.get(id)!;
    node.suppressed ??= reason;
    node.children.forEach((child) => suppressTree(child, reason));
  };
  const walk = (id: string, visit: (n: Node) => void) => {
    const node = nodes.get(id)!;
    visit(node);
    node.children.forEach((child) => walk(child, visit));
  };

  walk(root.id, (n) => {
    if (n.invited < minGroupSize) suppressTree(n.id, "small");
  });

  for (let changed = true; changed;) {
    changed = false;
    walk(root.id, (n) => {
      if (n.suppressed) return;
      const shown = n.children.map((c) => nodes.get(c)!).filter((c) => !c.suppressed);
      const residual = n.invited - shown.reduce((sum, c) => sum + c.invited, 0);
      if (residual > 0 && residual < minGroupSize && shown.length > 0) {
        const smallest = shown.sort((a, b) => a.invited - b.invited || a.id.localeCompare(b.id))[0];
        suppressTree(smallest.id, "complement");
        changed = true;
      }
    });
  }

  // While a survey runs, an answered count is shown only where it and the not-yet-answered are
  // each 0 or at least the minimum, and, as above, where no shown parent minus its shown
  // children leaves a small answered or not-yet-answered remainder.
  const bandTree = (id: string) => {
    const node = nodes.get(id)!;
    node.band = true;
    node.children.forEach(bandTree);
  };
  walk(root.id, (n) => {
    if (!n.suppressed && !n.band && !answeredShowable(n.invited, n.answered, minGroupSize)) bandTree(n.id);
  });
  for (let changed = true; changed;) {
    changed = false;
    walk(root.id, (n) => {
      if (n.suppressed || n.band) return;
      const shown = n.children.map((c) => nodes.get(c)!).filter((c) => !c.suppressed && !c.band);
      if (shown.length === 0) return;
      const answered = n.answered - shown.reduce((sum, c) => sum + c.answered, 0);
      const left = n.invited - n.answered - shown.reduce((sum, c) => sum + (c.invited - c.answered), 0);
      if (!answeredShowable(answered + left, answered, minGroupSize)) {
        bandTree(shown.sort((a, b) => a.invited - b.invited || a.id.localeCompare(b.id))[0].id);
        changed = true;
      }
    });
  }

  const rows: RateRow[] = [];
  const emit = (id: string, depth: number) => {
    const n = nodes.get(id)!;
    const band = !n.suppressed && Boolean(n.band);
    rows.push({
      unitId: n.id,
      depth,
      invited: n.suppressed ? null : n.invited,
      answered: n.suppressed || band ? null : n.answered,
      suppressed: n.suppressed,
      ...(band ? { answeredBand: true } : {}),
    });
    [...n.children].sort(order ?? ((a, b) => a.localeCompare(b))).forEach((child) => emit(child, depth + 1));
  };
  emit(root.id, 0);
  return rows;
}
