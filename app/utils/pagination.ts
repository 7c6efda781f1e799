import { z } from "zod";

/** `?page=` as a page number: a missing, malformed or out-of-range value is page 1. */
export const PageParam = z.coerce.number().int().min(1).max(100_000).catch(1);

/** The page asked for in a URL's search params (`?page=`), 1 when absent or malformed. */
export function pageFromUrl(url: string | URL): number {
  const value = new URL(url).searchParams.get("page");
  return PageParam.parse(value ?? 1);
}

export type Paged = { page: number; pageSize: number; pageCount: number; skip: number; take: number };

/**
 * One page of `total` rows: the page asked for clamped to the pages there are (at least one,
 * even with no rows), and the rows to skip and take for it.
 */
export function paginate({ page, pageSize, total }: { page: number | undefined; pageSize: number; total: number }): Paged {
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError(`bad page size: ${pageSize}`);
  const pageCount = Math.max(1, Math.ceil(Math.max(0, total) / pageSize));
  const asked = Number.isInteger(page) && (page as number) >= 1 ? (page as number) : 1;
  const clamped = Math.min(asked, pageCount);
  return { page: clamped, pageSize, pageCount, skip: (clamped - 1) * pageSize, take: pageSize };
}

/** The offset of a page asked for before the total is known (a query and its count run together). */
export function pageWindow(page: number | undefined, pageSize: number) {
  const asked = Number.isInteger(page) && (page as number) >= 1 ? (page as number) : 1;
  return { skip: (asked - 1) * pageSize, take: pageSize };
}

/** The rows of one page of a list already in memory. */
export function pageOf<T>(rows: readonly T[], page: number | undefined, pageSize: number) {
  const p = paginate({ page, pageSize, total: rows.length });
  return { ...p, total: rows.length, rows: rows.slice(p.skip, p.skip + p.take) };
}
