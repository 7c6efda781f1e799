import { audit } from "~/modules/audit/audit.server";
import { isInScope, type Actor } from "~/modules/auth/scope";
import type { Db } from "~/utils/db.server";
import { rows as queryRows } from "~/utils/sql.server";
import { runCalibrations, unitRatingCounts } from "./queries.server";
import { bandRatings, checkDistribution, guidelineProblem, type Guideline, type RatingRange } from "./calibration";
import { currentParams } from "./config.server";
import { inputsPacker, unpackInputs, type PackedInputs } from "./line-snapshot";
import { employeeLine, lineRating, type RunSnapshot } from "./payroll";
import { formError } from "~/utils/domain-error";

/** The period's guideline, or null when none is set (then nothing is checked). */
export async function guidelineOf(db: Db, periodId: string): Promise<Guideline | null> {
  const row = await db.payRatingGuideline.findUnique({ where: { periodId }, select: { rangesJson: true } });
  return row ? { ranges: JSON.parse(row.rangesJson) as RatingRange[] } : null;
}

/** Sets a period's guideline (HR): ratings of the current coefficient table, ranges that can hold. Audited. */
export async function saveGuideline(db: Db, actorId: string, periodId: string, ranges: RatingRange[]) {
  const period = await db.appraisalPeriod.findUnique({ where: { id: periodId }, select: { id: true, kind: true, code: true } });
  if (!period) throw formError("pay.errors.unknownPeriod");
  const params = await currentParams(db, period.kind);
  if ("error" in params) throw formError(params.error);
  const problem = guidelineProblem({ ranges }, bandRatings(params.coefficients.bands));
  if (problem) throw formError(problem);
  const before = await guidelineOf(db, periodId);
  await db.$transaction(async (tx) => {
    await tx.payRatingGuideline.upsert({
      where: { periodId },
      create: { periodId, rangesJson: JSON.stringify(ranges), updatedById: actorId },
      update: { rangesJson: JSON.stringify(ranges), updatedById: actorId },
    });
    await audit(tx, {
      actorId,
      action: "pay.guideline.save",
      entity: "PayRatingGuideline",
      entityId: periodId,
      before,
      after: { periodCode: period.code, ranges },
    });
  });
}

/**
 * Units with fewer people are shown but not held to the ranges: in a room of three, one person
 * is 33 %, and "A at most 20 %" would forbid any A at all.
 */
export const MIN_CALIBRATION_UNIT = 5;

export type UnitDistribution = {
  unitId: string;
  nameZh: string;
  nameEn: string;
  size: number;
  counts: { rating: string; count: number }[];
  check: ReturnType<typeof checkDistribution> | null;
};

/**
 * Each unit's ratings in a run (the units in the actor's scope), checked against the period's
 * guideline: one GROUP BY over the run's lines.
 */
export async function unitDistributions(db: Db, actor: Actor, runId: string) {
  const run = await db.payRun.findUnique({ where: { id: runId }, select: { periodId: true, paramsJson: true } });
  if (!run) return { guideline: null, ratings: [], units: [] as UnitDistribution[], minUnitSize: MIN_CALIBRATION_UNIT };
  const snapshot = JSON.parse(run.paramsJson) as Pick<RunSnapshot, "coefficients">;
  const ratings = bandRatings(snapshot.coefficients.bands).slice().reverse();
  const guideline = await guidelineOf(db, run.periodId);
  const counts = unitRatingCounts(actor, runId);
  const rows = await queryRows(db, counts.query, counts.args);
  const units = new Map<string, UnitDistribution>();
  for (const r of rows) {
    let u = units.get(r.unitId);
    if (!u)
      units.set(
        r.unitId,
        (u = {
          unitId: r.unitId,
          nameZh: r.nameZh,
          nameEn: r.nameEn,
          size: 0,
          counts: ratings.map((rating) => ({ rating, count: 0 })),
          check: null,
        }),
      );
    const n = r.n;
    u.size += n;
    const c = u.counts.find((x) => x.rating === r.rating);
    if (c) c.count += n;
  }
  for (const u of units.values()) {
    if (!guideline || u.size < MIN_CALIBRATION_UNIT) continue;
    const expanded: string[] = [];
    for (const c of u.counts) for (let i = 0; i < c.count; i++) expanded.push(c.rating);
    u.check = checkDistribution(guideline, expanded);
  }
  return { guideline, ratings, units: [...units.values()], minUnitSize: MIN_CALIBRATION_UNIT };
}

/** Units of a run outside the period's guideline (all units, for the review step). */
export async function unitsOutsideGuideline(db: Db, runId: string) {
  const everyone: Actor = { userId: "", role: "hr_admin", employeeId: null, scopePath: null };
  const { units } = await unitDistributions(db, everyone, runId);
  return units.filter((u) => u.check && !u.check.within);
}

/**
 * Moves one person's rating in a draft run (HR anywhere, a head within their subtree; never
 * one's own line), with a reason. The line is recomputed from its frozen inputs with the new
 * rating (its performance pay; pool shares follow points, not ratings) and written with the
 * calibration and the audit entry in one transaction.
 */
export async function calibrate(db: Db, actor: Actor, runId: string, input: { employeeNo: string; rating: string; reason: string }) {
  const run = await db.payRun.findUnique({ where: { id: runId }, select: { status: true, paramsJson: true } });
  if (!run) throw formError("pay.errors.unknownRun", 404);
  if (run.status !== "draft") throw formError("pay.errors.calibrateDraftOnly");
  const employee = await db.employee.findUnique({ where: { employeeNo: input.employeeNo }, select: { id: true } });
  const line = employee
    ? await db.payLine.findUnique({
        where: { runId_employeeId: { runId, employeeId: employee.id } },
        select: {
          employeeId: true,
          unitId: true,
          basePayFen: true,
          performancePayFen: true,
          growthBonusFen: true,
          poolShareFen: true,
          totalFen: true,
          rating: true,
          inputsJson: true,
          unit: { select: { path: true } },
        },
      })
    : null;
  if (!line || !isInScope(actor, line.unit.path)) throw formError("pay.errors.unknownEmployee");
  if (line.employeeId === actor.employeeId) throw formError("pay.errors.calibrateOwnLine");
  const snapshot = JSON.parse(run.paramsJson) as RunSnapshot;
  if (!bandRatings(snapshot.coefficients.bands).includes(input.rating)) throw formError("pay.errors.unknownRating");
  const inputs = unpackInputs(line.inputsJson, snapshot, { employeeId: line.employeeId, unitId: line.unitId });
  const from = lineRating(snapshot, inputs);
  if (from === null) throw formError("pay.errors.unknownEmployee");
  if (from === input.rating) throw formError("pay.errors.sameRating");
  // Back to the rating the score falls in: the line is no longer calibrated.
  const calibrated = { ...inputs, rating: input.rating };
  const plain = { ...inputs };
  delete plain.rating;
  const next = lineRating(snapshot, plain) === input.rating ? plain : calibrated;
  const result = employeeLine(snapshot, next);
  if (!result.ok) throw formError("pay.errors.hasIssues");
  const performancePayFen = result.line.performancePayFen;
  const totalFen = line.totalFen - line.performancePayFen + performancePayFen;
  const packer = inputsPacker(snapshot.actualCodes ?? []);
  const stored = JSON.parse(line.inputsJson) as PackedInputs;
  const packed: PackedInputs =
    "v" in stored ? { ...stored, ...(next.rating !== undefined ? { r: next.rating } : {}) } : (packer.pack(next) as PackedInputs);
  if ("v" in stored && next.rating === undefined) delete packed.r;
  return db.$transaction(async (tx) => {
    const updated = await tx.payRun.updateMany({
      where: { id: runId, status: "draft" },
      data: { totalFen: { increment: totalFen - line.totalFen } },
    });
    if (updated.count !== 1) throw formError("pay.errors.calibrateDraftOnly");
    await tx.payLine.update({
      where: { runId_employeeId: { runId, employeeId: line.employeeId } },
      data: { performancePayFen, totalFen, rating: input.rating, inputsJson: JSON.stringify(packed) },
    });
    const row = await tx.payCalibration.create({
      data: {
        runId,
        employeeId: line.employeeId,
        unitId: line.unitId,
        fromRating: from,
        toRating: input.rating,
        reason: input.reason,
        createdById: actor.userId,
      },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: "pay.calibration.create",
      entity: "PayCalibration",
      entityId: row.id,
      before: { rating: from, performancePayFen: line.performancePayFen, totalFen: line.totalFen },
      after: { runId, employeeNo: input.employeeNo, rating: input.rating, performancePayFen, totalFen, reason: input.reason },
    });
    return { from, to: input.rating, performancePayFen, totalFen };
  });
}

/** The calibrations of a run in the actor's scope, newest first. */
export async function listCalibrations(db: Db, actor: Actor, runId: string) {
  const { query, args } = runCalibrations(actor, runId);
  return queryRows(db, query, args);
}
