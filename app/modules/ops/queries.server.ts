// The statements this capability runs beside Prisma: SQLite's form, and PostgreSQL's where it differs.
import { z } from "zod";
import { withWriteTurn, type Db } from "~/utils/db.server";
import { defineQuery, exec } from "~/utils/sql.server";

/** The cheapest statement that proves the database answers (`/healthz`). */
export const databaseAnswers = defineQuery("ops.databaseAnswers", z.object({ ok: z.unknown() }), `SELECT 1 AS "ok"`);

/**
 * SQLite's own check of a database file: one row per problem, or one row "ok". PostgreSQL checks
 * its pages itself (checksums, WAL) and its deeper check (amcheck) is an extension we do not
 * require: there the check names any index left unusable (an interrupted concurrent build) and
 * otherwise answers "ok".
 */
export const integrityCheck = defineQuery(
  "ops.integrityCheck",
  z.object({ integrity_check: z.string() }),
  `PRAGMA integrity_check`,
  `SELECT coalesce(string_agg('index ' || i."indexrelid"::regclass::text || ' is not valid', '; '), 'ok') AS "integrity_check"
     FROM pg_index i WHERE NOT i."indisvalid" OR NOT i."indisready"`,
);

/** An online copy of the database (`VACUUM INTO`), consistent while the app keeps writing; taken in its turn like any statement. SQLite only. */
export async function vacuumInto(db: Db, file: string) {
  await withWriteTurn(db, (client) => exec(client, `VACUUM INTO '${file.replaceAll("'", "''")}'`));
}
