import type { Client, InValue } from "@libsql/client";
import { z } from "zod";
import { dialectOf, readDate, sqlRead, type BulkTransaction, type Db, type Dialect } from "./db.server";

/**
 * Direct SQL, written once per capability: every statement a module runs beside Prisma lives in
 * its capability's `queries.server.ts` as a `defineQuery` (or a plain function for writes), so
 * that the SQL dialect of a capability sits in one file and a second database means a second
 * such file, not edits across the module. The rows a query returns are checked against its row
 * schema at the boundary: a renamed column or a changed type fails loudly, with the query's name,
 * instead of flowing on as `undefined`.
 *
 * Hot paths that read 100,000 rows keep `packedRows` (one string, checked by its width); the
 * row schemas here are for everything else.
 */

/** Column codecs for SQLite's values as the driver returns them. */
export const col = {
  text: z.string(),
  /** INTEGER as number or bigint, read as a JS number (fen, counts, flags as counts). */
  int: z.union([z.number(), z.bigint()]).transform((v) => Number(v)),
  /** REAL (or an integer where SQLite stored one), as a number. */
  real: z.union([z.number(), z.bigint()]).transform((v) => Number(v)),
  /** 0/1 (SQLite's BOOLEAN), as a boolean. */
  bool: z.union([z.number(), z.bigint(), z.boolean()]).transform((v) => Boolean(Number(v))),
  /** A stored date: Prisma's ISO text, SQLite's CURRENT_TIMESTAMP text or epoch milliseconds. */
  date: z
    .union([z.string(), z.number(), z.bigint()])
    .transform((v) => readDate(v))
    .refine((d) => !Number.isNaN(d.getTime()), "not a date"),
  /** A calendar day stored as `YYYY-MM-DD…` text, kept as the day's text. */
  day: z.string().transform((v) => v.slice(0, 10)),
  /** SUM() of nothing is NULL: read as 0. */
  sum: z.union([z.number(), z.bigint(), z.null()]).transform((v) => (v === null ? 0 : Number(v))),
};

export type RowSchema = z.ZodType<unknown, z.ZodTypeDef, unknown>;

/**
 * A statement and the shape of its rows. `sql` uses `?` placeholders; `postgres` is its
 * PostgreSQL form where the dialects differ (absent: the same text runs on both).
 */
export type Query<Row extends RowSchema> = { name: string; sql: string; postgres?: string; row: Row };

export function defineQuery<Row extends RowSchema>(name: string, row: Row, sql: string, postgres?: string): Query<Row> {
  return { name, sql, postgres, row };
}

/** Where a statement runs: the Prisma client (a read on its own connection), a transaction, or the raw client holding the turn. */
export type SqlSource = Db | BulkTransaction | Client;

/** A statement's form for the database `source` runs on. */
export function pick(source: SqlSource, forms: Record<Dialect, string>): string {
  return forms[dialectOf(source)];
}

/** Whether `source` runs on PostgreSQL. */
export const onPostgres = (source: SqlSource) => dialectOf(source) === "postgres";

/**
 * The few expressions whose text differs by dialect, for statements built once per dialect:
 * a stored date's calendar day as `YYYY-MM-DD` text (SQLite keeps Prisma's ISO text, PostgreSQL a
 * timestamp), and a condition or BOOLEAN column as 1/0 for a packed read (PostgreSQL's text of a
 * boolean is "true"/"false").
 */
export const dialectSql: Record<Dialect, { day: (column: string) => string; flag: (condition: string) => string }> = {
  sqlite: { day: (c) => `substr(${c}, 1, 10)`, flag: (c) => c },
  postgres: { day: (c) => `to_char(${c}, 'YYYY-MM-DD')`, flag: (c) => `(${c})::int` },
};

/** A row that did not match its query's schema: a programming error, named after the query. */
export class RowShapeError extends Error {
  constructor(query: string, issues: string) {
    super(`query ${query} returned a row of another shape: ${issues}`);
    this.name = "RowShapeError";
  }
}

function isDriver(source: SqlSource): source is BulkTransaction | Client {
  return typeof (source as BulkTransaction).execute === "function" && !("$connect" in source);
}

/** Runs a defined query and returns its rows, each checked and decoded by the query's row schema. */
export async function rows<Row extends RowSchema>(source: SqlSource, query: Query<Row>, args: InValue[] = []): Promise<z.output<Row>[]> {
  const sql = query.postgres !== undefined && onPostgres(source) ? query.postgres : query.sql;
  const raw = isDriver(source)
    ? ((await source.execute({ sql, args })).rows as unknown as Record<string, unknown>[])
    : await sqlRead(source, sql, args);
  const schema = query.row as z.ZodType<z.output<Row>, z.ZodTypeDef, unknown>;
  const out: z.output<Row>[] = new Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    const parsed = schema.safeParse(raw[i]);
    if (!parsed.success)
      throw new RowShapeError(query.name, parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; "));
    out[i] = parsed.data;
  }
  return out;
}

/** The first row of a defined query, or null. */
export async function firstRow<Row extends RowSchema>(
  source: SqlSource,
  query: Query<Row>,
  args: InValue[] = [],
): Promise<z.output<Row> | null> {
  return (await rows(source, query, args))[0] ?? null;
}

/** Runs a statement that returns no rows (inside `bulkWrite`/`withWriteTurn` pass the transaction or client); returns the rows changed. */
export async function exec(source: BulkTransaction | Client, sql: string, args: InValue[] = []): Promise<number> {
  return (await source.execute({ sql, args })).rowsAffected;
}
