// SQLite dialect; the statements this capability runs beside Prisma: the anonymous suggestion's
// write, a plan of steps (`WriteStep`: data that the writer thread runs; see `anonymousWrite`).
import type { WriteStep } from "~/utils/anonymous-writes.server";

/** Refuses the write when the follow-up code (its hash) is in use already. */
export function followUpCodeUnused(followUpHash: string): WriteStep {
  return { sql: `SELECT 1 FROM "Suggestion" WHERE "followUpHash" = ?`, args: [followUpHash], noRows: true };
}

/** Keeps a spent token's hash; a token spent already changes nothing, which refuses the write. */
export function spendSuggestionToken(hash: string): WriteStep {
  return { sql: `INSERT OR IGNORE INTO "SuggestionSpentToken" ("hash") VALUES (?)`, args: [hash], changes: 1 };
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
    args: [s.id, s.title, s.body, s.category, s.unitId, s.period, s.followUpHash],
  };
}
