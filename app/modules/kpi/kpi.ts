import { isoDate, z } from "~/utils/validation";
import { KPI_UNITS } from "./units";

export const DIRECTIONS = ["higher", "lower"] as const;
export const KPI_KINDS = ["quantitative", "rated"] as const;
export const KPI_SOURCES = ["manual", "csv", "api"] as const;
/** Columns of the actuals CSV. */
export const ACTUAL_COLUMNS = ["employeeNo", "kpiCode", "value"] as const;
export const PERIOD_KINDS = ["month", "quarter", "year"] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

const checkbox = z
  .union([z.literal("on"), z.literal("true"), z.literal("1")])
  .optional()
  .transform((v) => v !== undefined);

export const kpiCode = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Z][A-Z0-9_]*$/, "kpi.errors.code");

export const KpiSchema = z
  .object({
    code: kpiCode,
    nameZh: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(100),
    unit: z.enum(KPI_UNITS),
    direction: z.enum(DIRECTIONS),
    kind: z.enum(KPI_KINDS),
    source: z.enum(KPI_SOURCES),
    basicWork: checkbox,
    active: checkbox,
  })
  .strict()
  .superRefine((v, ctx) => {
    if ((v.kind === "rated") !== (v.unit === "rating")) ctx.addIssue({ code: "custom", path: ["unit"], message: "kpi.errors.ratedUnit" });
    if (v.kind === "rated" && v.direction !== "higher")
      ctx.addIssue({ code: "custom", path: ["direction"], message: "kpi.errors.ratedDirection" });
  });
export type KpiInput = z.infer<typeof KpiSchema>;

export const PeriodSchema = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(20)
      .regex(/^[0-9A-Za-z-]+$/, "errors.code"),
    kind: z.enum(PERIOD_KINDS),
    startsOn: isoDate,
    endsOn: isoDate,
  })
  .strict()
  .refine((v) => v.endsOn >= v.startsOn, { path: ["endsOn"], message: "kpi.errors.endsBeforeStart" });
export type PeriodInput = z.infer<typeof PeriodSchema>;

/** Typed values (yuan, percent…) stay strings here; the service converts them with the KPI's unit. */
const typed = z.string().trim().min(1).max(30);

/** Cap in points with up to two decimals, e.g. "120" → 12000. */
export const capPoints = z
  .string()
  .trim()
  .regex(/^\d{1,3}(\.\d{1,2})?$/, "kpi.errors.cap")
  .transform((v) => {
    const [whole, fraction = ""] = v.split(".");
    return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
  })
  .refine((v) => v >= 10_000 && v <= 20_000, "kpi.errors.cap");

export const PlanLineSchema = z
  .object({
    kpiId: z.string().trim().min(1).max(64),
    weight: z.coerce.number().int().min(1).max(100),
    threshold: typed,
    target: typed,
    stretch: typed,
    cap: capPoints,
  })
  .strict();

export const PlanFormSchema = z
  .object({
    intent: z.literal("plan"),
    lines: z.array(PlanLineSchema).min(1, "kpi.errors.noLines").max(20),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type PlanFormInput = z.infer<typeof PlanFormSchema>;

export const CheckInSchema = z
  .object({
    intent: z.literal("checkin"),
    heldOn: isoDate,
    notes: z.string().trim().min(1).max(4000),
    actions: z.string().trim().max(4000).default(""),
  })
  .strict();
