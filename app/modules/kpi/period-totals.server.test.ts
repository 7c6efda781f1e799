import { beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { importActuals } from "./actuals.server";
import { seedKpiDemo } from "../../../prisma/seed/kpi";
import { setPeriodStatus } from "./library.server";
import { closedPeriodTotals, keepClosedPeriodTotals, keptTotalsState } from "./period-totals.server";
import { periodTotals } from "./scores.server";

let closed: string;
let open: string;
let hr: string;

const stored = () => db.kpiPeriodTotal.count({ where: { periodId: closed } });
const expectSameAsScoring = async (periodId = closed) => {
  const expected = await periodTotals(db, periodId);
  expect(expected.size).toBeGreaterThan(5);
  expect(await closedPeriodTotals(db, periodId)).toEqual(expected);
};
/** Marks one stored total so that a read shows whether it came from the store or was scored again. */
const tamper = async (employeeId: string) => {
  await db.kpiPeriodTotal.update({ where: { periodId_employeeId: { periodId: closed, employeeId } }, data: { total: -1 } });
};

beforeAll(async () => {
  const ctx = await demoOrg();
  await seedKpiDemo(ctx, new Date("2026-11-15T00:00:00Z"));
  closed = (await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q3" } })).id;
  open = (await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q4" } })).id;
  hr = ctx.userId.get("E000003")!;
});

describe("closedPeriodTotals", () => {
  it("scores a closed period once (the job), keeps every employee's total and reads them back; a read keeps nothing", async () => {
    expect(await stored()).toBe(0);
    await expectSameAsScoring();
    expect(await stored()).toBe(0);
    expect(await keptTotalsState(db, closed)).toBe("stale");
    expect(await keepClosedPeriodTotals(db)).toBeGreaterThanOrEqual(1);
    expect(await keptTotalsState(db, closed)).toBe("holds");
    await expectSameAsScoring();
    expect(await stored()).toBe(await db.employee.count());
    const someone = [...(await periodTotals(db, closed)).keys()][0];
    await tamper(someone);
    expect((await closedPeriodTotals(db, closed)).get(someone)).toBe(-1);
  });

  it("scores again only the people who moved, left or joined, and then matches a fresh scoring", async () => {
    const totals = await periodTotals(db, closed);
    const [mover, leaver, untouched] = [...totals.keys()];
    await tamper(untouched);
    const noPlan = await db.position.findFirstOrThrow({ where: { code: { notIn: ["AM", "SOL-MGR"] } } });
    const am = await db.position.findUniqueOrThrow({ where: { code: "AM" } });
    const unit = await db.employee.findUniqueOrThrow({ where: { id: mover }, select: { unitId: true } });

    await db.employee.update({ where: { id: mover }, data: { positionId: noPlan.id } });
    await db.employee.update({ where: { id: leaver }, data: { active: false } });
    const newcomer = await db.employee.create({
      data: {
        employeeNo: "E-TOT-1",
        name: "新人",
        email: "tot1@ge.example.com",
        unitId: unit.unitId,
        positionId: am.id,
        track: "skill",
        level: "S1",
        hireDate: new Date("2026-10-01T00:00:00Z"),
      },
    });

    // Out of date: a read scores the quarter afresh and writes nothing; the job brings the kept rows up to date.
    const changes = await db.employeeChangeCount.findFirstOrThrow();
    expect(await keptTotalsState(db, closed)).toBe("stale");
    expect(await closedPeriodTotals(db, closed)).toEqual(await periodTotals(db, closed));
    expect(
      await db.kpiPeriodTotal.findUnique({ where: { periodId_employeeId: { periodId: closed, employeeId: newcomer.id } } }),
    ).toBeNull();
    expect(await db.kpiPeriodTotalsState.findUniqueOrThrow({ where: { periodId: closed } })).not.toMatchObject({
      employeeChanges: changes.count,
    });
    expect(await keepClosedPeriodTotals(db)).toBeGreaterThanOrEqual(1);

    const read = await closedPeriodTotals(db, closed);
    expect(read.has(mover)).toBe(false);
    expect(read.has(leaver)).toBe(false);
    expect(read.get(untouched)).toBe(-1);
    // The newcomer has the plan but no actuals that quarter: stored, without a total.
    expect(read.has(newcomer.id)).toBe(false);
    expect(
      await db.kpiPeriodTotal.findUnique({ where: { periodId_employeeId: { periodId: closed, employeeId: newcomer.id } } }),
    ).toMatchObject({ positionId: am.id, total: null });

    // Moving back scores the mover again; with the marked row restored, everything matches.
    await db.employee.update({ where: { id: mover }, data: { positionId: am.id } });
    await db.kpiPeriodTotal.update({
      where: { periodId_employeeId: { periodId: closed, employeeId: untouched } },
      data: { total: totals.get(untouched)! },
    });
    expect(await keepClosedPeriodTotals(db)).toBeGreaterThanOrEqual(1);
    expect(await keptTotalsState(db, closed)).toBe("holds");
    await expectSameAsScoring();
  });

  it("scores an open period afresh and keeps nothing; reopening discards what was kept, closing keeps it again", async () => {
    await expectSameAsScoring(open);
    expect(await db.kpiPeriodTotal.count({ where: { periodId: open } })).toBe(0);

    await setPeriodStatus(db, hr, closed, "open");
    expect(await stored()).toBe(0);
    expect(await db.kpiPeriodTotalsState.count({ where: { periodId: closed } })).toBe(0);
    await expectSameAsScoring();
    expect(await stored()).toBe(0);

    await setPeriodStatus(db, hr, closed, "closed");
    expect(await stored()).toBe(await db.employee.count());
    await expectSameAsScoring();
  });

  it("scores everyone again when a KPI is edited (its direction and kind shape every curve)", async () => {
    const someone = [...(await periodTotals(db, closed)).keys()][0];
    await tamper(someone);
    expect((await closedPeriodTotals(db, closed)).get(someone)).toBe(-1);
    const kpi = await db.kpi.findFirstOrThrow({ where: { planItems: { some: { plan: { periodId: closed } } } } });
    await db.kpi.update({ where: { id: kpi.id }, data: { nameEn: `${kpi.nameEn} (edited)` } });
    await expectSameAsScoring();
    expect(await keepClosedPeriodTotals(db)).toBeGreaterThanOrEqual(1);
    expect(await keptTotalsState(db, closed)).toBe("holds");
    await expectSameAsScoring();
    expect((await closedPeriodTotals(db, closed)).get(someone)).not.toBe(-1);
  });

  it("never keeps totals that miss a change: a change racing the closing is refused", async () => {
    const line = await db.kpiActual.findFirstOrThrow({
      where: { periodId: closed, kpi: { kind: "quantitative" } },
      select: { employee: { select: { employeeNo: true } }, kpi: { select: { code: true } }, value: true },
    });
    await setPeriodStatus(db, hr, closed, "open");
    // The period closes right after the import has checked that it is open, before it writes.
    const check = db.appraisalPeriod.findUnique.bind(db.appraisalPeriod);
    const spy = vi.spyOn(db.appraisalPeriod, "findUnique").mockImplementationOnce((async (args: Parameters<typeof check>[0]) => {
      const found = await check(args);
      await setPeriodStatus(db, hr, closed, "closed");
      return found;
    }) as unknown as typeof check);
    try {
      const result = await importActuals(db, hr, closed, [
        { employeeNo: line.employee.employeeNo, kpiCode: line.kpi.code, value: Number(line.value) + 1_000 },
      ]);
      expect(spy).toHaveBeenCalled();
      expect(result).toEqual({ ok: false, errors: [{ row: 0, message: "kpi.errors.periodClosed" }] });
    } finally {
      spy.mockRestore();
    }
    expect(
      await db.kpiActual.findFirstOrThrow({
        where: { periodId: closed, employee: { employeeNo: line.employee.employeeNo }, kpi: { code: line.kpi.code } },
      }),
    ).toMatchObject({ value: line.value });
    await expectSameAsScoring();
  });
});
