import crypto from "node:crypto";
import { db } from "~/utils/db.server";

/** A fingerprint of everything in the database except sessions and throttle counters: one hash per table. */
export async function fingerprint() {
  const tables = await db.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT IN ('_prisma_migrations', 'Session', 'ThrottleBucket') ORDER BY name`,
  );
  const hashes: Record<string, string> = {};
  for (const { name } of tables) {
    const rows = await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}" ORDER BY 1`);
    hashes[name] = crypto
      .createHash("sha256")
      .update(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v)))
      .digest("hex");
  }
  return hashes;
}
