import { PrismaClient } from "~/generated/prisma/client";
import { DurableLibSQL } from "./sqlite-adapter.server";
import { getEnv } from "./env.server";

export type Db = InstanceType<typeof PrismaClient>;

export function createPrismaClient(databaseUrl: string): Db {
  return new PrismaClient({ adapter: new DurableLibSQL({ url: databaseUrl }) });
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
  const ok =
    settings.journal_mode === "wal" && settings.synchronous === 2 && settings.busy_timeout >= 5000 && settings.foreign_keys === 1;
  if (!ok) throw new Error(`SQLite settings did not take: ${JSON.stringify(settings)}`);
  return settings;
}
