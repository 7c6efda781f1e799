import { describe, expect, it } from "vitest";
import { z } from "zod";
import { bulkWrite, db } from "./db.server";
import { col, defineQuery, exec, firstRow, rows, RowShapeError } from "./sql.server";

const unitRow = z.object({ code: col.text, active: col.bool, createdAt: col.date, n: col.int });

describe("queries with checked rows", () => {
  it("decodes integers, booleans and stored dates, on the Prisma client and inside a transaction", async () => {
    const q = defineQuery(
      "test.one",
      unitRow,
      `SELECT 'U1' AS "code", 1 AS "active", '2026-03-01T08:00:00.000+00:00' AS "createdAt", 3 AS "n"`,
    );
    const expected = { code: "U1", active: true, createdAt: new Date("2026-03-01T08:00:00Z"), n: 3 };
    expect(await rows(db, q)).toEqual([expected]);
    expect(await bulkWrite(db, (tx) => firstRow(tx, q))).toEqual(expected);
  });

  it("reads SUM over nothing as 0 and passes arguments", async () => {
    const q = defineQuery("test.sum", z.object({ total: col.sum }), `SELECT SUM(x) AS "total" FROM (SELECT 1 AS x WHERE ? = 1) t`);
    expect(await firstRow(db, q, [0])).toEqual({ total: 0 });
    expect(await firstRow(db, q, [1])).toEqual({ total: 1 });
  });

  it("fails loudly, with the query's name, when a row has another shape", async () => {
    const q = defineQuery("test.renamed", unitRow, `SELECT 'U1' AS "code", 1 AS "active", 'x' AS "createdAt", 'three' AS "n"`);
    await expect(rows(db, q)).rejects.toThrow(RowShapeError);
    await expect(rows(db, q)).rejects.toThrow(/test\.renamed.*n:/);
  });

  it("counts the rows a statement changed", async () => {
    const changed = await bulkWrite(db, (tx) => exec(tx, `UPDATE "Position" SET "code" = "code" WHERE 1 = ?`, [1]));
    expect(changed).toBe(await db.position.count());
  });
});
