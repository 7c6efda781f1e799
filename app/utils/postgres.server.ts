import pg from "pg";

/**
 * PostgreSQL under the same direct-SQL surface as SQLite's driver: `execute({ sql, args })`
 * returning `{ rows, rowsAffected }`, so the helpers of sql.server.ts and packed-rows.server.ts
 * run on either database. Statements keep `?` placeholders (numbered here); where the two
 * dialects differ, a capability's queries file holds both forms (`pick` in sql.server.ts).
 *
 * Values come back as SQLite's driver gives them, so one row schema reads both: counts and other
 * 64-bit integers as numbers (bigint past 2^53), exact decimals (SUM of integers) likewise,
 * timestamps as ISO text read by `readDate`, booleans as booleans.
 */

export type PgStatement = { sql: string; args?: unknown[] };
export type PgResult = { rows: Record<string, unknown>[]; rowsAffected: number };

/** What runs statements: the pool, or one connection inside a transaction. */
export type PgExecutor = { readonly dialect: "postgres"; execute(stmt: PgStatement | string): Promise<PgResult> };

const integer = (text: string) => {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : BigInt(text);
};
const decimal = (text: string) => (/^-?\d+$/.test(text) ? integer(text) : Number(text));
/** timestamp(3) without time zone holds UTC (as Prisma writes it): read as ISO text. */
const utcTimestamp = (text: string) => `${text.replace(" ", "T")}Z`;
const timestampTz = (text: string) => new Date(text).toISOString();

const PARSERS: Record<number, (text: string) => unknown> = {
  20: integer, // int8: count(*), sum()
  1700: decimal, // numeric: sum() of int8
  1114: utcTimestamp,
  1184: timestampTz,
};
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    (format ?? "text") === "text" && PARSERS[oid]
      ? PARSERS[oid]
      : pg.types.getTypeParser(oid, format as "text")) as typeof pg.types.getTypeParser,
};

/**
 * `?` placeholders numbered `$1, $2, …` (none inside quoted text or identifiers). Cached: a
 * statement is numbered once.
 */
const numbered = new Map<string, string>();
export function numberPlaceholders(sql: string): string {
  let out = numbered.get(sql);
  if (out !== undefined) return out;
  let n = 0;
  let quote: string | null = null;
  out = "";
  for (const ch of sql) {
    if (quote) {
      if (ch === quote) quote = null;
      out += ch;
    } else if (ch === "'" || ch === '"') {
      quote = ch;
      out += ch;
    } else out += ch === "?" ? `$${++n}` : ch;
  }
  if (numbered.size < 5000) numbered.set(sql, out);
  return out;
}

/** Arguments as pg sends them: bigint as text, booleans and null as they are. */
function argsOf(args: unknown[] | undefined) {
  return (args ?? []).map((a) => (typeof a === "bigint" ? a.toString() : a));
}

type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

export function pgExecutor(target: Queryable): PgExecutor {
  return {
    dialect: "postgres",
    async execute(stmt) {
      const { sql, args } = typeof stmt === "string" ? { sql: stmt, args: [] } : stmt;
      const result = await target.query({ text: numberPlaceholders(sql), values: argsOf(args), types });
      return { rows: result.rows as Record<string, unknown>[], rowsAffected: result.rowCount ?? 0 };
    },
  };
}

export const isPostgresUrl = (url: string) => /^postgres(ql)?:\/\//.test(url);

export function createPool(url: string) {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection's error (the server restarted) must not end the process; the next query reconnects.
  pool.on("error", () => {});
  return pool;
}

/**
 * Runs `fn` in one transaction on one connection: committed when it resolves, rolled back when
 * it throws. `snapshot` makes it a read-only transaction on one snapshot (REPEATABLE READ).
 */
export async function pgTransaction<T>(
  pool: pg.Pool,
  fn: (tx: PgExecutor) => Promise<T>,
  options: { snapshot?: boolean } = {},
): Promise<T> {
  const connection = await pool.connect();
  try {
    await connection.query(options.snapshot ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
    const result = await fn(pgExecutor(connection));
    await connection.query("COMMIT");
    return result;
  } catch (error) {
    await connection.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    connection.release();
  }
}
