import type { InValue } from "@libsql/client";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { bulkWrite, dialectOf, walPathOf, withWriteTurn, type BulkTransaction, type Db } from "./db.server";
import { BUSY_TIMEOUT_MS } from "./sqlite-adapter.server";

/**
 * Writes that must never be linkable to a person: anonymous survey answers and anonymous
 * suggestions. Three things keep a copy of the database files from pairing them with anyone:
 *
 * - **Group commit.** Writes that arrive while one is under way are written together in one
 *   transaction, in random order. Under load a commit holds many people's answers.
 * - **The WAL holds no history around them.** Right before the transaction the WAL is
 *   checkpointed and truncated, so no earlier (named) write sits in it before the anonymous one;
 *   right after, it is truncated again, so no later write follows it. All three steps run in
 *   one write turn of the app's client: nothing else is written in between. A copy of the files
 *   taken at any moment holds, in its WAL, either named writes or one batch of anonymous writes,
 *   never both.
 * - **secure_delete** on the connection, so a page freed or rewritten keeps no old bytes.
 *
 * The batch runs on a writer thread with its own connection to the same file, while the main
 * thread holds the write turn for it: the driver is synchronous, and the commit and the two
 * checkpoints (each a sync to disk) would otherwise stop every other request for their
 * duration. A write is a plan of statements (data, not code, so that it can cross to the
 * thread); each runs under a savepoint, and a plan whose step does not change the rows it
 * expects is rolled back alone and answered as refused.
 *
 * A checkpoint cannot finish while a reader holds an older snapshot; it is then tried again
 * shortly, and the acknowledged write is durable all the same (committed with synchronous=FULL).
 */

/** One statement of a write plan. */
export type WriteStep = {
  sql: string;
  /** The statement's PostgreSQL form, where the dialects differ. */
  postgres?: string;
  args?: InValue[];
  /** The plan is refused (rolled back alone) unless this statement changes exactly this many rows. */
  changes?: number;
  /** The plan is refused when this statement (a SELECT) returns a row. */
  noRows?: boolean;
};

/** What a plan came to: stored, with each step's changed rows, or refused at a step. */
export type WriteOutcome = { ok: true; changes: number[] } | { ok: false; refusedAt: number };

type Job = { plan: WriteStep[]; resolve: (value: WriteOutcome) => void; reject: (error: unknown) => void };
type Reply = { id: number; outcomes?: ({ outcome: WriteOutcome } | { error: string })[]; checkpointed?: boolean; error?: string };

const MAX_BATCH = 500;
/** How long a write waits for others to join its batch when none is under way. */
const GATHER_MS = 2;
const RETRY_MS = 100;
const MAX_RETRIES = 100;

/**
 * The writer thread: plain JavaScript (evaluated, so that it needs no build step of its own),
 * one connection, one message per batch. `truncate`: checkpoint and truncate the WAL before
 * (when it holds anything) and after the transaction.
 */
const WRITER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const fs = require("node:fs");
const ready = import(workerData.clientUrl).then(async ({ createClient }) => {
  const sql = createClient({ url: workerData.url, timeout: workerData.busyTimeoutMs });
  await sql.execute("PRAGMA synchronous = FULL");
  await sql.execute("PRAGMA foreign_keys = ON");
  await sql.execute("PRAGMA secure_delete = ON");
  return sql;
});
const walBytes = () => { try { return fs.statSync(workerData.walPath).size; } catch { return 0; } };
const checkpoint = async (sql) => Number((await sql.execute("PRAGMA wal_checkpoint(TRUNCATE)")).rows[0][0]) === 0;
async function runPlan(tx, plan) {
  const changes = [];
  for (let i = 0; i < plan.length; i++) {
    const step = plan[i];
    const result = await tx.execute({ sql: step.sql, args: step.args || [] });
    if (step.noRows && result.rows.length > 0) return { ok: false, refusedAt: i };
    if (step.changes !== undefined && result.rowsAffected !== step.changes) return { ok: false, refusedAt: i };
    changes.push(result.rowsAffected);
  }
  return { ok: true, changes };
}
parentPort.on("message", async (message) => {
  try {
    const sql = await ready;
    if (message.checkpointOnly) return parentPort.postMessage({ id: message.id, checkpointed: await checkpoint(sql) });
    if (message.truncate && walBytes() > 0) await checkpoint(sql);
    const tx = await sql.transaction("write");
    const outcomes = [];
    try {
      for (const plan of message.batch) {
        await tx.execute("SAVEPOINT anonymous_write");
        try {
          const outcome = await runPlan(tx, plan);
          await tx.execute(outcome.ok ? "RELEASE anonymous_write" : "ROLLBACK TO anonymous_write");
          if (!outcome.ok) await tx.execute("RELEASE anonymous_write");
          outcomes.push({ outcome });
        } catch (error) {
          await tx.execute("ROLLBACK TO anonymous_write");
          await tx.execute("RELEASE anonymous_write");
          outcomes.push({ error: String(error && error.message || error) });
        }
      }
      await tx.commit();
    } finally {
      tx.close();
    }
    const checkpointed = message.truncate ? await checkpoint(sql) : true;
    parentPort.postMessage({ id: message.id, outcomes, checkpointed });
  } catch (error) {
    parentPort.postMessage({ id: message.id, error: String(error && error.message || error) });
  }
});
`;

const require = createRequire(import.meta.url);

/** The writer thread of one database file, started on first use; it does not keep the process alive. */
class WriterThread {
  #worker: Worker | null = null;
  #next = 1;
  #pending = new Map<number, { resolve: (reply: Reply) => void; reject: (error: unknown) => void }>();

  constructor(
    private readonly url: string,
    private readonly walPath: string,
  ) {}

  send(message: { batch?: WriteStep[][]; truncate?: boolean; checkpointOnly?: boolean }): Promise<Reply> {
    const worker = this.#start();
    const id = this.#next++;
    return new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, ...message });
    });
  }

  #start() {
    if (this.#worker) return this.#worker;
    const worker = new Worker(WRITER_SOURCE, {
      eval: true,
      workerData: {
        clientUrl: pathToFileURL(require.resolve("@libsql/client")).href,
        url: this.url,
        walPath: this.walPath,
        busyTimeoutMs: BUSY_TIMEOUT_MS,
      },
    });
    worker.unref();
    worker.on("message", (reply: Reply) => {
      const waiting = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      waiting?.resolve(reply);
    });
    const fail = (error: unknown) => {
      if (this.#worker === worker) this.#worker = null;
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the anonymous writer stopped (${code})`)));
    this.#worker = worker;
    return worker;
  }
}

/**
 * PostgreSQL's runner of a batch: the same plans, savepoints and refusals in one transaction on
 * the pool. There is no WAL to truncate from here (the server's WAL and its archives are the
 * operator's; the README says what they hold), so every batch reports itself checkpointed.
 */
class PgBatchRunner {
  constructor(private readonly db: Db) {}

  async send(message: { batch?: WriteStep[][]; truncate?: boolean; checkpointOnly?: boolean }): Promise<Reply> {
    if (message.checkpointOnly) return { id: 0, checkpointed: true };
    const outcomes = await bulkWrite(this.db, async (tx) => {
      const out: NonNullable<Reply["outcomes"]> = [];
      for (const plan of message.batch ?? []) {
        await tx.execute("SAVEPOINT anonymous_write");
        try {
          const outcome = await runPlan(tx, plan);
          await tx.execute(outcome.ok ? "RELEASE SAVEPOINT anonymous_write" : "ROLLBACK TO SAVEPOINT anonymous_write");
          out.push({ outcome });
        } catch (error) {
          await tx.execute("ROLLBACK TO SAVEPOINT anonymous_write");
          out.push({ error: String((error as Error)?.message ?? error) });
        }
      }
      return out;
    });
    return { id: 0, outcomes, checkpointed: true };
  }
}

async function runPlan(tx: BulkTransaction, plan: WriteStep[]): Promise<WriteOutcome> {
  const changes: number[] = [];
  for (let i = 0; i < plan.length; i++) {
    const step = plan[i];
    const result = await tx.execute({ sql: step.postgres ?? step.sql, args: step.args ?? [] });
    if (step.noRows && result.rows.length > 0) return { ok: false, refusedAt: i };
    if (step.changes !== undefined && result.rowsAffected !== step.changes) return { ok: false, refusedAt: i };
    changes.push(result.rowsAffected);
  }
  return { ok: true, changes };
}

class AnonymousWriter {
  #queue: Job[] = [];
  #draining = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #retries = 0;
  readonly thread: Pick<WriterThread, "send">;

  constructor(
    private readonly db: Db,
    walPath: string | null,
    url: string,
    /** false for plain group commit (named writes that only need batching, such as tokens taken). */
    private readonly truncateWal = true,
  ) {
    this.thread = walPath ? new WriterThread(url, walPath) : new PgBatchRunner(db);
  }

  write(plan: WriteStep[]): Promise<WriteOutcome> {
    return new Promise<WriteOutcome>((resolve, reject) => {
      this.#queue.push({ plan, resolve, reject });
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
        try {
          // The main thread holds the write turn while the thread writes: nothing else is written in between.
          const reply = await withWriteTurn(this.db, () =>
            this.thread.send({ batch: batch.map((j) => j.plan), truncate: this.truncateWal }),
          );
          if (reply.error || !reply.outcomes) throw new Error(reply.error ?? "no reply from the anonymous writer");
          if (!reply.checkpointed) this.#scheduleRetry();
          reply.outcomes.forEach((o, i) => ("outcome" in o ? batch[i].resolve(o.outcome) : batch[i].reject(new Error(o.error))));
        } catch (error) {
          for (const job of batch) job.reject(error);
        }
      }
    } finally {
      this.#draining = false;
    }
  }

  /** Checkpoints and truncates the WAL in a write turn of its own; true when it finished. */
  async checkpoint() {
    const reply = await withWriteTurn(this.db, () => this.thread.send({ checkpointOnly: true }));
    if (reply.error) throw new Error(reply.error);
    return reply.checkpointed === true;
  }

  #scheduleRetry() {
    if (this.#retryTimer) return;
    this.#retries = 0;
    const attempt = () => {
      this.#retryTimer = setTimeout(async () => {
        const done = await this.checkpoint().catch(() => false);
        this.#retryTimer = null;
        if (!done && ++this.#retries < MAX_RETRIES) attempt();
      }, RETRY_MS);
      this.#retryTimer.unref();
    };
    attempt();
  }
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

function writerOf(db: Db, map: WeakMap<Db, AnonymousWriter>, truncate: boolean) {
  let writer = map.get(db);
  if (!writer && dialectOf(db) === "postgres") map.set(db, (writer = new AnonymousWriter(db, null, "", truncate)));
  if (!writer) {
    const walPath = walPathOf(db);
    if (!walPath) throw new Error("anonymous writes need a database file");
    map.set(db, (writer = new AnonymousWriter(db, walPath, `file:${walPath.slice(0, -"-wal".length)}`, truncate)));
  }
  return writer;
}

/**
 * Group commit without the WAL truncations, for frequent small named writes (a response token
 * taken): writes arriving together share one transaction and one sync to disk. Resolves once committed.
 */
export function groupWrite(db: Db, plan: WriteStep[]): Promise<WriteOutcome> {
  return writerOf(db, groupWriters, false).write(plan);
}

/** Runs an anonymous write (see above); resolves once it is committed and the WAL truncated. */
export function anonymousWrite(db: Db, plan: WriteStep[]): Promise<WriteOutcome> {
  return writerOf(db, writers, true).write(plan);
}

/**
 * Background work: checkpoints and truncates the WAL in a write turn of its own, for a
 * truncation after an anonymous batch that gave up its retries (a reader held an old snapshot
 * too long). True when the WAL is empty afterwards.
 */
export function checkpointWal(db: Db) {
  return writerOf(db, writers, true).checkpoint();
}
