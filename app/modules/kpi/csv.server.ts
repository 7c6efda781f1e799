import { parse } from "csv-parse/sync";
import { msg } from "~/utils/i18n";
import type { ActualRowError, ActualRowInput } from "./actuals.server";
import { ACTUAL_COLUMNS } from "./kpi";
import { parseValue } from "./units";

/**
 * Reads an actuals CSV. Values are typed as people read them (yuan, percent, points) and
 * converted exactly with the KPI's unit; a value that does not parse becomes NaN so that
 * the import reports it with its row. Row i of the result is CSV line i + 2.
 */
export function parseActualsCsv(text: string, unitByCode: Map<string, string>): { rows: ActualRowInput[]; errors: ActualRowError[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    return { rows: [], errors: [{ row: (error as { lines?: number }).lines ?? 1, message: msg("import.errors.malformed") }] };
  }
  if (records.length === 0) return { rows: [], errors: [{ row: 1, message: msg("import.errors.empty") }] };
  const header = records[0].map((h) => h.trim());
  const missing = ACTUAL_COLUMNS.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(ACTUAL_COLUMNS as readonly string[]).includes(h));
  const errors: ActualRowError[] = [];
  if (missing.length) errors.push({ row: 1, message: msg("import.errors.missingColumns", { columns: missing.join(", ") }) });
  if (unknown.length) errors.push({ row: 1, message: msg("import.errors.unknownColumns", { columns: unknown.join(", ") }) });
  if (errors.length) return { rows: [], errors };
  const at = (name: string) => header.indexOf(name);
  const rows: ActualRowInput[] = [];
  records.slice(1).forEach((record, index) => {
    if (record.length !== header.length) {
      errors.push({ row: index + 2, message: msg("import.errors.columnCount", { expected: header.length, got: record.length }) });
    }
    const kpiCode = record[at("kpiCode")] ?? "";
    const unit = unitByCode.get(kpiCode) ?? "count";
    rows.push({ employeeNo: record[at("employeeNo")] ?? "", kpiCode, value: parseValue(unit, record[at("value")] ?? "") ?? Number.NaN });
  });
  return { rows, errors };
}
