import { msg } from "~/utils/i18n";
import { z } from "~/utils/validation";
import type { AttendanceEntry } from "./enrolment.server";

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/);
const score = z.union([z.literal("").transform(() => null), z.coerce.number().finite().int().min(0).max(1000)]);
const attendance = z.union([z.literal("").transform(() => null), z.enum(["attended", "absent"])]);

/**
 * The attendance sheet: one `enrolmentId` per row and, per row, `attendance-<id>`,
 * `pre-<id>` and `post-<id>`. Any other field is refused.
 */
export function parseAttendanceSheet(formData: FormData): { ok: true; entries: AttendanceEntry[] } | { ok: false; key: string } {
  const ids = formData.getAll("enrolmentId").map(String);
  const parsedIds = z.array(id).min(1).max(1000).safeParse(ids);
  if (!parsedIds.success || new Set(ids).size !== ids.length) return { ok: false, key: "errors.invalidFormat" };
  const allowed = new Set(["intent", "enrolmentId", ...ids.flatMap((i) => [`attendance-${i}`, `pre-${i}`, `post-${i}`])]);
  for (const key of formData.keys()) if (!allowed.has(key)) return { ok: false, key: msg("errors.unknownFields", { fields: key }) };
  const entries: AttendanceEntry[] = [];
  for (const i of ids) {
    const a = attendance.safeParse(formData.get(`attendance-${i}`) ?? "");
    const pre = score.safeParse(formData.get(`pre-${i}`) ?? "");
    const post = score.safeParse(formData.get(`post-${i}`) ?? "");
    if (!a.success) return { ok: false, key: "errors.invalidChoice" };
    if (!pre.success || !post.success) return { ok: false, key: "training.errors.scoreInvalid" };
    entries.push({ enrolmentId: i, attendance: a.data, preScore: pre.data, postScore: post.data });
  }
  return { ok: true, entries };
}

export const EnrolmentIdSchema = z.object({ intent: z.string(), enrolmentId: id }).strict();
/** A nomination names the person as the picker gives them ("Name · E000123") or by employee number. */
export const NominateSchema = z.object({ intent: z.string(), employee: z.string().trim().min(1).max(120) }).strict();
export const CapacitySchema = z.object({ intent: z.string(), capacity: z.coerce.number().int().min(1).max(1000) }).strict();
export const IntentOnly = z.object({ intent: z.string() }).strict();
