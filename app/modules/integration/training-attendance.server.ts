import type { Db } from "~/utils/db.server";
import { DomainError } from "~/utils/domain-error";
import { recordAttendance, type AttendanceEntry } from "~/modules/training/sessions/enrolment.server";

export type AttendanceRow = {
  employeeNo: string;
  attendance: "attended" | "absent" | null;
  preScore: number | null;
  postScore: number | null;
};
export type AttendanceOutcome =
  | { ok: true; received: number; changed: number; unchanged: number }
  | { ok: false; status: 400 | 404 | 409; errors: { row?: number; field: string; message: string }[] };

/**
 * Attendance and scores of a session's enrolled participants by employee number, through the
 * training module's rules; all rows or none, and a repeat says it changed nothing.
 */
export async function recordSessionAttendance(
  db: Db,
  actorId: string,
  sessionId: string,
  rows: AttendanceRow[],
): Promise<AttendanceOutcome> {
  if (!(await db.trainingSession.findUnique({ where: { id: sessionId }, select: { id: true } })))
    return { ok: false, status: 404, errors: [{ field: "sessionId", message: "errors.notFound" }] };
  const roster = await db.trainingEnrolment.findMany({
    where: { sessionId, status: "enrolled" },
    select: { id: true, attendance: true, preScore: true, postScore: true, employee: { select: { employeeNo: true } } },
  });
  const byNo = new Map(roster.map((e) => [e.employee.employeeNo, e]));
  const errors: { row: number; field: string; message: string }[] = [];
  const seen = new Set<string>();
  const entries: AttendanceEntry[] = [];
  let unchanged = 0;
  rows.forEach((row, i) => {
    const enrolment = byNo.get(row.employeeNo);
    if (!enrolment) return void errors.push({ row: i, field: "employeeNo", message: "training.errors.notOnRoster" });
    if (seen.has(row.employeeNo)) return void errors.push({ row: i, field: "employeeNo", message: "integration.errors.duplicateInBatch" });
    seen.add(row.employeeNo);
    if (enrolment.attendance === row.attendance && enrolment.preScore === row.preScore && enrolment.postScore === row.postScore)
      unchanged++;
    entries.push({ enrolmentId: enrolment.id, attendance: row.attendance, preScore: row.preScore, postScore: row.postScore });
  });
  if (errors.length) return { ok: false, status: 400, errors };
  if (unchanged < rows.length) {
    try {
      await recordAttendance(db, actorId, sessionId, entries);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return {
        ok: false,
        status: error.status === 404 || error.status === 409 ? error.status : 400,
        errors: [{ field: error.field ?? "", message: error.message }],
      };
    }
  }
  return { ok: true, received: rows.length, changed: rows.length - unchanged, unchanged };
}
