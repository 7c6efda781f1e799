// SQLite dialect; the statements this capability runs beside Prisma.
import { z } from "zod";
import { withWriteTurn, type Db } from "~/utils/db.server";
import { defineQuery, exec } from "~/utils/sql.server";

/** The cheapest statement that proves the database answers (`/healthz`). */
export const databaseAnswers = defineQuery("ops.databaseAnswers", z.object({ ok: z.unknown() }), `SELECT 1 AS "ok"`);

/** SQLite's own check of a database file: one row per problem, or one row "ok". */
export const integrityCheck = defineQuery("ops.integrityCheck", z.object({ integrity_check: z.string() }), `PRAGMA integrity_check`);

/** An online copy of the database (`VACUUM INTO`), consistent while the app keeps writing; taken in its turn like any statement. */
export async function vacuumInto(db: Db, file: string) {
  await withWriteTurn(db, (client) => exec(client, `VACUUM INTO '${file.replaceAll("'", "''")}'`));
}
