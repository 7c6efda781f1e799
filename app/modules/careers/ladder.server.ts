import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { TRACKS } from "~/modules/org/org";
import { parseCodeList, splitList, type LevelCriteria } from "./criteria";
import { gradeOrderProblem } from "./ladder";
import type { LevelFormInput } from "./schemas";
import { fieldError } from "~/utils/domain-error";

export type CareerLevelRow = Awaited<ReturnType<typeof listLevels>>[number];

/** Every level, by track (management, technical, skill) and rank. */
export async function listLevels(db: Db) {
  const rows = await db.careerLevel.findMany();
  return rows.sort((a, b) => TRACKS.indexOf(a.track as never) - TRACKS.indexOf(b.track as never) || a.rank - b.rank);
}

export function levelCriteria(level: {
  minMonthsInLevel: number | null;
  minKpiAverage: number | null;
  kpiPeriods: number;
  minTrainingHours: number | null;
  requiredCoursesJson: string;
  requiredCertificatesJson: string;
  minRotations: number | null;
}): LevelCriteria {
  return {
    minMonthsInLevel: level.minMonthsInLevel,
    minKpiAverage: level.minKpiAverage,
    kpiPeriods: level.kpiPeriods,
    minTrainingHours: level.minTrainingHours,
    requiredCourses: parseCodeList(level.requiredCoursesJson),
    requiredCertificates: parseCodeList(level.requiredCertificatesJson),
    minRotations: level.minRotations,
  };
}

export async function updateLevel(db: Db, actorId: string, code: string, input: LevelFormInput) {
  const before = await db.careerLevel.findUnique({ where: { code } });
  if (!before) throw fieldError("code", "errors.notFound");
  const data = {
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    descriptionZh: input.descriptionZh,
    descriptionEn: input.descriptionEn,
    competenciesZh: input.competenciesZh,
    competenciesEn: input.competenciesEn,
    minMonthsInLevel: input.minMonthsInLevel,
    // Typed in points, kept in hundredths (the KPI engine's unit); rounded once, here.
    minKpiAverage: input.minKpiAverage === null ? null : Math.round(input.minKpiAverage * 100),
    kpiPeriods: input.kpiPeriods,
    minTrainingHours: input.minTrainingHours,
    requiredCoursesJson: JSON.stringify(splitList(input.requiredCourses)),
    requiredCertificatesJson: JSON.stringify(splitList(input.requiredCertificates)),
    minRotations: input.minRotations,
  };
  await db.$transaction(async (tx) => {
    await tx.careerLevel.update({ where: { code }, data });
    await audit(tx, { actorId, action: "career.level.update", entity: "CareerLevel", entityId: code, before, after: data });
  });
}

/** Saves the equivalence matrix (a grade per level). */
export async function saveGrades(db: Db, actorId: string, grades: Record<string, number>) {
  const levels = await db.careerLevel.findMany({ select: { code: true, track: true, rank: true, grade: true } });
  const next = levels.map((l) => ({ ...l, grade: grades[l.code] ?? l.grade }));
  const problem = gradeOrderProblem(next);
  if (problem) throw fieldError(`grade.${problem}`, "careers.errors.gradeOrder");
  const changed = next.filter((l) => levels.find((o) => o.code === l.code)!.grade !== l.grade);
  if (changed.length === 0) return 0;
  await db.$transaction(async (tx) => {
    for (const l of changed) await tx.careerLevel.update({ where: { code: l.code }, data: { grade: l.grade } });
    await audit(tx, {
      actorId,
      action: "career.matrix.update",
      entity: "CareerLevel",
      entityId: "*",
      before: Object.fromEntries(levels.map((l) => [l.code, l.grade])),
      after: Object.fromEntries(next.map((l) => [l.code, l.grade])),
    });
  });
  return changed.length;
}
