/**
 * The sort order a table shows, carried in the URL (`?sort=name`, `?sort=-name` for descending)
 * so that a sorted page can be linked, reloaded and rendered the same by the server.
 */
export type SortState = { key: string; direction: "ascending" | "descending" };

export const SORT_PARAM = "sort";

/** Reads `?sort=` against the keys a table allows; anything else is no sort (the loader's order). */
export function parseSort(value: string | null | undefined, allowed: readonly string[]): SortState | null {
  if (!value) return null;
  const descending = value.startsWith("-");
  const key = descending ? value.slice(1) : value;
  return allowed.includes(key) ? { key, direction: descending ? "descending" : "ascending" } : null;
}

/** The sort read from a request's URL, for a loader that sorts on the server. */
export function sortFromUrl(url: string | URL, allowed: readonly string[], param = SORT_PARAM): SortState | null {
  return parseSort(new URL(url).searchParams.get(param), allowed);
}

/** The direction as Prisma's `orderBy` writes it. */
export function sortOrder(sort: SortState): "asc" | "desc" {
  return sort.direction === "ascending" ? "asc" : "desc";
}

/** The value of `?sort=` after a click on a column's header: ascending first, then descending. */
export function nextSort(current: SortState | null, key: string): string {
  return current?.key === key && current.direction === "ascending" ? `-${key}` : key;
}

export type SortValue = string | number | boolean | Date | null | undefined;

/**
 * A stable sort of rows by one value: equal values keep the order the loader gave; empty values
 * come last in either direction.
 */
export function sortRows<Row>(
  rows: readonly Row[],
  value: (row: Row) => SortValue,
  direction: SortState["direction"],
  compareText: (a: string, b: string) => number,
): Row[] {
  const sign = direction === "ascending" ? 1 : -1;
  const keyed = rows.map((row, index) => ({ row, index, v: value(row) }));
  keyed.sort((a, b) => {
    const aEmpty = a.v === null || a.v === undefined || a.v === "";
    const bEmpty = b.v === null || b.v === undefined || b.v === "";
    if (aEmpty || bEmpty) return aEmpty === bEmpty ? a.index - b.index : aEmpty ? 1 : -1;
    let c: number;
    if (typeof a.v === "string" && typeof b.v === "string") c = compareText(a.v, b.v);
    else {
      const x = Number(a.v instanceof Date ? a.v.getTime() : a.v);
      const y = Number(b.v instanceof Date ? b.v.getTime() : b.v);
      c = x < y ? -1 : x > y ? 1 : 0;
    }
    return c !== 0 ? c * sign : a.index - b.index;
  });
  return keyed.map((k) => k.row);
}
