import { createClient, type Client, type Config } from "@libsql/client";
import { PrismaLibSQL } from "@prisma/adapter-libsql";

/** How long a connection waits for another writer before giving up with SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5000;

type AdapterClient = ReturnType<PrismaLibSQL["createClient"]>;

/**
 * The libsql driver adapter on a current @libsql/client. The client the adapter bundles opens a
 * fresh connection after every interactive transaction, and a fresh connection starts with
 * busy_timeout=0, so concurrent writers failed with SQLITE_BUSY. The current client keeps a
 * pool of connections and gives each new one the busy timeout; synchronous=FULL and
 * foreign_keys=ON are its defaults on every connection, read back at start-up and in tests
 * (see `checkDatabaseSettings`).
 */
export class DurableLibSQL extends PrismaLibSQL {
  /** The client Prisma runs on, once it has connected (see `sqliteClient` in db.server.ts). */
  client: Client | null = null;

  createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]): AdapterClient {
    this.client = createClient({ ...(config as Config), timeout: BUSY_TIMEOUT_MS });
    return this.client as unknown as AdapterClient;
  }
}
