import type { Db } from "~/utils/db.server";
import { hoursFromTenths } from "../training";

export type TrainingFacts = { hoursLast12Months: number; completedCourseCodes: string[]; certificates: string[] };

/**
 * What other capabilities may know about one employee's training: hours completed in the
 * last 12 months, the codes of every course completed (ever), and certificate numbers.
 */
export async function trainingFacts(db: Db, employeeId: string, now = new Date()): Promise<TrainingFacts> {
  const since = new Date(now);
  since.setUTCFullYear(since.getUTCFullYear() - 1);
  const rows = await db.trainingEnrolment.findMany({
    where: { employeeId, completedAt: { not: null } },
    select: { certificateNo: true, session: { select: { endsAt: true, course: { select: { code: true, hoursTenths: true } } } } },
    orderBy: { session: { endsAt: "asc" } },
  });
  let tenths = 0;
  for (const r of rows) if (r.session.endsAt >= since && r.session.endsAt <= now) tenths += r.session.course.hoursTenths;
  return {
    hoursLast12Months: hoursFromTenths(tenths),
    completedCourseCodes: [...new Set(rows.map((r) => r.session.course.code))],
    certificates: rows.flatMap((r) => (r.certificateNo ? [r.certificateNo] : [])),
  };
}
