import type { InValue } from "@libsql/client";
import { sqlRead, type BulkTransaction, type Db } from "./db.server";

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

/** A packed read as a queries file names it: its columns, its FROM clause onwards, and its parameters. */
export type PackedRead = { columns: PackedColumns; from: string; params: InValue[] };

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
  const { select, orderBy } = Array.isArray(columns) ? { select: columns, orderBy: undefined } : columns;
  const line = select.map((c) => `ifnull(${c}, '')`).join(" || char(31) || ");
  const packed = await packedText(
    db,
    `SELECT group_concat(${line}, char(30)${orderBy ? ` ORDER BY ${orderBy}` : ""}) AS "packed" ${rest}`,
    params,
  );
  if (packed) unpack(packed, select.length, visit);
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
