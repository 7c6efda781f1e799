// PostgreSQL; the statements this capability runs beside Prisma.
import { z } from "zod";
import { col, defineQuery } from "~/utils/sql.server";

/**
 * Counts one request in a fixed window shared by every app process (PostgreSQL only: one
 * process on SQLite counts in memory). One statement: a window that ran out starts again at 1.
 * Args: key, now, window start limit (now − window), the same again.
 */
export const countSharedHit = defineQuery(
  "integration.countSharedHit",
  z.object({ count: col.int, windowStart: col.date }),
  `INSERT INTO "ThrottleBucket" ("key", "count", "windowStart") VALUES (?, 1, ?)
   ON CONFLICT ("key") DO UPDATE SET
     "count" = CASE WHEN "ThrottleBucket"."windowStart" <= ? THEN 1 ELSE "ThrottleBucket"."count" + 1 END,
     "windowStart" = CASE WHEN "ThrottleBucket"."windowStart" <= ? THEN excluded."windowStart" ELSE "ThrottleBucket"."windowStart" END
   RETURNING "count", "windowStart"`,
);
