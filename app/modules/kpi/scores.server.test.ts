import { beforeAll, describe, expect, it } from "vitest";
import { db, dialectOf } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { importActuals } from "./actuals.server";
import { seedKpiDemo } from "../../../prisma/seed/kpi";
import { averageTotalScore, periodActuals, periodScores } from "./scores.server";

let current: string;
let e4: string;
let e5: string;
let hr: string;

beforeAll(async () => {
  const ctx = await demoOrg();
  await seedKpiDemo(ctx, new Date("2026-11-15T00:00:00Z"));
  current = (await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q4" } })).id;
  e4 = ctx.employeeId.get("E000004")!;
  e5 = ctx.employeeId.get("E000005")!;
  hr = ctx.userId.get("E000003")!;
});

describe("periodScores", () => {
  it("scores every appraised employee, and lists a missing actual instead of counting it as zero", async () => {
    const { scores, missing } = await periodScores(db, current);
    const appraised = await db.employee.count({ where: { active: true, position: { code: { in: ["AM", "SOL-MGR"] } } } });
    expect(scores).toHaveLength(appraised);
    expect(missing).toHaveLength(1);
    expect(missing[0].kpiCode).toBe("CUSTOMER_SATISFACTION");
    const withMissing = scores.find((s) => s.employeeId === missing[0].employeeId)!;
    expect(withMissing.total).toBeNull();
    expect(withMissing.lines.find((l) => l.code === "CUSTOMER_SATISFACTION")!.score).toBeNull();
    for (const s of scores) {
      expect(s.lines.reduce((a, l) => a + l.weight, 0)).toBe(100);
      if (s.employeeId !== withMissing.employeeId) expect(s.total).not.toBeNull();
    }
  });

  it("gives both members of the joint KPI the team's actual and target", async () => {
    const { scores } = await periodScores(db, current, { employeeIds: [e4, e5] });
    const line = (id: string) => scores.find((s) => s.employeeId === id)!.lines.find((l) => l.code === "ICT_PROJECT_REV")!;
    expect(line(e4).actual).toBe(96_000_000);
    expect(line(e5).actual).toBe(96_000_000);
    expect(line(e4).target).toBe(150_000_000);
    // (960,000 − 900,000) / (1,500,000 − 900,000) = 10.00 points, for both.
    expect(line(e4).score).toBe(1_000);
    expect(line(e5).score).toBe(1_000);
    expect(line(e4).weight).toBe(15);
    expect(line(e5).weight).toBe(30);
    expect(line(e4).joint?.share).toBe(60);
  });

  it("recomputes the total from the lines as shown", async () => {
    const { scores } = await periodScores(db, current, { employeeIds: [e4] });
    const s = scores[0];
    const exact = s.lines.reduce((a, l) => a + l.weight * l.score!, 0);
    expect(s.total).toBe(Math.floor((2 * exact + 100) / 200));
  });
});

describe("periodActuals", () => {
  it("returns raw actuals by code, crediting each joint member their share of the team actual", async () => {
    const actuals = await periodActuals(db, current, { employeeIds: [e4, e5], kpiCodes: ["ICT_PROJECT_REV", "NEW_SUBS_3M"] });
    expect(actuals.get(e4)!.get("ICT_PROJECT_REV")).toBe(57_600_000);
    expect(actuals.get(e5)!.get("ICT_PROJECT_REV")).toBe(38_400_000);
    expect(actuals.get(e4)!.has("NEW_SUBS_3M")).toBe(true);
    expect(actuals.get(e4)!.has("NEW_CONTRACT_REV")).toBe(false);
  });
});

describe("importActuals", () => {
  it("imports nothing when one row is wrong, and says which rows", async () => {
    const before = await db.kpiActual.count();
    const result = await importActuals(db, hr, current, [
      { employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 1 },
      { employeeNo: "E999999", kpiCode: "NEW_CONTRACT_REV", value: 1 },
      { employeeNo: "E000004", kpiCode: "NOPE", value: 1 },
      { employeeNo: "E000004", kpiCode: "ARREARS_RATE", value: 1.5 },
      { employeeNo: "E000005", kpiCode: "COLLABORATION_RATING", value: 7 },
      { employeeNo: "E000004", kpiCode: "ICT_PROJECT_REV", value: 1 },
    ]);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.map((e) => e.row)).toEqual([3, 4, 5, 6, 7]);
    expect(await db.kpiActual.count()).toBe(before);
  });

  it("refuses the same employee and KPI twice in one file", async () => {
    const result = await importActuals(db, hr, current, [
      { employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 1 },
      { employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 2 },
    ]);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 3 }] });
  });

  it("upserts by (period, employee, KPI): the same file twice changes nothing more", async () => {
    const rows = [
      { employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 90_000_000 },
      { employeeNo: "E000004", kpiCode: "ARREARS_RATE", value: 450 },
    ];
    const count = await db.kpiActual.count();
    expect(await importActuals(db, hr, current, rows)).toEqual({ ok: true, upserted: 2 });
    expect(await importActuals(db, hr, current, rows)).toEqual({ ok: true, upserted: 2 });
    expect(await db.kpiActual.count()).toBe(count);
    const stored = await db.kpiActual.findFirstOrThrow({
      where: { periodId: current, employeeId: e4, kpi: { code: "ARREARS_RATE" } },
      select: { updatedAt: true, source: true },
    });
    expect(stored.source).toBe("csv");
    expect(Math.abs(stored.updatedAt.getTime() - Date.now())).toBeLessThan(60_000);
    const created = await db.kpiActual.findFirstOrThrow({ where: { periodId: current, employeeId: e5 }, select: { updatedAt: true } });
    expect(created.updatedAt).toBeInstanceOf(Date);
    // SQLite stores a date as whatever was written: the import writes it as Prisma does. A PostgreSQL column has one type.
    if (dialectOf(db) === "sqlite") {
      const raw = await db.$queryRawUnsafe<{ a: unknown; b: unknown }[]>(
        `SELECT (SELECT typeof("updatedAt") FROM "KpiActual" WHERE "employeeId" = ? LIMIT 1) AS a, (SELECT typeof("updatedAt") FROM "KpiActual" WHERE "employeeId" = ? AND "source" = 'csv' AND "kpiId" IN (SELECT "id" FROM "Kpi" WHERE "code" = 'ARREARS_RATE') LIMIT 1) AS b`,
        e5,
        e4,
      );
      expect(raw[0].a).toBe(raw[0].b);
    }
    const { scores } = await periodScores(db, current, { employeeIds: [e4] });
    expect(scores[0].lines.find((l) => l.code === "NEW_CONTRACT_REV")).toMatchObject({ actual: 90_000_000, score: 10_625 });
    expect(scores[0].lines.find((l) => l.code === "ARREARS_RATE")).toMatchObject({ actual: 450, score: 10_250 });
  });

  it("refuses a closed period", async () => {
    const closed = await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q3" } });
    const result = await importActuals(db, hr, closed.id, [{ employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 1 }]);
    expect(result).toMatchObject({ ok: false, errors: [{ row: 0 }] });
  });
});

describe("averageTotalScore", () => {
  it("averages the employee's totals over the last closed quarters", async () => {
    const result = await averageTotalScore(db, e4, 2);
    expect(result.periods).toBe(2);
    const q3 = await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q3" } });
    const q2 = await db.appraisalPeriod.findUniqueOrThrow({ where: { code: "2026-Q2" } });
    const totals = await Promise.all([q3, q2].map(async (p) => (await periodScores(db, p.id, { employeeIds: [e4] })).scores[0].total!));
    expect(result.average).toBe(Math.floor((totals[0] + totals[1] + 1) / 2));
    expect(await averageTotalScore(db, e4, 2, "year")).toEqual({ average: null, periods: 0 });
  });
});

describe("leavers", () => {
  it("appraises a leaver in the period they left in and takes their actuals; not once they left before it", async () => {
    const row = [{ employeeNo: "E000004", kpiCode: "NEW_CONTRACT_REV", value: 80_000_000 }];
    const appraised = async () => (await periodScores(db, current)).scores.some((s) => s.employeeId === e4);
    try {
      // Q4 runs from 1 October: left 10 November, they worked part of it.
      await db.employee.update({ where: { id: e4 }, data: { active: false, leftOn: new Date("2026-11-10T00:00:00Z") } });
      expect(await appraised()).toBe(true);
      expect(await importActuals(db, hr, current, row)).toEqual({ ok: true, upserted: 1 });
      // Left 30 September: not in Q4 at all.
      await db.employee.update({ where: { id: e4 }, data: { leftOn: new Date("2026-09-30T00:00:00Z") } });
      expect(await appraised()).toBe(false);
      expect(await importActuals(db, hr, current, row)).toMatchObject({ ok: false, errors: [{ field: "employeeNo" }] });
      // Inactive without a leaving date (deactivated before dates were kept): not appraised, as before.
      await db.employee.update({ where: { id: e4 }, data: { leftOn: null } });
      expect(await appraised()).toBe(false);
    } finally {
      await db.employee.update({ where: { id: e4 }, data: { active: true, leftOn: null } });
    }
  });
});
