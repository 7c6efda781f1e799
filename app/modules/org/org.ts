import { isoDate, z } from "~/utils/validation";

export const UNIT_KINDS = ["company", "branch", "department", "room"] as const;
export const TRACKS = ["management", "technical", "skill"] as const;
export type Track = (typeof TRACKS)[number];

/** Level codes per career track: M1–M5, T1–T7, S1–S7. */
export const LEVELS: Record<Track, string[]> = {
  management: ["M1", "M2", "M3", "M4", "M5"],
  technical: ["T1", "T2", "T3", "T4", "T5", "T6", "T7"],
  skill: ["S1", "S2", "S3", "S4", "S5", "S6", "S7"],
};

/** A unit may sit only under a unit of a broader kind. */
const KIND_RANK: Record<(typeof UNIT_KINDS)[number], number> = { company: 0, branch: 1, department: 2, room: 3 };

export function mayContain(parentKind: string, childKind: string) {
  const p = KIND_RANK[parentKind as keyof typeof KIND_RANK];
  const c = KIND_RANK[childKind as keyof typeof KIND_RANK];
  return p !== undefined && c !== undefined && (c > p || (c === p && c === 1)); // branches may nest (county under city)
}

export const code = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "errors.code");

export const UnitFormSchema = z
  .object({
    code,
    nameZh: z.string().trim().min(1).max(100),
    nameEn: z.string().trim().min(1).max(100),
    kind: z.enum(UNIT_KINDS),
    parentId: z.string().trim().max(64).optional(),
    sortOrder: z.coerce.number().int().min(0).max(9999).default(0),
  })
  .strict();

const platformUserId = z
  .string()
  .trim()
  .max(64)
  .regex(/^[A-Za-z0-9_.@-]*$/, "errors.invalidFormat")
  .optional()
  .transform((v) => (v === undefined ? undefined : v === "" ? null : v));

export const EmployeeFieldsSchema = z.object({
  employeeNo: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .regex(/^[A-Za-z0-9_-]+$/, "errors.code"),
  name: z.string().trim().min(1).max(50),
  email: z.string().trim().toLowerCase().max(200).email(),
  unitCode: code,
  positionCode: code,
  track: z.enum(TRACKS),
  level: z.string().trim().min(1).max(8),
  hireDate: isoDate,
  managerNo: z
    .string()
    .trim()
    .max(20)
    .optional()
    .transform((v) => (v ? v : undefined)),
  /** WeCom UserID and DingTalk userid. Absent (a CSV without the column) keeps what is stored; empty clears it. */
  wecomUserId: platformUserId,
  dingtalkUserId: platformUserId,
});

export const EmployeeSchema = EmployeeFieldsSchema.strict().superRefine((value, ctx) => {
  if (!LEVELS[value.track].includes(value.level)) {
    ctx.addIssue({ code: "custom", path: ["level"], message: "errors.levelNotOnTrack" });
  }
  if (value.managerNo && value.managerNo === value.employeeNo) {
    ctx.addIssue({ code: "custom", path: ["managerNo"], message: "errors.selfManager" });
  }
});

export type EmployeeInput = z.infer<typeof EmployeeSchema>;

/** Years of service banded for survey cuts; coarse on purpose. */
export function tenureBand(hireDate: Date, now = new Date()) {
  const years = (now.getTime() - hireDate.getTime()) / (365.25 * 24 * 3600 * 1000);
  if (years < 3) return "lt3";
  if (years < 10) return "3to10";
  return "gt10";
}

/** Deactivating an employee (a leaver): the last day worked. The bounds that need the record are checked by `setEmployeeActive`. */
export const LeavingSchema = z.object({ intent: z.literal("deactivate"), leftOn: isoDate }).strict();
