import type { InValue } from "@libsql/client";
import { dialectOf, sqlRead, type BulkTransaction, type Db, type Dialect } from "./db.server";

const FIELD = "\x1f";
const RECORD = "\x1e";

/** Where packed reads run: the Prisma client, or a direct transaction (`readSnapshot`, `bulkWrite`). */
type Source = Db | BulkTransaction;

/**
 * The columns of a packed read: SQL expressions, and the order of the rows when it matters.
 * The order goes inside the aggregate (`group_concat(... ORDER BY ...)`): an ORDER BY after
 * FROM would sort the one result row, not what is packed.
 */
export type PackedColumns = string[] | { select: string[]; orderBy: string };

/**
 * A packed read as a queries file names it: its columns, its FROM clause onwards, and its
 * parameters; `postgres` holds what differs on PostgreSQL (the same parameters, in the same order).
 */
export type PackedRead = { columns: PackedColumns; from: string; params: InValue[]; postgres?: { columns?: PackedColumns; from?: string } };

/** A named packed read's rows (its PostgreSQL form on PostgreSQL). */
export function readPacked(db: Source, read: PackedRead): Promise<string[][]> {
  const form = formOf(db, read);
  return packedRows(db, form.columns, form.from, ...read.params);
}

/** A named packed read, one row at a time (see `eachPackedRow`). */
export function eachPacked(db: Source, read: PackedRead, visit: (row: string[]) => void): Promise<void> {
  const form = formOf(db, read);
  return eachPackedRow(db, form.columns, form.from, visit, ...read.params);
}

function formOf(db: Source, read: PackedRead) {
  if (!read.postgres || dialectOf(db) !== "postgres") return read;
  return { columns: read.postgres.columns ?? read.columns, from: read.postgres.from ?? read.from };
}

/**
 * Reads many rows as one text that SQLite builds (group_concat), split here. Reading 100,000
 * rows one object at a time costs seconds in the driver; one string costs a few hundred
 * milliseconds. Only for values that cannot hold the ASCII unit and record separators (ids,
 * codes, paths, numbers), never free text. NULL comes back as "".
 *
 * `rest` is the FROM clause onwards.
 */
export async function packedRows(db: Source, columns: PackedColumns, rest: string, ...params: unknown[]): Promise<string[][]> {
  const rows: string[][] = [];
  await eachPackedRow(db, columns, rest, (row) => rows.push([...row]), ...params);
  return rows;
}

/**
 * `packedRows` one row at a time, without keeping them: `visit` gets the same array each time,
 * refilled (copy what must outlive the call). For reads whose rows are folded at once.
 */
export async function eachPackedRow(
  db: Source,
  columns: PackedColumns,
  rest: string,
  visit: (row: string[]) => void,
  ...params: unknown[]
): Promise<void> {
  const packed = await packedText(db, packingSql(dialectOf(db), columns, rest), params);
  if (packed) unpack(packed, (Array.isArray(columns) ? columns : columns.select).length, visit);
}

/**
 * The packing statement: SQLite's group_concat or PostgreSQL's string_agg of each row's fields
 * as text (NULL as ""). Booleans are packed as 1/0 on both (PostgreSQL's text of a boolean is
 * "true"/"false"): a column that is one says so with `::int` in its PostgreSQL form.
 */
export function packingSql(dialect: Dialect, columns: PackedColumns, rest: string): string {
  const { select, orderBy } = Array.isArray(columns) ? { select: columns, orderBy: undefined } : columns;
  if (dialect === "postgres") {
    const line = select.map((c) => `coalesce((${c})::text, '')`).join(" || chr(31) || ");
    return `SELECT string_agg(${line}, chr(30)${orderBy ? ` ORDER BY ${orderBy}` : ""}) AS "packed" ${rest}`;
  }
  const line = select.map((c) => `ifnull(${c}, '')`).join(" || char(31) || ");
  return `SELECT group_concat(${line}, char(30)${orderBy ? ` ORDER BY ${orderBy}` : ""}) AS "packed" ${rest}`;
}

/** The one text a packing query returns (null when it found no rows). */
async function packedText(db: Source, sql: string, params: unknown[]): Promise<string | null> {
  if ("execute" in db) return ((await db.execute({ sql, args: params as InValue[] })).rows[0]?.packed as string | null | undefined) ?? null;
  const [row] = await sqlRead<{ packed: string | null }>(db, sql, params as InValue[]);
  return row?.packed ?? null;
}

/**
 * Splits packed text into rows of `width` fields (indexOf and slice: half the cost of `split`
 * twice), handed to `visit` in one reused array.
 */
export function unpack(packed: string, width: number, visit: (row: string[]) => void): void {
  const row = new Array<string>(width);
  const end = packed.length;
  let at = 0;
  while (at <= end) {
    for (let c = 0; c < width - 1; c++) {
      const next = packed.indexOf(FIELD, at);
      if (next < 0) throw new Error("packed rows: a row has fewer fields than columns (a value held a separator)");
      row[c] = packed.slice(at, next);
      at = next + 1;
    }
    let next = packed.indexOf(RECORD, at);
    if (next < 0) next = end;
    row[width - 1] = packed.slice(at, next);
    visit(row);
    at = next + 1;
  }
}
