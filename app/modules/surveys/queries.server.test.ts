import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db, dialectOf, readSnapshot } from "~/utils/db.server";
import { eachPacked, packingSql, type PackedRead } from "~/utils/packed-rows.server";
import { onPostgres, rows, type Query, type RowSchema } from "~/utils/sql.server";
import * as suggestionQueries from "../suggestions/queries.server";
import * as queries from "./queries.server";

const defined = (module: object) =>
  Object.values(module).filter((v): v is Query<RowSchema> => typeof v === "object" && v !== null && "sql" in v && "row" in v);

/** A statement as it runs on the test database (its PostgreSQL form there). */
const form = (s: { sql: string; postgres?: string }) => (onPostgres(db) ? (s.postgres ?? s.sql) : s.sql);

/** Compiles a statement against the migrated schema without running it (EXPLAIN, every `?` bound to NULL). */
const prepare = (q: Query<RowSchema>) => {
  const sql = form(q);
  return rows(db, { name: q.name, sql: `EXPLAIN ${sql}`, row: z.unknown() }, new Array(sql.split("?").length - 1).fill(null));
};

/** A packed read's statement as it runs (its PostgreSQL form on PostgreSQL). */
const packedQuery = (name: string, read: PackedRead): Query<RowSchema> => ({
  name,
  sql: packingSql("sqlite", read.columns, read.from),
  postgres: packingSql("postgres", read.postgres?.columns ?? read.columns, read.postgres?.from ?? read.from),
  row: z.unknown(),
});

describe("the surveys' and suggestions' statements", () => {
  it("every defined read names tables and columns the schema has", async () => {
    const all = [...defined(queries), queries.allItemComments(true), queries.allItemComments(false)];
    expect(all.length).toBeGreaterThan(15);
    for (const q of all) await expect(prepare(q), q.name).resolves.toBeInstanceOf(Array);
  });

  it("so does every packed read", async () => {
    const cut = { cut: "track", cutValue: "skill" };
    const reads: [string, PackedRead][] = [
      ["invitedPerReportingUnit", queries.invitedPerReportingUnit("s")],
      ["answeredPerUnit", queries.answeredPerUnit("s")],
      ["respondentAnswers", queries.respondentAnswers("s")],
      ["invitedPerUnit", queries.invitedPerUnit("s")],
      ["keptGroups", queries.keptGroups("s", "track")],
      ["keptReach", queries.keptReach("s", "track")],
      ["keptAnswerCounts", queries.keptAnswerCounts("s", cut, ["u"])],
      ["keptChildAnswerCounts", queries.keptChildAnswerCounts("s", cut, { u: "c" }, ["i"])],
    ];
    for (const [name, read] of reads) {
      expect(read.params.length, name).toBe(form(packedQuery(name, read)).split("?").length - 1);
      await expect(prepare(packedQuery(name, read)), name).resolves.toBeInstanceOf(Array);
    }
  });

  it("so does every step of the anonymous write plans", async () => {
    const response = { id: "r", surveyId: "s", unitId: null, track: null, tenureBand: null };
    const steps = [
      queries.markTokenTaken({ surveyId: "s", employeeId: "e", blindedHash: "h" }),
      queries.spendSurveyToken("s", "h"),
      ...queries.insertResponse(response, [{ itemId: "i", value: 1, text: null }]),
      suggestionQueries.followUpCodeUnused("h"),
      suggestionQueries.spendSuggestionToken("h"),
      suggestionQueries.insertAnonymousSuggestion({
        id: "x",
        title: "t",
        body: "b",
        category: "c",
        unitId: "u",
        period: "p",
        followUpHash: "h",
      }),
    ];
    for (const step of steps) {
      for (const sql of [step.sql, step.postgres ?? step.sql]) expect(step.args?.length, sql).toBe(sql.split("?").length - 1);
      await expect(
        prepare({ name: step.sql, sql: step.sql, postgres: step.postgres, row: z.unknown() }),
        form(step),
      ).resolves.toBeInstanceOf(Array);
    }
  });

  it("a statement naming a column the schema lacks is refused (so the check above can fail)", async () => {
    const renamed = { ...queries.surveyItems, sql: queries.surveyItems.sql.replace('"itemsJson"', '"itemJson"') };
    await expect(prepare(renamed)).rejects.toThrow(/itemJson/);
  });

  it("every packed read runs and finds nothing for a survey that does not exist", async () => {
    const none = "no-such-survey";
    expect(await queries.liveUnitCounts(db, none)).toEqual({ invited: [], answered: [] });
    expect(await queries.invitedByUnit(db, none)).toEqual([]);
    expect(await queries.resultGroups(db, none, "track")).toEqual([]);
    expect(await queries.resultReach(db, none, "")).toEqual([]);
    expect(await queries.answerCounts(db, none, { cut: "", cutValue: "" }, ["org"])).toEqual([]);
    expect(await queries.childAnswerCounts(db, none, { cut: "", cutValue: "" }, { u: "c" }, ["i"])).toEqual([]);
    const seen: string[][] = [];
    await readSnapshot(db, (tx) => eachPacked(tx, queries.respondentAnswers(none), (row) => seen.push([...row])));
    expect(seen).toEqual([]);
  });

  it("runs on the database the tests run on", () => {
    expect(dialectOf(db)).toBe(process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite");
  });
});
