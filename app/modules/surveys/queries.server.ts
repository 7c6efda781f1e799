// The statements this capability runs beside Prisma, in both dialects: one text where SQLite and
// PostgreSQL agree (identifiers quoted, as PostgreSQL needs for its camelCase columns), and a
// `postgres` form where they differ. Each is defined once here and called by name from the
// module. Reads of a handful of rows are checked by a row schema (`defineQuery`); reads of a row
// per unit or more (a province has hundreds of units and tens of thousands of kept figures) are
// packed (`PackedRead`, read by `eachPacked`: ids, codes and integers only, never free text or a
// REAL, whose text form loses digits) and decoded here, so no path over many rows pays a schema
// check per row. Reads run here take no write turn (see `sqlRead`, `readSnapshot`);
// writes run on the transaction or client they are given, and anonymous writes are plans of
// steps (`WriteStep`, data that the writer thread runs; see `anonymousWrite`).
import type { Client } from "@libsql/client";
import { z } from "zod";
import type { WriteStep } from "~/utils/anonymous-writes.server";
import { readSnapshot, sqliteDate, type BulkTransaction, type Db } from "~/utils/db.server";
import { eachPacked, type PackedRead } from "~/utils/packed-rows.server";
import { col, defineQuery, exec, firstRow, onPostgres, pick } from "~/utils/sql.server";

/** A packed read on its own read snapshot: like `sqlRead`, it waits for no writer. */
function packed(db: Db, read: PackedRead, visit: (row: string[]) => void) {
  return readSnapshot(db, (tx) => eachPacked(tx, read, visit));
}

/**
 * PostgreSQL: an instant passed as `sqliteDate` text, as the UTC wall time that a TIMESTAMP(3)
 * column holds (Prisma's convention), whatever offset the text carries.
 */
const PG_INSTANT = `(?::timestamptz AT TIME ZONE 'UTC')`;

/** A unit id as packed ("" for none) back to the stored value. */
const unitOrNull = (text: string) => (text === "" ? null : text);

// ───────────── answering: a token taken, a set of answers stored (p99 under 100 ms) ─────────────

const surveyWindow = { status: col.text, opensAt: col.date, closesAt: col.date };

/** A survey as its respondent sees it, with whether their token was taken. Args: surveyId, employeeId. */
export const respondentSurvey = defineQuery(
  "surveys.respondentSurvey",
  z.object({
    tokenTaken: col.bool,
    id: col.text,
    templateId: col.text,
    titleZh: col.text,
    titleEn: col.text,
    ...surveyWindow,
    itemsJson: col.text,
  }),
  `SELECT p."tokenTaken", s."id", s."templateId", s."titleZh", s."titleEn", s."status", s."opensAt", s."closesAt", s."itemsJson"
   FROM "SurveyParticipation" p JOIN "Survey" s ON s."id" = p."surveyId" WHERE p."surveyId" = ? AND p."employeeId" = ?`,
);

/** A person's invitation: their token, their cell as frozen at launch (or what it is made from) and the survey's window. Args: surveyId, employeeId. */
export const participantInvitation = defineQuery(
  "surveys.participantInvitation",
  z.object({
    tokenTaken: col.bool,
    blindedHash: col.text.nullable(),
    cell: col.text.nullable(),
    cutUnitId: col.text.nullable(),
    unitId: col.text,
    track: col.text,
    hireDate: col.date,
    ...surveyWindow,
    cutsJson: col.text,
  }),
  `SELECT p."tokenTaken", p."blindedHash", p."cell", p."cutUnitId", p."unitId", e."track", e."hireDate", s."status", s."opensAt", s."closesAt", s."cutsJson"
   FROM "SurveyParticipation" p JOIN "Employee" e ON e."id" = p."employeeId" JOIN "Survey" s ON s."id" = p."surveyId"
   WHERE p."surveyId" = ? AND p."employeeId" = ?`,
);

/** A survey's items. Args: surveyId. */
export const surveyItems = defineQuery(
  "surveys.items",
  z.object({ itemsJson: col.text }),
  `SELECT "itemsJson" FROM "Survey" WHERE "id" = ?`,
);

/** The frozen cells of open surveys that have no signing key yet (at most `limit`). Args: now, limit. */
export const cellsWithoutKey = defineQuery(
  "surveys.cellsWithoutKey",
  z.object({ surveyId: col.text, cell: col.text }),
  `SELECT DISTINCT p."surveyId", p."cell" FROM "SurveyParticipation" p JOIN "Survey" s ON s."id" = p."surveyId"
   WHERE s."status" = 'open' AND s."closesAt" > ? AND p."cell" IS NOT NULL
     AND NOT EXISTS (SELECT 1 FROM "SurveyTokenKey" k WHERE k."surveyId" = p."surveyId" AND k."cell" = p."cell")
   LIMIT ?`,
);

/** A signing key of one survey's cell, asked on every token request (direct SQL: Prisma's cost dominates there). Args: surveyId, cell. */
export const signingKeyOfCell = defineQuery(
  "surveys.signingKeyOfCell",
  z.object({ id: col.text, publicKey: col.text, privateKey: col.text }),
  `SELECT "id", "publicKey", "privateKey" FROM "SurveyTokenKey" WHERE "surveyId" = ? AND "cell" = ?`,
);

/** A signing key by its id, with the survey and cell it belongs to. Args: keyId. */
export const signingKey = defineQuery(
  "surveys.signingKey",
  z.object({ surveyId: col.text, cell: col.text, publicKey: col.text, privateKey: col.text }),
  `SELECT "surveyId", "cell", "publicKey", "privateKey" FROM "SurveyTokenKey" WHERE "id" = ?`,
);

/** A token key with the cell it attests and its survey's window and items. Args: keyId. */
export const tokenKeyWithSurvey = defineQuery(
  "surveys.tokenKeyWithSurvey",
  z.object({
    surveyId: col.text,
    unitId: col.text.nullable(),
    track: col.text.nullable(),
    tenureBand: col.text.nullable(),
    publicKey: col.text,
    ...surveyWindow,
    itemsJson: col.text,
  }),
  `SELECT k."surveyId", k."unitId", k."track", k."tenureBand", k."publicKey", s."status", s."opensAt", s."closesAt", s."itemsJson"
   FROM "SurveyTokenKey" k JOIN "Survey" s ON s."id" = k."surveyId" WHERE k."id" = ?`,
);

/**
 * Records "token taken" with the hash of what was signed (and no time). Changes one row when
 * marked now, or marked before with the same hash (a lost reply asked for again); none when
 * another was signed, which refuses the write.
 */
export function markTokenTaken(p: { surveyId: string; employeeId: string; blindedHash: string }): WriteStep {
  return {
    sql: `UPDATE "SurveyParticipation" SET "tokenTaken" = 1, "blindedHash" = ? WHERE "surveyId" = ? AND "employeeId" = ? AND ("tokenTaken" = 0 OR "blindedHash" = ?)`,
    postgres: `UPDATE "SurveyParticipation" SET "tokenTaken" = true, "blindedHash" = ? WHERE "surveyId" = ? AND "employeeId" = ? AND (NOT "tokenTaken" OR "blindedHash" = ?)`,
    args: [p.blindedHash, p.surveyId, p.employeeId, p.blindedHash],
    changes: 1,
  };
}

/** Keeps a spent token's hash; a token spent already changes nothing, which refuses the write. */
export function spendSurveyToken(surveyId: string, hash: string): WriteStep {
  return {
    sql: `INSERT OR IGNORE INTO "SurveySpentToken" ("surveyId","hash") VALUES (?,?)`,
    postgres: `INSERT INTO "SurveySpentToken" ("surveyId","hash") VALUES (?,?) ON CONFLICT DO NOTHING`,
    args: [surveyId, hash],
    changes: 1,
  };
}

/**
 * One set of answers: the response (its random key, the survey, the cell) and its answers,
 * expanded from one JSON array by the database (`[itemId, value, text]` each; PostgreSQL casts
 * the value to the column's INTEGER).
 */
export function insertResponse(
  response: { id: string; surveyId: string; unitId: string | null; track: string | null; tenureBand: string | null },
  answers: { itemId: string; value: number | null; text: string | null }[],
): WriteStep[] {
  return [
    {
      sql: `INSERT INTO "SurveyResponse" ("id","surveyId","unitId","track","tenureBand") VALUES (?,?,?,?,?)`,
      args: [response.id, response.surveyId, response.unitId, response.track, response.tenureBand],
    },
    {
      sql: `INSERT INTO "SurveyAnswer" ("responseId","itemId","value","text") SELECT ?, a.value->>0, a.value->>1, a.value->>2 FROM json_each(?) a`,
      postgres: `INSERT INTO "SurveyAnswer" ("responseId","itemId","value","text") SELECT ?, a->>0, (a->>1)::integer, a->>2 FROM json_array_elements(?::json) AS a`,
      args: [response.id, JSON.stringify(answers.map((a) => [a.itemId, a.value, a.text]))],
    },
  ];
}

// ───────────── campaigns ─────────────

/** Open surveys whose closing time has passed. Args: now (`sqliteDate`). */
export const dueSurveys = defineQuery(
  "surveys.due",
  z.object({ id: col.text }),
  `SELECT "id" FROM "Survey" WHERE "status" = 'open' AND julianday("closesAt") <= julianday(?)`,
  `SELECT "id" FROM "Survey" WHERE "status" = 'open' AND "closesAt" <= ${PG_INSTANT}`,
);

/** A survey's cuts. Args: surveyId. */
export const surveyCuts = defineQuery("surveys.cuts", z.object({ cutsJson: col.text }), `SELECT "cutsJson" FROM "Survey" WHERE "id" = ?`);

/** Invited per reporting unit (each person under the unit their answer is filed under). Packed read (unitId, n). */
export const invitedPerReportingUnit = (surveyId: string): PackedRead => ({
  columns: ['"unitId"', '"n"'],
  from: `FROM (SELECT COALESCE("cutUnitId", "unitId") AS "unitId", COUNT(*) AS "n" FROM "SurveyParticipation" WHERE "surveyId" = ? GROUP BY 1) AS "invited"`,
  params: [surveyId],
});

/** Answered per unit a response carries ("" when the unit is not collected). Packed read (unitId, n). */
export const answeredPerUnit = (surveyId: string): PackedRead => ({
  columns: ['"unitId"', '"n"'],
  from: `FROM (SELECT "unitId", COUNT(*) AS "n" FROM "SurveyResponse" WHERE "surveyId" = ? GROUP BY 1) AS "answered"`,
  params: [surveyId],
});

/**
 * Invited per reporting unit of a survey (each person under the unit their answer is filed
 * under) and answered per unit their response carries (null: the unit is not collected).
 */
export async function liveUnitCounts(db: Db, surveyId: string) {
  const invited: { unitId: string; n: number }[] = [];
  const answered: { unitId: string | null; n: number }[] = [];
  await packed(db, invitedPerReportingUnit(surveyId), (r) => invited.push({ unitId: r[0], n: Number(r[1]) }));
  await packed(db, answeredPerUnit(surveyId), (r) => answered.push({ unitId: unitOrNull(r[0]), n: Number(r[1]) }));
  return { invited, answered };
}

// ───────────── closing: nothing stored follows the order in which answers arrived ─────────────

/**
 * Zeroes freed pages from now on (on the connection that then rewrites the file). PostgreSQL
 * has no such setting: the rewrite below writes new files and drops the old ones whole, and what
 * the file system keeps of those is the operator's, like the server's WAL (see `truncateWal`).
 */
export const secureDelete = (sql: Client) => (onPostgres(sql) ? Promise.resolve(0) : exec(sql, "PRAGMA secure_delete = ON"));

/**
 * The answer tables' rows of a closed wave, each table's given one new version in one
 * statement (PostgreSQL; see `vacuum`). An UPDATE that sets a column to itself still writes a
 * new row version, stamped with the updating transaction's id.
 */
const PG_RESTAMP = [
  `UPDATE "SurveyResponse" SET "track" = "track" WHERE "surveyId" = ?`,
  `UPDATE "SurveyAnswer" SET "text" = "text" WHERE "responseId" IN (SELECT "id" FROM "SurveyResponse" WHERE "surveyId" = ?)`,
  `UPDATE "SurveySpentToken" SET "hash" = "hash" WHERE "surveyId" = ?`,
];

/**
 * The answer tables, each rewritten in the order of its primary key (PostgreSQL; see `vacuum`).
 * Every key is random: a response's is its UUIDv4; an answer's starts with that response id
 * ("SurveyAnswer_pkey" is responseId, itemId, value); a spent token's is (survey, token hash).
 */
const PG_CLUSTER = [
  `CLUSTER "SurveyResponse" USING "SurveyResponse_pkey"`,
  `CLUSTER "SurveyAnswer" USING "SurveyAnswer_pkey"`,
  `CLUSTER "SurveySpentToken" USING "SurveySpentToken_pkey"`,
];

/**
 * Rewrites the stored answers so that nothing in them follows their arrival.
 *
 * SQLite: VACUUM rebuilds the database file, each table in key order (the answer and spent-token
 * tables are WITHOUT ROWID, keyed at random), leaving no free page behind.
 *
 * PostgreSQL keeps a table as a heap: a row goes wherever there is room, so while a survey runs
 * its answers lie in the order they arrived (their `ctid`), the entries of an index for equal
 * keys follow that order, and every row version carries the id of the transaction that wrote it
 * (`xmin`, which any SQL reader can select and which orders the anonymous batches). Closing
 * undoes all three for the wave (`surveyId`; without one, only the rewrite in key order):
 *
 * 1. The wave's rows of each answer table get a new version in one statement, so all of them
 *    carry one transaction id (on disk too, not only as SQL shows it). CLUSTER alone would not
 *    do: it copies each row's xmin as it was.
 * 2. CLUSTER rewrites each table in the order of its primary key (random keys, above), leaves
 *    out the old row versions and rebuilds the indexes. CLUSTER, not VACUUM FULL: VACUUM FULL
 *    copies rows in their physical order, which is the order they arrived in; CLUSTER sorts them
 *    by the index. No column of these tables holds a serial number or a time, so nothing else
 *    orders them.
 *
 * CLUSTER locks each table while it rewrites it (answers to other open surveys wait, as they
 * wait for SQLite's VACUUM). A row version that a transaction older than step 1 may still see (a
 * long read) is copied as it is, and is left out by the next close.
 */
export async function vacuum(sql: Client, surveyId?: string) {
  if (!onPostgres(sql)) return exec(sql, "VACUUM");
  if (surveyId !== undefined) for (const statement of PG_RESTAMP) await exec(sql, statement, [surveyId]);
  for (const statement of PG_CLUSTER) await exec(sql, statement);
  return 0;
}

const walCheckpoint = defineQuery("surveys.walCheckpoint", z.object({ busy: col.int }), "PRAGMA wal_checkpoint(TRUNCATE)");

/**
 * Moves the WAL into the file and empties it; false when a reader holding an old snapshot kept
 * it from finishing. PostgreSQL: nothing to do here (true). The server's WAL is the server's to
 * recycle, and WAL archives or a standby keep every commit as it was made, anonymous batches in
 * their order among named writes: the README says what a database operator with them can learn
 * ("What anonymity means here", on PostgreSQL).
 */
export async function truncateWal(sql: Client) {
  if (onPostgres(sql)) return true;
  return ((await firstRow(sql, walCheckpoint))?.busy ?? 0) === 0;
}

// ───────────── a wave's kept figures (computed once, at close) ─────────────

/**
 * Each respondent's answers, found by key: no sort of millions of rows, only of the survey's
 * respondents (by unit, from the index, then by key within it). Item ids and values come as
 * two lists in the same order: most respondents answer the same items, so the list of item
 * ids repeats and is parsed once. A respondent who answered nothing still counts.
 * PostgreSQL: each respondent's answers aggregated on their own (LATERAL, by the answer key's
 * first column), so that neither a sort nor a hash of the whole survey's answers is needed; its
 * string_agg promises no order of its own, so both lists are ordered by the answer's key and
 * pair up (a sort of each respondent's few answers).
 * Packed read (unitId, track, tenureBand, itemIds, answerValues).
 */
export const respondentAnswers = (surveyId: string): PackedRead => ({
  columns: ['"unitId"', '"track"', '"tenureBand"', '"itemIds"', '"answerValues"'],
  from: `FROM (SELECT coalesce(r.unitId, '') AS unitId, coalesce(r.track, '') AS track, coalesce(r.tenureBand, '') AS tenureBand,
                  group_concat(a.itemId) AS itemIds, group_concat(a.value) AS answerValues
           FROM "SurveyResponse" r LEFT JOIN "SurveyAnswer" a ON a.responseId = r.id
           WHERE r.surveyId = ? GROUP BY r.unitId, r.id)`,
  params: [surveyId],
  postgres: {
    from: `FROM (SELECT coalesce(r."unitId", '') AS "unitId", coalesce(r."track", '') AS "track", coalesce(r."tenureBand", '') AS "tenureBand",
                    x."itemIds", x."answerValues"
             FROM "SurveyResponse" r
             CROSS JOIN LATERAL (SELECT string_agg(a."itemId", ',' ORDER BY a."itemId", a."value") AS "itemIds",
                                        string_agg(a."value"::text, ',' ORDER BY a."itemId", a."value") AS "answerValues"
                                 FROM "SurveyAnswer" a WHERE a."responseId" = r."id") x
             WHERE r."surveyId" = ?) AS "respondent"`,
  },
});

/** The kept figures' tables and their columns after `surveyId`, in the order of the fold's rows (`ResultFold.rows`). */
const RESULT_COLUMNS = {
  SurveyResultGroup: ["cut", "cutValue", "unitId", "respondents"],
  SurveyResultCount: ["cut", "cutValue", "unitId", "itemId", "value", "count"],
  SurveyResultDriver: ["cut", "cutValue", "unitId", "dimension", "n", "sumX", "sumXX", "sumY", "sumYY", "sumXY"],
  SurveyResultReach: ["cut", "cutValue", "figure", "unitId", "respondents"],
} as const;
export type ResultTable = keyof typeof RESULT_COLUMNS;

/** The PostgreSQL type of each kept column (prisma/postgres/migrations: TEXT unless named here), which a value read from JSON as text is cast to. */
const RESULT_TYPES: Partial<Record<(typeof RESULT_COLUMNS)[ResultTable][number], string>> = {
  respondents: "integer",
  value: "integer",
  count: "integer",
  n: "integer",
  sumX: "double precision",
  sumXX: "double precision",
  sumY: "double precision",
  sumYY: "double precision",
  sumXY: "double precision",
};

/** Rows per INSERT … SELECT FROM json_each. */
const INSERT_CHUNK = 20_000;

/** Removes a wave's kept figures (to write them again). */
export async function deleteSurveyResults(tx: BulkTransaction, surveyId: string) {
  for (const table of ["SurveyResultSet", "SurveyResultGroup", "SurveyResultCount", "SurveyResultDriver", "SurveyResultReach"]) {
    await exec(tx, `DELETE FROM "${table}" WHERE "surveyId" = ?`, [surveyId]);
  }
}

/**
 * The statement that writes a kept table's rows from one JSON array of arrays: SQLite's json_each
 * (a value keeps its JSON type), PostgreSQL's json_array_elements with each value cast from its
 * text to the column's type (a double's shortest JSON text reads back as the same double).
 */
function insertResultsSql(tx: BulkTransaction, table: ResultTable) {
  const columns = RESULT_COLUMNS[table];
  const names = ["surveyId", ...columns].map((c) => `"${c}"`).join(", ");
  return pick(tx, {
    sqlite: `INSERT INTO "${table}" (${names}) SELECT ?, ${columns.map((_, j) => `value->>${j}`).join(", ")} FROM json_each(?)`,
    postgres: `INSERT INTO "${table}" (${names}) SELECT ?, ${columns
      .map((c, j) => (RESULT_TYPES[c] ? `(e->>${j})::${RESULT_TYPES[c]}` : `e->>${j}`))
      .join(", ")} FROM json_array_elements(?::json) AS e`,
  });
}

/** Writes one table's kept rows, in key order, as JSON arrays expanded by the database. */
export async function insertSurveyResults(tx: BulkTransaction, surveyId: string, table: ResultTable, list: unknown[][]) {
  const sql = insertResultsSql(tx, table);
  for (let i = 0; i < list.length; i += INSERT_CHUNK) {
    await exec(tx, sql, [surveyId, JSON.stringify(list.slice(i, i + INSERT_CHUNK))]);
  }
}

/** Marks a wave's figures as kept. */
export async function keepSurveyResults(tx: BulkTransaction, surveyId: string, computedAt: Date) {
  const sql = pick(tx, {
    sqlite: `INSERT INTO "SurveyResultSet" ("surveyId", "computedAt") VALUES (?, ?)`,
    postgres: `INSERT INTO "SurveyResultSet" ("surveyId", "computedAt") VALUES (?, ${PG_INSTANT})`,
  });
  await exec(tx, sql, [surveyId, sqliteDate(computedAt)]);
}

/** Whether a wave's figures are kept. Args: surveyId. */
export const keptResultSet = defineQuery(
  "surveys.keptResultSet",
  z.object({ kept: col.int }),
  `SELECT 1 AS "kept" FROM "SurveyResultSet" WHERE "surveyId" = ?`,
);

/** Closed surveys whose figures are not kept. */
export const closedWithoutResults = defineQuery(
  "surveys.closedWithoutResults",
  z.object({ id: col.text }),
  `SELECT "id" FROM "Survey" WHERE "status" = 'closed' AND "id" NOT IN (SELECT "surveyId" FROM "SurveyResultSet")`,
);

// ───────────── reports: read from the kept figures ─────────────

const reportSurveyRow = z.object({
  id: col.text,
  templateId: col.text,
  titleZh: col.text,
  titleEn: col.text,
  status: col.text,
  itemsJson: col.text,
  cutsJson: col.text,
  minGroupSize: col.int,
  minCommentGroupSize: col.int,
  opensAt: col.date,
  closesAt: col.date,
  closedAt: col.date.nullable(),
});
export type ReportSurvey = z.output<typeof reportSurveyRow>;
const REPORT_SURVEY_COLUMNS = `"id", "templateId", "titleZh", "titleEn", "status", "itemsJson", "cutsJson", "minGroupSize", "minCommentGroupSize", "opensAt", "closesAt", "closedAt"`;

/** A survey as its report reads it. Args: surveyId. */
export const surveyForReport = defineQuery(
  "surveys.surveyForReport",
  reportSurveyRow,
  `SELECT ${REPORT_SURVEY_COLUMNS} FROM "Survey" WHERE "id" = ?`,
);

/** The last six closed waves of a template up to one opening date, newest first. Args: templateId, opensAt (`sqliteDate`). */
export const closedWaves = defineQuery(
  "surveys.closedWaves",
  reportSurveyRow,
  `SELECT ${REPORT_SURVEY_COLUMNS} FROM "Survey" WHERE "templateId" = ? AND "status" = 'closed' AND julianday("opensAt") <= julianday(?) ORDER BY julianday("opensAt") DESC, "id" ASC LIMIT 6`,
  `SELECT ${REPORT_SURVEY_COLUMNS} FROM "Survey" WHERE "templateId" = ? AND "status" = 'closed' AND "opensAt" <= ${PG_INSTANT} ORDER BY "opensAt" DESC, "id" ASC LIMIT 6`,
);

/** A fingerprint of the unit table (count, latest change, lengths of what a report shows): one cheap aggregate. */
export const unitListVersion = defineQuery(
  "surveys.unitListVersion",
  z.object({ version: col.text }),
  `SELECT count(*) || '|' || ifnull(max("updatedAt"), '') || '|' || total(length("path") + length("nameZh") + length("nameEn") + length(ifnull("parentId", '')) + "sortOrder") AS "version" FROM "Unit"`,
  `SELECT count(*) || '|' || coalesce(max("updatedAt")::text, '') || '|' || coalesce(sum(length("path") + length("nameZh") + length("nameEn") + length(coalesce("parentId", '')) + "sortOrder"), 0) AS "version" FROM "Unit"`,
);

/** Every unit, as a report needs it (names are free text, so not packed; the list is kept while `unitListVersion` holds). */
export const everyUnit = defineQuery(
  "surveys.everyUnit",
  z.object({
    id: col.text,
    parentId: col.text.nullable(),
    path: col.text,
    nameZh: col.text,
    nameEn: col.text,
    sortOrder: col.int,
    code: col.text,
  }),
  `SELECT "id", "parentId", "path", "nameZh", "nameEn", "sortOrder", "code" FROM "Unit"`,
);

/** Invited per unit at launch. Packed read (unitId, n). */
export const invitedPerUnit = (surveyId: string): PackedRead => ({
  columns: ['"unitId"', '"n"'],
  from: `FROM (SELECT "unitId", count(*) AS "n" FROM "SurveyParticipation" WHERE "surveyId" = ? GROUP BY "unitId") AS "invited"`,
  params: [surveyId],
});

/** Invited per unit at launch. */
export async function invitedByUnit(db: Db, surveyId: string) {
  const out: { unitId: string; n: number }[] = [];
  await packed(db, invitedPerUnit(surveyId), (r) => out.push({ unitId: r[0], n: Number(r[1]) }));
  return out;
}

/** The kept respondents per unit, unfiltered and per value of `cut`. Packed read (unitId, cut, cutValue, respondents). */
export const keptGroups = (surveyId: string, cut: string): PackedRead => ({
  columns: ['"unitId"', '"cut"', '"cutValue"', '"respondents"'],
  from: `FROM "SurveyResultGroup" WHERE "surveyId" = ? AND "cut" IN ('', ?)`,
  params: [surveyId, cut],
});

/** Respondents per unit, unfiltered (cut "") and per value of `cut`: a row per unit and value. */
export async function resultGroups(db: Db, surveyId: string, cut: string) {
  const out: { unitId: string; cut: string; cutValue: string; respondents: number }[] = [];
  await packed(db, keptGroups(surveyId, cut), (r) => out.push({ unitId: r[0], cut: r[1], cutValue: r[2], respondents: Number(r[3]) }));
  return out;
}

/** The kept reach of each figure per unit, unfiltered and per value of `cut`. Packed read (unitId, cut, cutValue, figure, respondents). */
export const keptReach = (surveyId: string, cut: string): PackedRead => ({
  columns: ['"unitId"', '"cut"', '"cutValue"', '"figure"', '"respondents"'],
  from: `FROM "SurveyResultReach" WHERE "surveyId" = ? AND "cut" IN ('', ?)`,
  params: [surveyId, cut],
});

/** Distinct respondents behind each figure per unit, unfiltered and per value of `cut`: a row per unit, value and figure (tens of thousands in a province). */
export async function resultReach(db: Db, surveyId: string, cut: string) {
  const out: { unitId: string; cut: string; cutValue: string; figure: string; respondents: number }[] = [];
  await packed(db, keptReach(surveyId, cut), (r) =>
    out.push({ unitId: r[0], cut: r[1], cutValue: r[2], figure: r[3], respondents: Number(r[4]) }),
  );
  return out;
}

/** A filter as the kept rows store it: cut and value, both "" for none. */
type CutKey = { cut: string; cutValue: string };

/** Answer counts per item and value over a list of stored unit ids (JSON). Packed read (itemId, value, n). */
export const keptAnswerCounts = (surveyId: string, filter: CutKey, unitIds: string[]): PackedRead => ({
  columns: ['"itemId"', '"value"', '"n"'],
  from: `FROM (SELECT "itemId", "value", sum("count") AS "n" FROM "SurveyResultCount"
           WHERE "surveyId" = ? AND "cut" = ? AND "cutValue" = ? AND "unitId" IN (SELECT value FROM json_each(?))
           GROUP BY "itemId", "value")`,
  params: [surveyId, filter.cut, filter.cutValue, JSON.stringify(unitIds)],
  postgres: {
    from: `FROM (SELECT "itemId", "value", sum("count") AS "n" FROM "SurveyResultCount"
             WHERE "surveyId" = ? AND "cut" = ? AND "cutValue" = ? AND "unitId" IN (SELECT json_array_elements_text(?::json))
             GROUP BY "itemId", "value") AS "counts"`,
  },
});

/** Answer counts per item and value, summed over a list of stored unit ids (ORG_ROW for the organisation). */
export async function answerCounts(db: Db, surveyId: string, filter: CutKey, unitIds: string[]) {
  const out: { itemId: string; value: number; n: number }[] = [];
  await packed(db, keptAnswerCounts(surveyId, filter, unitIds), (r) => out.push({ itemId: r[0], value: Number(r[1]), n: Number(r[2]) }));
  return out;
}

/**
 * Answer counts per child unit, item and value, each child summed over its subtree (the mapping
 * unit → child travels as one JSON object). Packed read (child, itemId, value, n).
 */
export const keptChildAnswerCounts = (
  surveyId: string,
  filter: CutKey,
  unitToChild: Record<string, string>,
  itemIds: string[],
): PackedRead => ({
  columns: ['"child"', '"itemId"', '"value"', '"n"'],
  from: `FROM (SELECT m.child AS child, c."itemId" AS "itemId", c."value" AS "value", sum(c."count") AS "n"
           FROM "SurveyResultCount" c JOIN (SELECT key AS "unitId", value AS child FROM json_each(?)) m ON m."unitId" = c."unitId"
           WHERE c."surveyId" = ? AND c."cut" = ? AND c."cutValue" = ? AND c."itemId" IN (SELECT value FROM json_each(?))
           GROUP BY m.child, c."itemId", c."value")`,
  params: [JSON.stringify(unitToChild), surveyId, filter.cut, filter.cutValue, JSON.stringify(itemIds)],
  postgres: {
    from: `FROM (SELECT m.child AS child, c."itemId" AS "itemId", c."value" AS "value", sum(c."count") AS "n"
             FROM "SurveyResultCount" c JOIN (SELECT key AS "unitId", value AS child FROM json_each_text(?::json)) m ON m."unitId" = c."unitId"
             WHERE c."surveyId" = ? AND c."cut" = ? AND c."cutValue" = ? AND c."itemId" IN (SELECT json_array_elements_text(?::json))
             GROUP BY m.child, c."itemId", c."value") AS "counts"`,
  },
});

/** Answer counts per child unit, item and value, each child summed over its subtree in SQL (the mapping unit → child travels as JSON). */
export async function childAnswerCounts(db: Db, surveyId: string, filter: CutKey, unitToChild: Record<string, string>, itemIds: string[]) {
  const out: { child: string; itemId: string; value: number; n: number }[] = [];
  await packed(db, keptChildAnswerCounts(surveyId, filter, unitToChild, itemIds), (r) =>
    out.push({ child: r[0], itemId: r[1], value: Number(r[2]), n: Number(r[3]) }),
  );
  return out;
}

/**
 * Driver sums per dimension over a list of stored unit ids: one row per dimension (REAL sums, so
 * not packed). The count is a sum of integers, exact on both. The sums are of doubles (SQLite's
 * REAL, PostgreSQL's double precision), which SQLite adds with an error term (Kahan–Babuška–
 * Neumaier) and PostgreSQL plainly: sums of positive means and their products, so the two agree
 * to about 1e-12 of the sum, far below the two decimals a correlation is shown with (a cast to
 * numeric would be worse: PostgreSQL converts a double to numeric with 15 digits). Args:
 * surveyId, cut, cutValue, unit ids (JSON).
 */
export const driverSums = defineQuery(
  "surveys.driverSums",
  z.object({ dimension: col.text, n: col.int, sumX: col.real, sumXX: col.real, sumY: col.real, sumYY: col.real, sumXY: col.real }),
  `SELECT dimension, sum(n) AS n, sum(sumX) AS sumX, sum(sumXX) AS sumXX, sum(sumY) AS sumY, sum(sumYY) AS sumYY, sum(sumXY) AS sumXY
   FROM "SurveyResultDriver" WHERE surveyId = ? AND cut = ? AND cutValue = ? AND unitId IN (SELECT value FROM json_each(?))
   GROUP BY dimension`,
  `SELECT "dimension", sum("n") AS "n", sum("sumX") AS "sumX", sum("sumXX") AS "sumXX", sum("sumY") AS "sumY", sum("sumYY") AS "sumYY", sum("sumXY") AS "sumXY"
   FROM "SurveyResultDriver" WHERE "surveyId" = ? AND "cut" = ? AND "cutValue" = ? AND "unitId" IN (SELECT json_array_elements_text(?::json))
   GROUP BY "dimension"`,
);

const commentRow = z.object({ text: col.text });

/**
 * Every text answer of an item (for a subtree when `scoped`), in no meaningful order: the report
 * groups them into themes. Args: surveyId, itemId, then the unit ids (JSON) when `scoped`.
 * SQLite's CROSS JOIN keeps its operands' order (the survey's responses of the subtree first,
 * then their answers by key); PostgreSQL's planner chooses the order itself.
 */
export function allItemComments(scoped: boolean) {
  return defineQuery(
    "surveys.allItemComments",
    commentRow,
    `SELECT a.text AS text FROM ${scoped ? `"SurveyResponse" r CROSS JOIN "SurveyAnswer" a` : `"SurveyAnswer" a JOIN "SurveyResponse" r`} ON r.id = a.responseId
     WHERE r.surveyId = ? AND a.itemId = ? AND a.text IS NOT NULL AND a.text <> '' ${scoped ? `AND r.unitId IN (SELECT value FROM json_each(?))` : ""}`,
    `SELECT a."text" AS "text" FROM "SurveyAnswer" a JOIN "SurveyResponse" r ON r."id" = a."responseId"
     WHERE r."surveyId" = ? AND a."itemId" = ? AND a."text" IS NOT NULL AND a."text" <> '' ${scoped ? `AND r."unitId" IN (SELECT json_array_elements_text(?::json))` : ""}`,
  );
}
