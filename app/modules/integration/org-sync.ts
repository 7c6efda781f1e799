import { z } from "@hono/zod-openapi";
import { msg } from "~/utils/i18n";
import { isoDate } from "~/utils/validation";
import { code, EmployeeFieldsSchema, LEVELS, UNIT_KINDS } from "~/modules/org/org";

/** Rows per upsert request; larger syncs are sent in several batches. */
export const MAX_SYNC_ROWS = 1000;

export const externalId = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, "errors.code")
  .openapi({ example: "HR-10023" });

export const UnitSyncRowSchema = z
  .object({
    externalId,
    code,
    nameZh: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(100),
    kind: z.enum(UNIT_KINDS),
    parentExternalId: externalId.nullish(),
    parentCode: code.nullish(),
    sortOrder: z.number().int().min(0).max(9999).default(0),
    active: z.boolean().default(true),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (row.parentExternalId && row.parentCode)
      ctx.addIssue({ code: "custom", path: ["parentCode"], message: "integration.errors.oneParentReference" });
  })
  .openapi("UnitSyncRow");

export type UnitSyncRow = z.infer<typeof UnitSyncRowSchema>;

export const EmployeeSyncRowSchema = EmployeeFieldsSchema.omit({ unitCode: true, managerNo: true })
  .extend({
    externalId,
    unitExternalId: externalId.optional(),
    unitCode: code.optional(),
    managerExternalId: externalId.nullish(),
    managerNo: z.string().trim().min(1).max(20).nullish(),
    active: z.boolean().default(true),
    /** A leaver's last working day (YYYY-MM-DD), with active: false. Left out, the day the sync turns them inactive. */
    leftOn: isoDate.nullish(),
  })
  .strict()
  .superRefine((row, ctx) => {
    if (row.leftOn && row.active) ctx.addIssue({ code: "custom", path: ["leftOn"], message: "integration.errors.leftOnWhileActive" });
    if (row.leftOn && row.leftOn < row.hireDate)
      ctx.addIssue({ code: "custom", path: ["leftOn"], message: msg("org.errors.leftBeforeHire", { hireDate: row.hireDate }) });
    if (!LEVELS[row.track].includes(row.level)) ctx.addIssue({ code: "custom", path: ["level"], message: "errors.levelNotOnTrack" });
    if (!row.unitExternalId === !row.unitCode)
      ctx.addIssue({ code: "custom", path: ["unitCode"], message: "integration.errors.oneUnitReference" });
    if (row.managerExternalId && row.managerNo)
      ctx.addIssue({ code: "custom", path: ["managerNo"], message: "integration.errors.oneManagerReference" });
    if (row.managerExternalId === row.externalId || (row.managerNo && row.managerNo === row.employeeNo)) {
      ctx.addIssue({ code: "custom", path: ["managerExternalId"], message: "errors.selfManager" });
    }
  })
  .openapi("EmployeeSyncRow");

export type EmployeeSyncRow = z.infer<typeof EmployeeSyncRowSchema>;

export type SyncRowResult = { externalId: string; id: string; result: "created" | "updated" | "unchanged" };
export type SyncRowError = { row: number; field: string; message: string };
export type SyncOutcome =
  | { ok: true; created: number; updated: number; unchanged: number; results: SyncRowResult[] }
  | { ok: false; conflict: boolean; errors: SyncRowError[] };

/** Counts results into the answer; "unchanged" for every row means the request changed nothing. */
export function summarise(results: SyncRowResult[]): SyncOutcome {
  const count = (r: SyncRowResult["result"]) => results.filter((x) => x.result === r).length;
  return { ok: true, created: count("created"), updated: count("updated"), unchanged: count("unchanged"), results };
}

/** Finds rows that repeat a key another row of the same batch already used. */
export function duplicatesInBatch<R>(rows: R[], fields: (keyof R & string)[]): SyncRowError[] {
  const errors: SyncRowError[] = [];
  for (const field of fields) {
    const seen = new Map<unknown, number>();
    rows.forEach((row, i) => {
      const value = row[field];
      if (value === undefined || value === null) return;
      const first = seen.get(value);
      if (first !== undefined) errors.push({ row: i, field, message: msg("integration.errors.duplicateInBatch", { other: first }) });
      else seen.set(value, i);
    });
  }
  return errors;
}
