import path from "node:path";
import type { Client, InValue, Transaction } from "@libsql/client";
import { PrismaClient } from "~/generated/prisma/client";
import { DurableLibSQL } from "./sqlite-adapter.server";
import { getEnv } from "./env.server";

export type Db = InstanceType<typeof PrismaClient>;
export type { Transaction as BulkTransaction } from "@libsql/client";

/** Where a client keeps its adapter; a registered symbol, since the server bundle and the app bundle each load this module. */
const ADAPTER = Symbol.for("gehr.sqliteAdapter");

const DATABASE_URL = Symbol.for("gehr.databaseUrl");

export function createPrismaClient(databaseUrl: string): Db {
  const adapter = new DurableLibSQL({ url: databaseUrl });
  const client: Db = new PrismaClient({ adapter });
  Object.defineProperty(client, ADAPTER, { value: adapter });
  Object.defineProperty(client, DATABASE_URL, { value: databaseUrl });
  return keepingTurns(client, adapter);
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
export async function bulkWrite<T>(client: Db, fn: (tx: Transaction) => Promise<T>): Promise<T> {
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
export async function readSnapshot<T>(client: Db, fn: (tx: Transaction) => Promise<T>): Promise<T> {
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
