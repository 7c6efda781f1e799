import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { may, type Actor } from "~/modules/auth/scope";
import { formError } from "~/utils/domain-error";
import { eachPacked, readPacked } from "~/utils/packed-rows.server";
import { DEFAULT_ADVANCE_RATE_BP, monthsOf, monthSpan, type Advance, type Cadence } from "./cadence";
import { bandKey, type EmployeeInputs, type RunParams } from "./payroll";
import { dayNumber, employedDays, unitDays } from "./prorate";
import { lockedAdvances, monthlyEmployees } from "./queries.server";

/** Monthly pay in the database: the cadence setting, a monthly run's inputs and the advances a settlement subtracts (rules in cadence.ts). */

export type CadenceSetting = { cadence: Cadence; advanceRateBp: number };

/** The organisation's pay cadence; no row means `period` (one run per appraisal period) and an 80 % advance rate. */
export async function cadenceSetting(db: Db): Promise<CadenceSetting> {
  const row = await db.payCadenceSetting.findUnique({ where: { id: "default" }, select: { cadence: true, advanceRateBp: true } });
  return { cadence: row?.cadence === "monthly" ? "monthly" : "period", advanceRateBp: row?.advanceRateBp ?? DEFAULT_ADVANCE_RATE_BP };
}

/** HR sets the cadence and the advance rate for runs computed from now on (runs already computed keep theirs). Audited. */
export async function saveCadenceSetting(db: Db, actor: Actor, input: CadenceSetting) {
  if (!may(actor, "pay.manage")) throw formError("errors.page.forbidden.body", 403);
  const before = await cadenceSetting(db);
  await db.$transaction(async (tx) => {
    await tx.payCadenceSetting.upsert({
      where: { id: "default" },
      create: { id: "default", ...input, updatedById: actor.userId },
      update: { ...input, updatedById: actor.userId },
    });
    await audit(tx, {
      actorId: actor.userId,
      action: "pay.cadence.save",
      entity: "PayCadenceSetting",
      entityId: "default",
      before,
      after: input,
    });
  });
}

/**
 * A monthly run's parameters and people: today's bands and the advance rate, and every employee
 * hired by the month's end and still employed or leaving during the month (`monthlyEmployees`),
 * with the days employed (a joiner from the hire date, a leaver up to the last day worked) and,
 * for a person on rotation during the month, the days in each unit. No scores are read.
 */
export async function monthlyInputs(
  db: Db,
  month: string,
  advanceRateBp: number,
): Promise<{ params: RunParams; inputs: EmployeeInputs[] }> {
  const span = monthSpan(month);
  const bands = await db.payBand.findMany({ select: { track: true, level: true, basePayFen: true, performanceBaseFen: true } });
  const params: RunParams = {
    kind: "monthly",
    month,
    advanceRateBp,
    periodMonths: 1,
    periodDays: span.days,
    bands: Object.fromEntries(
      bands.map((b) => [bandKey(b.track, b.level), { basePayFen: b.basePayFen, performanceBaseFen: b.performanceBaseFen }]),
    ),
    coefficients: { schemeId: "", version: 0, bands: [] },
    growth: [],
    pools: [],
  };
  const read = monthlyEmployees(span.startsOn.toISOString().slice(0, 10), span.endsOn.toISOString().slice(0, 10));
  const [rows, rotations] = await Promise.all([
    readPacked(db, read),
    db.rotationAssignment.findMany({
      where: { status: { in: ["active", "completed"] }, startDate: { lte: span.endsOn }, endDate: { gte: span.startsOn } },
      select: { employeeId: true, hostUnitId: true, startDate: true, endDate: true },
    }),
  ]);
  const rotationsOf = new Map<string, { hostUnitId: string; startsOn: Date; endsOn: Date }[]>();
  for (const r of rotations)
    rotationsOf.set(r.employeeId, [
      ...(rotationsOf.get(r.employeeId) ?? []),
      { hostUnitId: r.hostUnitId, startsOn: r.startDate, endsOn: r.endDate },
    ]);
  const start = dayNumber(span.startsOn);
  const end = dayNumber(span.endsOn);
  const inputs: EmployeeInputs[] = [];
  for (const [id, employeeNo, unitId, path, track, level, positionCode, postValue, hiredOn, leftOn] of rows) {
    const hired = hiredOn ? `${hiredOn}T00:00:00Z` : null;
    // The read leaves out whoever left before the month began; a leaving date within it cuts the days.
    const left = leftOn && dayNumber(`${leftOn}T00:00:00Z`) < end ? `${leftOn}T00:00:00Z` : null;
    const e: EmployeeInputs = {
      employeeId: id,
      employeeNo,
      unitId,
      unitPath: path,
      track,
      level,
      positionCode,
      postValue: Number(postValue),
      score: null,
      lines: [],
      actuals: {},
      missing: [],
    };
    if ((hired && dayNumber(hired) > start) || left) e.days = employedDays(span, { hiredOn: hired, leftOn: left });
    if (left) e.leftOn = leftOn;
    const rotated = rotationsOf.get(id);
    if (rotated) {
      const units = unitDays(span, unitId, rotated, { hiredOn: hired, leftOn: left });
      if (units.length > 1 || (units.length === 1 && units[0].unitId !== unitId)) e.units = units;
    }
    inputs.push(e);
  }
  inputs.sort((a, b) => (a.employeeNo < b.employeeNo ? -1 : a.employeeNo > b.employeeNo ? 1 : 0));
  return { params, inputs };
}

/**
 * The months of a period and what a settlement needs of them: each month must have a locked
 * monthly run (the advances subtracted are final), and no other settlement may cover one of them
 * (a quarterly and an annual settlement would subtract the same advance twice).
 */
export async function settlementMonths(db: Db, period: { id: string; startsOn: Date; endsOn: Date }): Promise<string[]> {
  const months = monthsOf(period);
  const others = await db.payRun.findMany({ where: { kind: "settlement", periodId: { not: period.id } }, select: { periodId: true } });
  if (others.length) {
    const periods = await db.appraisalPeriod.findMany({
      where: { id: { in: others.map((r) => r.periodId) } },
      select: { startsOn: true, endsOn: true },
    });
    const settled = months.filter((m) => periods.some((p) => monthsOf(p).includes(m)));
    if (settled.length) throw formError("pay.errors.monthsSettled", 409, { months: settled.join(", ") });
  }
  const locked = await db.payRun.findMany({ where: { kind: "monthly", status: "locked", month: { in: months } }, select: { month: true } });
  const missing = months.filter((m) => !locked.some((r) => r.month === m));
  if (missing.length) throw formError("pay.errors.monthsNotLocked", 409, { months: missing.join(", ") });
  return months;
}

/** Each person's advances paid in the locked monthly runs of the months, in month order: one packed read for the whole settlement. */
export async function advancesPaid(db: Db, months: string[]): Promise<Map<string, Advance[]>> {
  const byEmployee = new Map<string, Advance[]>();
  if (months.length === 0) return byEmployee;
  const read = lockedAdvances(months);
  await eachPacked(db, read, ([employeeId, month, fen]) => {
    const list = byEmployee.get(employeeId);
    const advance = { month, fen: Number(fen) };
    if (list) list.push(advance);
    else byEmployee.set(employeeId, [advance]);
  });
  for (const list of byEmployee.values()) list.sort((a, b) => (a.month < b.month ? -1 : 1));
  return byEmployee;
}
