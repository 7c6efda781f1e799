import type { Db } from "~/utils/db.server";
import { monthsBetween } from "~/modules/careers/dates";

export type RotationFacts = { completedRotations: number; monthsRotated: number; types: string[] };

function summarise(rows: { type: string; startDate: Date; endDate: Date }[]): RotationFacts {
  return {
    completedRotations: rows.length,
    monthsRotated: rows.reduce((sum, r) => sum + monthsBetween(r.startDate, new Date(r.endDate.getTime() + 86_400_000)), 0),
    types: [...new Set(rows.map((r) => r.type))].sort(),
  };
}

/** Completed rotations of one employee: how many, whole months away (end day inclusive), which types. */
export async function rotationFacts(db: Db, employeeId: string): Promise<RotationFacts> {
  const rows = await db.rotationAssignment.findMany({
    where: { employeeId, status: "completed" },
    select: { type: true, startDate: true, endDate: true },
  });
  return summarise(rows);
}

/** The same for many employees in one query (eligibility lists). */
export async function rotationFactsFor(db: Db, employeeIds: string[]): Promise<Map<string, RotationFacts>> {
  const rows = await db.rotationAssignment.findMany({
    where: { employeeId: { in: employeeIds }, status: "completed" },
    select: { employeeId: true, type: true, startDate: true, endDate: true },
  });
  return new Map(employeeIds.map((id) => [id, summarise(rows.filter((r) => r.employeeId === id))]));
}
