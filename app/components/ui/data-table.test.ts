import { describe, expect, it } from "vitest";
import { rowCells, type Column } from "./data-table";

type Row = { name: string; suppressed: boolean };
const column = (key: string, span?: (row: Row) => number | undefined): Column<Row> => ({ key, header: key, cell: (r) => r.name, span });

describe("a row's cells", () => {
  const columns = [column("unit"), column("invited", (r) => (r.suppressed ? 3 : undefined)), column("answered"), column("rate")];

  it("has one cell per column when nothing spans", () => {
    expect(rowCells(columns, { name: "a", suppressed: false }).map((c) => [c.column.key, c.colSpan])).toEqual([
      ["unit", undefined],
      ["invited", undefined],
      ["answered", undefined],
      ["rate", undefined],
    ]);
  });

  it("lets a cell cover the next columns, never past the last", () => {
    expect(rowCells(columns, { name: "a", suppressed: true }).map((c) => [c.column.key, c.colSpan])).toEqual([
      ["unit", undefined],
      ["invited", 3],
    ]);
    const wide = [column("unit"), column("invited", () => 9), column("answered")];
    expect(rowCells(wide, { name: "a", suppressed: true }).map((c) => [c.column.key, c.colSpan])).toEqual([
      ["unit", undefined],
      ["invited", 2],
    ]);
  });
});
