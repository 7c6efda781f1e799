import { parse } from "csv-parse/sync";
import { EmployeeSchema, type EmployeeInput } from "./org";
import { msg } from "~/utils/i18n";

export const CSV_COLUMNS = ["employeeNo", "name", "email", "unitCode", "positionCode", "track", "level", "hireDate", "managerNo"] as const;
export const MAX_IMPORT_ROWS = 20_000;

export type RowError = { row: number; field?: string; message: string };
export type ParsedImport = { rows: EmployeeInput[]; errors: RowError[] };

/** Known codes and numbers the import checks every row against. */
export type ImportReference = {
  unitCodes: Set<string>;
  positionCodes: Set<string>;
  /** employeeNo → email of employees already in the database. */
  existing: Map<string, string>;
  /** e-mails already used by other employees, mapped to their employeeNo. */
  emails: Map<string, string>;
};

/**
 * Validates every row before anything is written. Row numbers are the CSV's own line
 * numbers (the header is row 1), so HR can find them in a spreadsheet.
 */
export function parseEmployeeCsv(text: string, ref: ImportReference): ParsedImport {
  const errors: RowError[] = [];
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { skip_empty_lines: true, relax_column_count: true, trim: true });
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return { rows: [], errors: [{ row: line ?? 1, message: msg("import.errors.malformed") }] };
  }
  if (records.length === 0) return { rows: [], errors: [{ row: 1, message: msg("import.errors.empty") }] };
  const header = records[0].map((h) => h.trim());
  const missing = CSV_COLUMNS.filter((c) => c !== "managerNo" && !header.includes(c));
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  if (missing.length || unknown.length) {
    if (missing.length) errors.push({ row: 1, message: msg("import.errors.missingColumns", { columns: missing.join(", ") }) });
    if (unknown.length) errors.push({ row: 1, message: msg("import.errors.unknownColumns", { columns: unknown.join(", ") }) });
    return { rows: [], errors };
  }
  if (records.length - 1 > MAX_IMPORT_ROWS) {
    return { rows: [], errors: [{ row: 1, message: msg("import.errors.tooManyRows", { max: MAX_IMPORT_ROWS }) }] };
  }
  if (records.length === 1) return { rows: [], errors: [{ row: 1, message: msg("import.errors.noRows") }] };

  const rows: EmployeeInput[] = [];
  const seenNo = new Map<string, number>();
  const seenEmail = new Map<string, number>();
  records.slice(1).forEach((record, index) => {
    const row = index + 2;
    if (record.length !== header.length) {
      errors.push({ row, message: msg("import.errors.columnCount", { expected: header.length, got: record.length }) });
      return;
    }
    const object = Object.fromEntries(header.map((h, i) => [h, record[i] === "" ? undefined : record[i]]));
    const parsed = EmployeeSchema.safeParse(object);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ row, field: issue.path.join("."), message: issue.message });
      return;
    }
    const e = parsed.data;
    if (!ref.unitCodes.has(e.unitCode))
      errors.push({ row, field: "unitCode", message: msg("import.errors.unknownUnit", { code: e.unitCode }) });
    if (!ref.positionCodes.has(e.positionCode))
      errors.push({ row, field: "positionCode", message: msg("import.errors.unknownPosition", { code: e.positionCode }) });
    const dupRow = seenNo.get(e.employeeNo);
    if (dupRow) errors.push({ row, field: "employeeNo", message: msg("import.errors.duplicateInFile", { other: dupRow }) });
    seenNo.set(e.employeeNo, row);
    const emailRow = seenEmail.get(e.email);
    if (emailRow) errors.push({ row, field: "email", message: msg("import.errors.duplicateInFile", { other: emailRow }) });
    seenEmail.set(e.email, row);
    const owner = ref.emails.get(e.email);
    if (owner && owner !== e.employeeNo) errors.push({ row, field: "email", message: msg("import.errors.emailTaken") });
    rows.push(e);
  });
  // Managers may be earlier rows, later rows or existing employees.
  rows.forEach((e) => {
    if (e.managerNo && !seenNo.has(e.managerNo) && !ref.existing.has(e.managerNo)) {
      errors.push({
        row: seenNo.get(e.employeeNo) ?? 0,
        field: "managerNo",
        message: msg("import.errors.unknownManager", { no: e.managerNo }),
      });
    }
  });
  errors.sort((a, b) => a.row - b.row);
  return { rows: errors.length ? [] : rows, errors };
}
