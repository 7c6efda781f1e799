import { z } from "~/utils/validation";
import { FeedMappingSchema } from "./feed-mapping";
import { httpUrl } from "./http-url";

const headerName = z
  .string()
  .trim()
  .max(64)
  .regex(/^$|^[A-Za-z0-9-]+$/, "errors.invalidFormat")
  .optional()
  .transform((v) => (v ? v : undefined));

/** The feed form, shared by page and server; the secret is write-only. */
export const FeedFormSchema = z
  .object({
    intent: z.literal("save"),
    name: z.string().trim().min(1).max(80),
    url: httpUrl,
    authHeaderName: headerName,
    authSecret: z
      .string()
      .max(500)
      .optional()
      .transform((v) => (v ? v : undefined)),
    periodId: z.string().min(1).max(64),
    intervalMinutes: z.coerce.number().int().min(5).max(10080).default(60),
    enabled: z.literal("on").optional(),
    rowsPath: FeedMappingSchema.shape.rowsPath,
    employeeField: FeedMappingSchema.shape.employeeField,
    kpiField: FeedMappingSchema.shape.kpiField,
    valueField: FeedMappingSchema.shape.valueField,
  })
  .strict();

export function feedInput(value: z.infer<typeof FeedFormSchema>) {
  const { rowsPath, employeeField, kpiField, valueField, enabled, authSecret, intent: _intent, ...rest } = value;
  return { ...rest, enabled: enabled === "on", authSecret, mapping: { rowsPath, employeeField, kpiField, valueField } };
}
