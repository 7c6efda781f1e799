import { AsyncLocalStorage } from "node:async_hooks";
import { createClient, type Client, type Config, type Transaction, type TransactionMode } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

/** How long a connection waits for another writer before giving up with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

type AdapterClient = ReturnType<PrismaLibSQL["createClient"]>;

/** The lock whose turn the current async context holds through `holding` (bulkWrite, withWriteTurn). */
const turnHeld = new AsyncLocalStorage<Lock>();

/** Raised when code holding the write turn asks for it again: it would wait for itself for ever. */
export class WriteTurnError extends Error {
  constructor() {
    super(
      "The write turn is already held here: inside bulkWrite, withWriteTurn or readSnapshot's writer use only the handle it gives (no Prisma call, no nested bulkWrite).",
    );
    this.name = "WriteTurnError";
  }
}

/** A first-come, first-served lock: `acquire` resolves to the function that releases it. */
export class Lock {
  #tail: Promise<void> = Promise.resolve();

  /** Runs `fn` as the holder of this lock's turn: any `acquire` from within it throws `WriteTurnError`. */
  holding<T>(fn: () => Promise<T>): Promise<T> {
    return turnHeld.run(this, fn);
  }

  /** Throws `WriteTurnError` when the calling async context holds this lock's turn. */
  assertNotHeld() {
    if (turnHeld.getStore() === this) throw new WriteTurnError();
  }

  acquire(): Promise<() => void> {
    if (turnHeld.getStore() === this) return Promise.reject(new WriteTurnError());
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const ready = this.#tail.then(() => {
      let done = false;
      return () => {
        if (done) return;
        done = true;
        release();
      };
    });
    this.#tail = this.#tail.then(() => held);
    return ready;
  }
}

/**
 * The libsql driver adapter on a current @libsql/client. The client the adapter bundles opens a
 * fresh connection after every interactive transaction, and a fresh connection starts with
 * busy_timeout=0, so concurrent writers failed with SQLITE_BUSY. The current client keeps a
 * pool of connections and gives each new one the busy timeout; synchronous=FULL and
 * foreign_keys=ON are its defaults on every connection, read back at start-up and in tests
 * (see `checkDatabaseSettings`).
 *
 * The driver is synchronous: a connection waiting for the write lock blocks the whole process,
 * so the transaction holding the lock could never finish. Prisma therefore runs one statement
 * or transaction at a time, and the direct SQL of db.server.ts (`bulkWrite`) must take its turn
 * in the same line: every call Prisma makes goes through `lock`, and so does every bulk write.
 */
export class DurableLibSQL extends PrismaLibSQL {
  /** The client under Prisma, once it has connected (see `sqlRead` and `bulkWrite` in db.server.ts). */
  client: Client | null = null;
  readonly lock = new Lock();

  createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]): AdapterClient {
    const client = createClient({ ...(config as Config), timeout: BUSY_TIMEOUT_MS });
    this.client = client;
    return inLine(client, this.lock) as unknown as AdapterClient;
  }

  /** A write transaction that waits its turn behind Prisma's statements and transactions. */
  async writeTransaction(): Promise<Transaction> {
    return lockedTransaction(this.client!, this.lock, "write");
  }
}

async function lockedTransaction(client: Client, lock: Lock, mode: TransactionMode): Promise<Transaction> {
  const release = await lock.acquire();
  let tx: Transaction;
  try {
    tx = await client.transaction(mode);
  } catch (error) {
    release();
    throw error;
  }
  const end =
    <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      try {
        const result = fn.apply(tx, args);
        if (result instanceof Promise) return result.finally(release) as R;
        release();
        return result;
      } catch (error) {
        release();
        throw error;
      }
    };
  return new Proxy(tx, {
    get(target, key, receiver) {
      if (key === "commit" || key === "rollback" || key === "close")
        return end(Reflect.get(target, key, receiver) as (...args: unknown[]) => unknown);
      const value = Reflect.get(target, key, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/**
 * A statement that only reads: Prisma's plain SELECTs outside a transaction. In WAL mode a reader
 * never waits for the writer and never blocks it, so these skip the line; they run on a connection
 * of their own while a transaction holds the client's (the client opens a new one after
 * `transaction()`).
 */
const READ_ONLY = /^\s*SELECT\b/i;

function isRead(stmt: unknown) {
  const sql = typeof stmt === "string" ? stmt : (stmt as { sql?: unknown } | null)?.sql;
  return typeof sql === "string" && READ_ONLY.test(sql) && !/\bRETURNING\b/i.test(sql);
}

/** The client as Prisma sees it: each write statement, batch and transaction waits for the lock; reads do not. */
function inLine(client: Client, lock: Lock): Client {
  const locked =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      const release = await lock.acquire();
      try {
        return await fn.apply(client, args);
      } finally {
        release();
      }
    };
  return new Proxy(client, {
    get(target, key, receiver) {
      if (key === "transaction") return (mode?: TransactionMode) => lockedTransaction(target, lock, mode ?? "write");
      const value = Reflect.get(target, key, receiver);
      if (key === "execute") {
        const run = locked(value as (...args: unknown[]) => Promise<unknown>);
        return (stmt: unknown, ...rest: unknown[]) =>
          isRead(stmt) ? (value as (...args: unknown[]) => Promise<unknown>).call(target, stmt, ...rest) : run(stmt, ...rest);
      }
      if (key === "batch" || key === "executeMultiple" || key === "migrate")
        return locked(value as (...args: unknown[]) => Promise<unknown>);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
