import { dialectOf, type Db } from "~/utils/db.server";

/**
 * A `contains` filter for a search box, matching as SQLite's LIKE does: without regard to
 * letter case. PostgreSQL compares case by default, so there it asks for `mode: "insensitive"`
 * (ILIKE), which SQLite's client does not know: the filter is typed as SQLite's.
 */
export function containsText(db: Db, q: string): { contains: string } {
  return dialectOf(db) === "postgres" ? ({ contains: q, mode: "insensitive" } as { contains: string }) : { contains: q };
}
