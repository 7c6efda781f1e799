import { describe, expect, it } from "vitest";
import { z } from "zod";
import { db, readSnapshot } from "~/utils/db.server";
import { eachPackedRow } from "~/utils/packed-rows.server";
import { rows, type Query, type RowSchema } from "~/utils/sql.server";
import * as suggestionQueries from "../suggestions/queries.server";
import * as queries from "./queries.server";

const defined = (module: object) =>
  Object.values(module).filter((v): v is Query<RowSchema> => typeof v === "object" && v !== null && "sql" in v && "row" in v);

/** Compiles a statement against the migrated schema without running it (EXPLAIN, every `?` bound to NULL). */
const prepare = (q: Query<RowSchema>) =>
  rows(db, { ...q, sql: `EXPLAIN ${q.sql}`, row: z.unknown() }, new Array(q.sql.split("?").length - 1).fill(null));

describe("the surveys' and suggestions' statements", () => {
  it("every defined read names tables and columns the schema has", async () => {
    const all = [...defined(queries), queries.allItemComments(true), queries.allItemComments(false)];
    expect(all.length).toBeGreaterThan(15);
    for (const q of all) await expect(prepare(q), q.name).resolves.toBeInstanceOf(Array);
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
      expect(step.args?.length, step.sql).toBe(step.sql.split("?").length - 1);
      await expect(prepare({ name: step.sql, sql: step.sql, row: z.unknown() }), step.sql).resolves.toBeInstanceOf(Array);
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
    const { columns, from } = queries.respondentAnswers;
    await readSnapshot(db, (tx) => eachPackedRow(tx, columns, from, (row) => seen.push([...row]), none));
    expect(seen).toEqual([]);
  });
});
