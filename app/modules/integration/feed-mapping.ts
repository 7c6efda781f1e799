import { z } from "~/utils/validation";

const fieldPath = z
  .string()
  .trim()
  .max(100)
  .regex(/^$|^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, "errors.invalidFormat");

/** Where the rows sit in the endpoint's JSON, and which field of a row holds what. */
export const FeedMappingSchema = z
  .object({
    rowsPath: fieldPath.default(""),
    employeeField: fieldPath.pipe(z.string().min(1)),
    kpiField: fieldPath.pipe(z.string().min(1)),
    valueField: fieldPath.pipe(z.string().min(1)),
  })
  .strict();
export type FeedMapping = z.infer<typeof FeedMappingSchema>;

function at(value: unknown, path: string): unknown {
  if (!path) return value;
  let cursor = value;
  for (const key of path.split(".")) {
    if (cursor === null || typeof cursor !== "object" || !Object.prototype.hasOwnProperty.call(cursor, key)) return undefined;
    cursor = (cursor as Record<string, unknown>)[key];
  }
  return cursor;
}

/** A number given as a JSON number or a plain decimal string ("1250000"); anything else is kept to be refused. */
function numeric(value: unknown): unknown {
  if (typeof value === "string" && /^-?\d+$/.test(value.trim())) return Number(value.trim());
  return value;
}

/**
 * Turns an endpoint's document into actual rows for the KPI import, or null when there is no
 * array at the rows path. Values are not judged here: the KPI import refuses bad ones by row.
 */
export function mapFeedRows(document: unknown, mapping: FeedMapping) {
  const rows = at(document, mapping.rowsPath);
  if (!Array.isArray(rows)) return null;
  return rows.map((row) => ({
    employeeNo: String(at(row, mapping.employeeField) ?? "").trim(),
    kpiCode: String(at(row, mapping.kpiField) ?? "").trim(),
    value: numeric(at(row, mapping.valueField)) as number,
  }));
}
