import path from "node:path";
import type { Client, InValue } from "@libsql/client";
import { PrismaPg } from "@prisma/adapter-pg";
import type pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PgPrismaClient } from "~/generated/prisma-pg/client";
import { createPool, isPostgresUrl, pgExecutor, pgTransaction, type PgExecutor } from "./postgres.server";
import { DurableLibSQL } from "./sqlite-adapter.server";
import { getEnv } from "./env.server";

/**
 * The Prisma client, on SQLite (the embedded default) or PostgreSQL (`DATABASE_URL=postgres://…`).
 * One set of models: the PostgreSQL client is generated from the derived schema
 * (scripts/pg-schema.ts), so both have the same shape and this one type serves both.
 */
export type Db = InstanceType<typeof PrismaClient>;

export type Dialect = "sqlite" | "postgres";

/** The rows a direct statement returns and how many it changed, as both drivers give them. */
export type SqlResult = { rows: Record<string, unknown>[]; rowsAffected: number };

/**
 * Where direct SQL runs inside `bulkWrite` or `readSnapshot`: SQLite's transaction, or a
 * PostgreSQL connection in a transaction. Statements use `?` placeholders on both; see
 * `dialectOf` for the few that differ.
 */
export interface BulkTransaction {
  execute(stmt: { sql: string; args?: InValue[] } | string): Promise<SqlResult>;
}

/** Where a client keeps its adapter; a registered symbol, since the server bundle and the app bundle each load this module. */
const ADAPTER = Symbol.for("gehr.sqliteAdapter");

const DATABASE_URL = Symbol.for("gehr.databaseUrl");

/** Where a PostgreSQL client keeps its pool (the same connections Prisma uses). */
const PG_POOL = Symbol.for("gehr.pgPool");

export function createPrismaClient(databaseUrl: string): Db {
  if (isPostgresUrl(databaseUrl)) return createPgClient(databaseUrl);
  const adapter = new DurableLibSQL({ url: databaseUrl });
  const client: Db = new PrismaClient({ adapter });
  Object.defineProperty(client, ADAPTER, { value: adapter });
  Object.defineProperty(client, DATABASE_URL, { value: databaseUrl });
  return keepingTurns(client, adapter);
}

/**
 * PostgreSQL: no write turn in the process (the server orders concurrent writers, across
 * processes too), and direct SQL on the pool Prisma uses.
 */
function createPgClient(databaseUrl: string): Db {
  const pool = createPool(databaseUrl);
  const client = new PgPrismaClient({ adapter: new PrismaPg(pool) }) as unknown as Db;
  Object.defineProperty(client, PG_POOL, { value: pool });
  Object.defineProperty(client, DATABASE_URL, { value: databaseUrl });
  return client;
}

function poolOf(client: Db): pg.Pool | undefined {
  return (client as unknown as Record<symbol, pg.Pool | undefined>)[PG_POOL];
}

/** Which database a client, or a handle from `bulkWrite`/`readSnapshot`/`withWriteTurn`, runs on. */
export function dialectOf(source: object): Dialect {
  if ((source as Partial<PgExecutor>).dialect === "postgres") return "postgres";
  return poolOf(source as Db) ? "postgres" : "sqlite";
}

/**
 * The lock contract, checked where a call is made: a Prisma call from code that holds the write
 * turn (inside `bulkWrite` or `withWriteTurn`) would wait for itself, so it throws `WriteTurnError`;
 * and code inside a Prisma interactive transaction holds the turn, so a `bulkWrite` there throws too.
 * Checked at the call, in the caller's async context: Prisma's engine runs queries in its own.
 */
function keepingTurns(client: Db, adapter: DurableLibSQL): Db {
  const guard =
    (fn: (...args: unknown[]) => unknown, self: object) =>
    (...args: unknown[]) => {
      adapter.lock.assertNotHeld();
      return fn.apply(self, args);
    };
  const delegates = new Map<PropertyKey, unknown>();
  const guardedDelegate = (key: PropertyKey, delegate: object) => {
    let proxy = delegates.get(key);
    if (!proxy) {
      proxy = new Proxy(delegate, {
        get(target, name) {
          const value = Reflect.get(target, name, target);
          return typeof value === "function" ? guard(value as (...args: unknown[]) => unknown, target) : value;
        },
      });
      delegates.set(key, proxy);
    }
    return proxy;
  };
  return new Proxy(client, {
    get(target, key) {
      const value = Reflect.get(target, key, target);
      if (key === "$transaction") {
        return (arg: unknown, ...rest: unknown[]) => {
          adapter.lock.assertNotHeld();
          const run = value as (...args: unknown[]) => unknown;
          if (typeof arg !== "function") return run.call(target, arg, ...rest);
          return run.call(target, (tx: unknown) => adapter.lock.holding(() => (arg as (tx: unknown) => Promise<unknown>)(tx)), ...rest);
        };
      }
      if (typeof value === "function")
        return typeof key === "string" && key.startsWith("$") && /Raw/.test(key)
          ? guard(value as (...args: unknown[]) => unknown, target)
          : value.bind(target);
      if (typeof key === "string" && !key.startsWith("$") && !key.startsWith("_") && value && typeof value === "object")
        return guardedDelegate(key, value);
      return value;
    },
  });
}

/** The WAL file of a client's database, or null when it is not a plain file path. */
export function walPathOf(client: Db) {
  if (poolOf(client)) return null;
  const url = (client as unknown as Record<symbol, string | undefined>)[DATABASE_URL];
  return url?.startsWith("file:") ? `${path.resolve(url.slice("file:".length))}-wal` : null;
}

async function adapterOf(client: Db) {
  const adapter = (client as unknown as Record<symbol, DurableLibSQL | undefined>)[ADAPTER];
  if (!adapter) throw new Error("direct SQL needs a client made by createPrismaClient");
  if (!adapter.client) await client.$connect();
  return adapter;
}

/**
 * Direct SQL on the SQLite client under a Prisma client (same connection pool, busy timeout and
 * pragmas), for the few paths where Prisma's own cost dominates: a query with nested relations
 * costs milliseconds in Prisma and a tenth of one here. Used on every request (the session) and
 * on the hottest writes (survey answers, pay-run lines); everything else goes through Prisma.
 * Dates come back as the text Prisma stored (`readDate`) and are written with `sqliteDate`.
 */
export async function sqlRead<T extends Record<string, unknown>>(client: Db, sql: string, args: InValue[] = []): Promise<T[]> {
  const pool = poolOf(client);
  if (pool) return (await pgExecutor(pool).execute({ sql, args })).rows as T[];
  // Reads need no turn: in WAL mode a reader never waits for the writer.
  const result = await (await adapterOf(client)).client!.execute({ sql, args });
  return result.rows as unknown as T[];
}

/**
 * A write transaction for `sqlRead`'s paths, taken in turn with Prisma's (see DurableLibSQL):
 * committed when `fn` resolves, rolled back when it throws. Inside `fn` use only `tx`: a Prisma
 * call there would wait for the turn `fn` holds, so it throws `WriteTurnError` instead, and so does
 * a nested `bulkWrite` or one started inside a Prisma interactive transaction.
 */
export async function bulkWrite<T>(client: Db, fn: (tx: BulkTransaction) => Promise<T>): Promise<T> {
  const pool = poolOf(client);
  if (pool) return pgTransaction(pool, fn);
  const adapter = await adapterOf(client);
  const tx = await adapter.writeTransaction();
  try {
    const result = await adapter.lock.holding(() => fn(tx));
    await tx.commit();
    return result;
  } finally {
    tx.close();
  }
}

/**
 * Reads on one snapshot of the database: every statement of `fn` sees it as of the first one
 * (a read transaction in WAL mode waits for no writer). For reads that must agree with each
 * other row by row. Inside `fn` use only `tx`.
 */
export async function readSnapshot<T>(client: Db, fn: (tx: BulkTransaction) => Promise<T>): Promise<T> {
  const pool = poolOf(client);
  if (pool) return pgTransaction(pool, fn, { snapshot: true });
  const tx = await (await adapterOf(client)).client!.transaction("read");
  try {
    return await fn(tx);
  } finally {
    tx.close();
  }
}

/**
 * Runs `fn` on the raw SQLite client while holding the write turn (see DurableLibSQL): no
 * Prisma statement and no `bulkWrite` runs in between. For writes that also checkpoint the WAL
 * (`app/utils/anonymous-writes.server.ts`). Inside `fn` use only the client it is given (a Prisma
 * call there throws `WriteTurnError`).
 */
export async function withWriteTurn<T>(client: Db, fn: (sql: Client) => Promise<T>): Promise<T> {
  const pool = poolOf(client);
  // PostgreSQL has no turn to take: `fn` gets the pool (statements outside any transaction).
  if (pool) return fn(pgExecutor(pool) as unknown as Client);
  const adapter = await adapterOf(client);
  const release = await adapter.lock.acquire();
  try {
    return await adapter.lock.holding(() => fn(adapter.client!));
  } finally {
    release();
  }
}

/** A date as Prisma's SQLite adapter stores it, for rows written by `bulkWrite`. */
export const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

/** A stored date read by `sqlRead`: Prisma's ISO text, SQLite's CURRENT_TIMESTAMP text (UTC) or epoch milliseconds. */
export function readDate(value: unknown): Date {
  if (typeof value === "number" || typeof value === "bigint") return new Date(Number(value));
  const text = String(value);
  return new Date(/[T]/.test(text) ? text : `${text.replace(" ", "T")}Z`);
}

const globalForDb = globalThis as unknown as { __db?: Db };

/** The one Prisma client, created once and reused across development reloads. */
export const db: Db = (globalForDb.__db ??= createPrismaClient(getEnv().DATABASE_URL));

/** Sets WAL mode (kept in the file) and reads every durability setting back; throws if one did not take. */
export async function checkDatabaseSettings(client: Db = db) {
  if (poolOf(client)) return checkPostgresSettings(client);
  await client.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await client.$executeRawUnsafe("PRAGMA synchronous = FULL");
  await client.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  const read = async (name: string) => {
    const rows = await client.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
    return Object.values(rows[0] ?? {})[0];
  };
  const settings = {
    journal_mode: String(await read("journal_mode")),
    synchronous: Number(await read("synchronous")),
    busy_timeout: Number(await read("busy_timeout")),
    foreign_keys: Number(await read("foreign_keys")),
  };
  const ok = settings.journal_mode === "wal" && settings.synchronous === 2 && settings.busy_timeout >= 5000 && settings.foreign_keys === 1;
  if (!ok) throw new Error(`SQLite settings did not take: ${JSON.stringify(settings)}`);
  return settings;
}

/** PostgreSQL's durability settings, read back: every commit waits for its WAL on disk. */
async function checkPostgresSettings(client: Db) {
  const [row] = await sqlRead<{ fsync: string; synchronous_commit: string }>(
    client,
    `SELECT current_setting('fsync') AS "fsync", current_setting('synchronous_commit') AS "synchronous_commit"`,
  );
  return { fsync: row.fsync, synchronous_commit: row.synchronous_commit };
}
