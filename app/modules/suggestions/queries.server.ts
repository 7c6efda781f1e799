// The statements this capability runs beside Prisma, in both dialects (a `postgres` form where
// they differ): the anonymous suggestion's write, a plan of steps (`WriteStep`: data that the
// writer thread runs; see `anonymousWrite`).
import { z } from "zod";
import type { WriteStep } from "~/utils/anonymous-writes.server";
import { col, defineQuery } from "~/utils/sql.server";

/** Refuses the write when the follow-up code (its hash) is in use already. */
export function followUpCodeUnused(followUpHash: string): WriteStep {
  return { sql: `SELECT 1 FROM "Suggestion" WHERE "followUpHash" = ?`, args: [followUpHash], noRows: true };
}

/** Keeps a spent token's hash; a token spent already changes nothing, which refuses the write. */
export function spendSuggestionToken(hash: string): WriteStep {
  return {
    sql: `INSERT OR IGNORE INTO "SuggestionSpentToken" ("hash") VALUES (?)`,
    postgres: `INSERT INTO "SuggestionSpentToken" ("hash") VALUES (?) ON CONFLICT DO NOTHING`,
    args: [hash],
    changes: 1,
  };
}

/** An anonymous suggestion: its month, text, category and unit, the hash of its follow-up code, and nothing else. */
export function insertAnonymousSuggestion(s: {
  id: string;
  title: string;
  body: string;
  category: string;
  unitId: string;
  period: string;
  followUpHash: string;
}): WriteStep {
  return {
    sql: `INSERT INTO "Suggestion" ("id","title","body","category","unitId","anonymous","period","followUpHash","status") VALUES (?,?,?,?,?,1,?,?,'new')`,
    postgres: `INSERT INTO "Suggestion" ("id","title","body","category","unitId","anonymous","period","followUpHash","status") VALUES (?,?,?,?,?,true,?,?,'new')`,
    args: [s.id, s.title, s.body, s.category, s.unitId, s.period, s.followUpHash],
  };
}

/**
 * PostgreSQL: whether an anonymous suggestion still carries the transaction id it was stored
 * under. Its spent token was written in the same transaction (one plan of `anonymousWrite`),
 * so the two rows share an xmin until `rewriteAnonymousSuggestions` gives each table a new one.
 * (SQLite: never; its tables are WITHOUT ROWID, in key order, and the WAL is emptied around the write.)
 */
export const anonymousAwaitingRewrite = defineQuery(
  "suggestions.anonymousAwaitingRewrite",
  z.object({ pending: col.bool }),
  `SELECT 0 AS "pending"`,
  `SELECT EXISTS (SELECT 1 FROM "Suggestion" s JOIN "SuggestionSpentToken" t ON t.xmin::text = s.xmin::text WHERE s."anonymous") AS "pending"`,
);

/**
 * PostgreSQL: the anonymous suggestions and the spent tokens, each table's rows given one new
 * version in one statement (one transaction id for all of them: an UPDATE that sets a column to
 * itself still writes a new row version), then each table rewritten in the order of its random
 * primary key (CLUSTER sorts by the index; VACUUM FULL would copy the rows in the order they
 * arrived). See `rewriteAnonymousSuggestions`.
 */
export const PG_REWRITE_ANONYMOUS = [
  `UPDATE "Suggestion" SET "anonymous" = "anonymous" WHERE "anonymous"`,
  `UPDATE "SuggestionSpentToken" SET "hash" = "hash"`,
  `CLUSTER "Suggestion" USING "Suggestion_pkey"`,
  `CLUSTER "SuggestionSpentToken" USING "SuggestionSpentToken_pkey"`,
];
