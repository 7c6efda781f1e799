import type { Client, Transaction } from "@libsql/client";
import fs from "node:fs";
import { walPathOf, withWriteTurn, type Db } from "./db.server";

/**
 * Writes that must never be linkable to a person: anonymous survey answers and anonymous
 * suggestions. Three things keep a copy of the database files from pairing them with anyone:
 *
 * - **Group commit.** Writes that arrive while one is under way are written together in one
 *   transaction, in random order. Under load a commit holds many people's answers.
 * - **The WAL holds no history around them.** Right before the transaction the WAL is
 *   checkpointed and truncated, so no earlier (named) write sits in it before the anonymous one;
 *   right after, it is truncated again, so no later write follows it. All three steps run in
 *   one write turn: nothing else is written in between. A copy of the files taken at any moment
 *   holds, in its WAL, either named writes or one batch of anonymous writes, never both.
 * - **secure_delete** on the connection, so a page freed or rewritten keeps no old bytes.
 *
 * A checkpoint cannot finish while a reader holds an older snapshot; it is then tried again
 * shortly (`pendingCheckpoint`), and the acknowledged write is durable all the same.
 * Each write runs under a savepoint: one that throws is rolled back alone and rejects alone.
 */
type Job = { write: (tx: Transaction) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };

const MAX_BATCH = 500;
/** How long a write waits for others to join its batch when none is under way. */
const GATHER_MS = 2;
const RETRY_MS = 100;
const MAX_RETRIES = 100;

class AnonymousWriter {
  #queue: Job[] = [];
  #draining = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #retries = 0;

  constructor(
    private readonly db: Db,
    private readonly walPath: string | null,
    /** false for plain group commit (named writes that only need batching, such as tokens taken). */
    private readonly truncateWal = true,
  ) {}

  write<T>(write: (tx: Transaction) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#queue.push({ write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.#draining) {
        this.#draining = true;
        setTimeout(() => void this.#drain(), GATHER_MS);
      }
    });
  }

  async #drain() {
    this.#draining = true;
    try {
      while (this.#queue.length > 0) {
        const batch = shuffle(this.#queue.splice(0, MAX_BATCH));
        const outcomes = await this.#commit(batch).catch((error: unknown) => batch.map(() => ({ error })));
        outcomes.forEach((outcome, i) => ("error" in outcome ? batch[i].reject(outcome.error) : batch[i].resolve(outcome.value)));
      }
    } finally {
      this.#draining = false;
    }
  }

  async #commit(batch: Job[]) {
    return withWriteTurn(this.db, async (sql) => {
      // Named writes since the last truncation are moved out of the WAL first (nothing to do when it is empty).
      if (this.truncateWal && walBytes(this.walPath) > 0) await checkpoint(sql);
      const tx = await sql.transaction("write");
      const outcomes: ({ value: unknown } | { error: unknown })[] = [];
      try {
        await tx.execute("PRAGMA secure_delete = ON");
        for (const job of batch) {
          await tx.execute("SAVEPOINT anonymous_write");
          try {
            outcomes.push({ value: await job.write(tx) });
            await tx.execute("RELEASE anonymous_write");
          } catch (error) {
            await tx.execute("ROLLBACK TO anonymous_write");
            await tx.execute("RELEASE anonymous_write");
            outcomes.push({ error });
          }
        }
        await tx.commit();
      } finally {
        tx.close();
      }
      if (this.truncateWal && !(await checkpoint(sql))) this.#scheduleRetry();
      return outcomes;
    });
  }

  #scheduleRetry() {
    if (this.#retryTimer) return;
    this.#retries = 0;
    const attempt = () => {
      this.#retryTimer = setTimeout(async () => {
        const done = await withWriteTurn(this.db, checkpoint).catch(() => false);
        this.#retryTimer = null;
        if (!done && ++this.#retries < MAX_RETRIES) attempt();
      }, RETRY_MS);
      this.#retryTimer.unref();
    };
    attempt();
  }
}

function walBytes(walPath: string | null) {
  if (!walPath) return 1; // unknown: always checkpoint
  try {
    return fs.statSync(walPath).size;
  } catch {
    return 0; // no WAL file: nothing in it
  }
}

/** Checkpoints the WAL into the database file and truncates it; false when a reader kept it from finishing. */
async function checkpoint(sql: Client) {
  const result = await sql.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  return Number(result.rows[0]?.[0] ?? 0) === 0;
}

function shuffle<T>(items: T[]) {
  for (let i = items.length - 1; i > 0; i--) {
    const j = crypto.getRandomValues(new Uint32Array(1))[0] % (i + 1);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

const writers = new WeakMap<Db, AnonymousWriter>();
const groupWriters = new WeakMap<Db, AnonymousWriter>();

function writerFor(db: Db) {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new AnonymousWriter(db, walPathOf(db))));
  return writer;
}

/**
 * Group commit without the WAL truncations, for frequent small named writes (a response token
 * taken): writes arriving together share one transaction and one sync to disk. Resolves once committed.
 */
export function groupWrite<T>(db: Db, write: (tx: Transaction) => Promise<T>): Promise<T> {
  let writer = groupWriters.get(db);
  if (!writer) groupWriters.set(db, (writer = new AnonymousWriter(db, walPathOf(db), false)));
  return writer.write(write);
}

/** Runs an anonymous write (see above); resolves once it is committed and the WAL truncated. */
export function anonymousWrite<T>(db: Db, write: (tx: Transaction) => Promise<T>): Promise<T> {
  return writerFor(db).write(write);
}

/**
 * Background work: checkpoints and truncates the WAL in a write turn of its own, for a
 * truncation after an anonymous batch that gave up its retries (a reader held an old snapshot
 * too long). True when the WAL is empty afterwards.
 */
export function checkpointWal(db: Db) {
  return withWriteTurn(db, checkpoint);
}
