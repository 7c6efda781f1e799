import { PrismaLibSQL } from "@prisma/adapter-libsql";

/**
 * Per-connection settings. The libsql client opens a fresh connection after every
 * interactive transaction, and a fresh connection starts with busy_timeout=0; so the
 * settings are re-applied to each new connection before it is used.
 */
export const CONNECTION_PRAGMAS = [
  "PRAGMA busy_timeout = 5000",
  "PRAGMA synchronous = FULL",
  "PRAGMA foreign_keys = ON",
] as const;

type Client = ReturnType<PrismaLibSQL["createClient"]>;

function withConnectionPragmas(client: Client): Client {
  let fresh = true;
  const ensure = async () => {
    if (!fresh) return;
    fresh = false;
    for (const pragma of CONNECTION_PRAGMAS) await client.execute(pragma);
  };
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== "function") return value;
      if (prop === "transaction") {
        return async (...args: unknown[]) => {
          await ensure();
          const tx = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          fresh = true; // the client hands this connection to the transaction and opens a new one next
          return tx;
        };
      }
      if (prop === "execute" || prop === "batch" || prop === "executeMultiple" || prop === "migrate") {
        return async (...args: unknown[]) => {
          await ensure();
          return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        };
      }
      return value.bind(target);
    },
  });
}

/** The libsql driver adapter with durable, concurrent-safe connection settings. */
export class DurableLibSQL extends PrismaLibSQL {
  createClient(config: Parameters<PrismaLibSQL["createClient"]>[0]): Client {
    return withConnectionPragmas(super.createClient(config));
  }
}
