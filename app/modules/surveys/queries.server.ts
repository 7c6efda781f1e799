// SQLite dialect; the statements this capability runs beside Prisma. Each is defined once here
// and called by name from the module. Reads of a handful of rows are checked by a row schema
// (`defineQuery`); reads of a row per unit or more (a province has hundreds of units and tens of
// thousands of kept figures) are packed (`packedRows`: ids, codes and integers only, never free
// text or a REAL, whose text form loses digits) and decoded here, so no path over many rows pays
// a schema check per row. Reads run here take no write turn (see `sqlRead`, `readSnapshot`);
// writes run on the transaction or client they are given, and anonymous writes are plans of
// steps (`WriteStep`, data that the writer thread runs; see `anonymousWrite`).
import type { Client, InValue } from "@libsql/client";
import { z } from "zod";
import type { WriteStep } from "~/utils/anonymous-writes.server";
import { readSnapshot, sqliteDate, type BulkTransaction, type Db } from "~/utils/db.server";
import { eachPackedRow, type PackedColumns } from "~/utils/packed-rows.server";
import { col, defineQuery, exec, firstRow } from "~/utils/sql.server";

/** A packed read on its own read snapshot: like `sqlRead`, it waits for no writer. */
function packed(db: Db, columns: PackedColumns, from: string, visit: (row: string[]) => void, ...args: InValue[]) {
  return readSnapshot(db, (tx) => eachPackedRow(tx, columns, from, visit, ...args));
}

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
    args: [p.blindedHash, p.surveyId, p.employeeId, p.blindedHash],
    changes: 1,
  };
}

/** Keeps a spent token's hash; a token spent already changes nothing, which refuses the write. */
export function spendSurveyToken(surveyId: string, hash: string): WriteStep {
  return { sql: `INSERT OR IGNORE INTO "SurveySpentToken" ("surveyId","hash") VALUES (?,?)`, args: [surveyId, hash], changes: 1 };
}

/** One set of answers: the response (its random key, the survey, the cell) and its answers, expanded from one JSON array by SQLite. */
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
);

/** A survey's cuts. Args: surveyId. */
export const surveyCuts = defineQuery("surveys.cuts", z.object({ cutsJson: col.text }), `SELECT "cutsJson" FROM "Survey" WHERE "id" = ?`);

/**
 * Invited per reporting unit of a survey (each person under the unit their answer is filed
 * under) and answered per unit their response carries (null: the unit is not collected).
 */
export async function liveUnitCounts(db: Db, surveyId: string) {
  const invited: { unitId: string; n: number }[] = [];
  const answered: { unitId: string | null; n: number }[] = [];
  await packed(
    db,
    ["unitId", "n"],
    `FROM (SELECT COALESCE("cutUnitId", "unitId") AS "unitId", COUNT(*) AS "n" FROM "SurveyParticipation" WHERE "surveyId" = ? GROUP BY 1)`,
    (r) => invited.push({ unitId: r[0], n: Number(r[1]) }),
    surveyId,
  );
  await packed(
    db,
    ["unitId", "n"],
    `FROM (SELECT "unitId", COUNT(*) AS "n" FROM "SurveyResponse" WHERE "surveyId" = ? GROUP BY 1)`,
    (r) => answered.push({ unitId: unitOrNull(r[0]), n: Number(r[1]) }),
    surveyId,
  );
  return { invited, answered };
}

/** Zeroes freed pages from now on (on the connection that then rewrites the file). */
export const secureDelete = (sql: Client) => exec(sql, "PRAGMA secure_delete = ON");

/** Rebuilds the database file in key order. */
export const vacuum = (sql: Client) => exec(sql, "VACUUM");

const walCheckpoint = defineQuery("surveys.walCheckpoint", z.object({ busy: col.int }), "PRAGMA wal_checkpoint(TRUNCATE)");

/** Moves the WAL into the file and empties it; false when a reader holding an old snapshot kept it from finishing. */
export async function truncateWal(sql: Client) {
  return ((await firstRow(sql, walCheckpoint))?.busy ?? 0) === 0;
}

// ───────────── a wave's kept figures (computed once, at close) ─────────────

/**
 * Each respondent's answers, found by key: no sort of millions of rows, only of the survey's
 * respondents (by unit, from the index, then by key within it). Item ids and values come as
 * two lists in the same order: most respondents answer the same items, so the list of item
 * ids repeats and is parsed once. A respondent who answered nothing still counts.
 * Packed read (unitId, track, tenureBand, itemIds, answerValues); args: surveyId.
 */
export const respondentAnswers = {
  columns: ["unitId", "track", "tenureBand", "itemIds", "answerValues"],
  from: `FROM (SELECT coalesce(r.unitId, '') AS unitId, coalesce(r.track, '') AS track, coalesce(r.tenureBand, '') AS tenureBand,
                  group_concat(a.itemId) AS itemIds, group_concat(a.value) AS answerValues
           FROM "SurveyResponse" r LEFT JOIN "SurveyAnswer" a ON a.responseId = r.id
           WHERE r.surveyId = ? GROUP BY r.unitId, r.id)`,
} satisfies { columns: PackedColumns; from: string };

/** The kept figures' tables and their columns after `surveyId`, in the order of the fold's rows (`ResultFold.rows`). */
const RESULT_COLUMNS = {
  SurveyResultGroup: ["cut", "cutValue", "unitId", "respondents"],
  SurveyResultCount: ["cut", "cutValue", "unitId", "itemId", "value", "count"],
  SurveyResultDriver: ["cut", "cutValue", "unitId", "dimension", "n", "sumX", "sumXX", "sumY", "sumYY", "sumXY"],
  SurveyResultReach: ["cut", "cutValue", "figure", "unitId", "respondents"],
} as const;
export type ResultTable = keyof typeof RESULT_COLUMNS;

/** Rows per INSERT … SELECT FROM json_each. */
const INSERT_CHUNK = 20_000;

/** Removes a wave's kept figures (to write them again). */
export async function deleteSurveyResults(tx: BulkTransaction, surveyId: string) {
  for (const table of ["SurveyResultSet", "SurveyResultGroup", "SurveyResultCount", "SurveyResultDriver", "SurveyResultReach"]) {
    await exec(tx, `DELETE FROM "${table}" WHERE surveyId = ?`, [surveyId]);
  }
}

/** Writes one table's kept rows, in key order, as JSON arrays expanded by SQLite. */
export async function insertSurveyResults(tx: BulkTransaction, surveyId: string, table: ResultTable, list: unknown[][]) {
  const columns = RESULT_COLUMNS[table];
  const sql = `INSERT INTO "${table}" (surveyId, ${columns.join(", ")}) SELECT ?, ${columns.map((_, j) => `value->>${j}`).join(", ")} FROM json_each(?)`;
  for (let i = 0; i < list.length; i += INSERT_CHUNK) {
    await exec(tx, sql, [surveyId, JSON.stringify(list.slice(i, i + INSERT_CHUNK))]);
  }
}

/** Marks a wave's figures as kept. */
export async function keepSurveyResults(tx: BulkTransaction, surveyId: string, computedAt: Date) {
  await exec(tx, `INSERT INTO "SurveyResultSet" (surveyId, computedAt) VALUES (?, ?)`, [surveyId, sqliteDate(computedAt)]);
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
);

/** A fingerprint of the unit table (count, latest change, lengths of what a report shows): one cheap aggregate. */
export const unitListVersion = defineQuery(
  "surveys.unitListVersion",
  z.object({ version: col.text }),
  `SELECT count(*) || '|' || ifnull(max("updatedAt"), '') || '|' || total(length("path") + length("nameZh") + length("nameEn") + length(ifnull("parentId", '')) + "sortOrder") AS "version" FROM "Unit"`,
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

/** Invited per unit at launch. */
export async function invitedByUnit(db: Db, surveyId: string) {
  const out: { unitId: string; n: number }[] = [];
  await packed(
    db,
    ["unitId", "n"],
    `FROM (SELECT "unitId", count(*) AS "n" FROM "SurveyParticipation" WHERE "surveyId" = ? GROUP BY "unitId")`,
    (r) => out.push({ unitId: r[0], n: Number(r[1]) }),
    surveyId,
  );
  return out;
}

/** Respondents per unit, unfiltered (cut "") and per value of `cut`: a row per unit and value. */
export async function resultGroups(db: Db, surveyId: string, cut: string) {
  const out: { unitId: string; cut: string; cutValue: string; respondents: number }[] = [];
  await packed(
    db,
    ["unitId", "cut", "cutValue", "respondents"],
    `FROM "SurveyResultGroup" WHERE surveyId = ? AND cut IN ('', ?)`,
    (r) => out.push({ unitId: r[0], cut: r[1], cutValue: r[2], respondents: Number(r[3]) }),
    surveyId,
    cut,
  );
  return out;
}

/** Distinct respondents behind each figure per unit, unfiltered and per value of `cut`: a row per unit, value and figure (tens of thousands in a province). */
export async function resultReach(db: Db, surveyId: string, cut: string) {
  const out: { unitId: string; cut: string; cutValue: string; figure: string; respondents: number }[] = [];
  await packed(
    db,
    ["unitId", "cut", "cutValue", "figure", "respondents"],
    `FROM "SurveyResultReach" WHERE surveyId = ? AND cut IN ('', ?)`,
    (r) => out.push({ unitId: r[0], cut: r[1], cutValue: r[2], figure: r[3], respondents: Number(r[4]) }),
    surveyId,
    cut,
  );
  return out;
}

/** A filter as the kept rows store it: cut and value, both "" for none. */
type CutKey = { cut: string; cutValue: string };

/** Answer counts per item and value, summed over a list of stored unit ids (ORG_ROW for the organisation). */
export async function answerCounts(db: Db, surveyId: string, filter: CutKey, unitIds: string[]) {
  const out: { itemId: string; value: number; n: number }[] = [];
  await packed(
    db,
    ["itemId", "value", "n"],
    `FROM (SELECT itemId, value, sum(count) AS n FROM "SurveyResultCount"
           WHERE surveyId = ? AND cut = ? AND cutValue = ? AND unitId IN (SELECT value FROM json_each(?))
           GROUP BY itemId, value)`,
    (r) => out.push({ itemId: r[0], value: Number(r[1]), n: Number(r[2]) }),
    surveyId,
    filter.cut,
    filter.cutValue,
    JSON.stringify(unitIds),
  );
  return out;
}

/** Answer counts per child unit, item and value, each child summed over its subtree in SQL (the mapping unit → child travels as JSON). */
export async function childAnswerCounts(db: Db, surveyId: string, filter: CutKey, unitToChild: Record<string, string>, itemIds: string[]) {
  const out: { child: string; itemId: string; value: number; n: number }[] = [];
  await packed(
    db,
    ["child", "itemId", "value", "n"],
    `FROM (SELECT m.child AS child, c.itemId AS itemId, c.value AS value, sum(c.count) AS n
           FROM "SurveyResultCount" c JOIN (SELECT key AS unitId, value AS child FROM json_each(?)) m ON m.unitId = c.unitId
           WHERE c.surveyId = ? AND c.cut = ? AND c.cutValue = ? AND c.itemId IN (SELECT value FROM json_each(?))
           GROUP BY m.child, c.itemId, c.value)`,
    (r) => out.push({ child: r[0], itemId: r[1], value: Number(r[2]), n: Number(r[3]) }),
    JSON.stringify(unitToChild),
    surveyId,
    filter.cut,
    filter.cutValue,
    JSON.stringify(itemIds),
  );
  return out;
}

/** Driver sums per dimension over a list of stored unit ids: one row per dimension (REAL sums, so not packed). Args: surveyId, cut, cutValue, unit ids (JSON). */
export const driverSums = defineQuery(
  "surveys.driverSums",
  z.object({ dimension: col.text, n: col.int, sumX: col.real, sumXX: col.real, sumY: col.real, sumYY: col.real, sumXY: col.real }),
  `SELECT dimension, sum(n) AS n, sum(sumX) AS sumX, sum(sumXX) AS sumXX, sum(sumY) AS sumY, sum(sumYY) AS sumYY, sum(sumXY) AS sumXY
   FROM "SurveyResultDriver" WHERE surveyId = ? AND cut = ? AND cutValue = ? AND unitId IN (SELECT value FROM json_each(?))
   GROUP BY dimension`,
);

const commentRow = z.object({ text: col.text });
const scopeFilter = (scoped: boolean) => (scoped ? `AND r.unitId IN (SELECT value FROM json_each(?))` : "");

/**
 * Every text answer of an item (for a subtree when `scoped`), in no meaningful order: the report
 * groups them into themes. Args: surveyId, itemId, then the unit ids (JSON) when `scoped`.
 */
export function allItemComments(scoped: boolean) {
  return defineQuery(
    "surveys.allItemComments",
    commentRow,
    `SELECT a.text AS text FROM ${scoped ? `"SurveyResponse" r CROSS JOIN "SurveyAnswer" a` : `"SurveyAnswer" a JOIN "SurveyResponse" r`} ON r.id = a.responseId
     WHERE r.surveyId = ? AND a.itemId = ? AND a.text IS NOT NULL AND a.text <> '' ${scopeFilter(scoped)}`,
  );
}
