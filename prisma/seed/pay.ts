import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { LEVELS, TRACKS } from "~/modules/org/org";
import { saveBands, saveScheme } from "~/modules/pay/config.server";
import { createRun } from "~/modules/pay/runs.server";
import { DomainError } from "~/utils/domain-error";

/** The KPIs the subscriber-growth bonus reads (scheme inputs, imported like any actual). */
export const GROWTH_KPIS = [
  {
    code: "NEW_SUBS_3M",
    nameZh: "新增在网满3个月用户数",
    nameEn: "New subscribers still in network after 3 months",
    unit: "count",
    direction: "higher",
  },
  {
    code: "REV_IN_NET_6M",
    nameZh: "在网超6个月用户收入",
    nameEn: "Revenue of subscribers in network over 6 months",
    unit: "fen",
    direction: "higher",
  },
  {
    code: "REV_IN_NET_2Y",
    nameZh: "在网超2年用户收入",
    nameEn: "Revenue of subscribers in network over 2 years",
    unit: "fen",
    direction: "higher",
  },
  { code: "HANDSET_SUBSIDY", nameZh: "终端补贴成本", nameEn: "Handset subsidy cost", unit: "fen", direction: "lower" },
  { code: "ARREARS", nameZh: "欠费金额", nameEn: "Arrears", unit: "fen", direction: "lower" },
  {
    code: "ARREARS_HANDSET",
    nameZh: "欠费用户终端成本",
    nameEn: "Handset cost of subscribers in arrears",
    unit: "fen",
    direction: "lower",
  },
  { code: "ARREARS_RATE", nameZh: "欠费率", nameEn: "Arrears rate", unit: "bp", direction: "lower" },
] as const;

export const GROWTH_POSITIONS = ["AM", "CAM"];

/** Monthly amounts rising by level: base ¥4,000 + ¥1,000 a level; performance base 60 % of base. */
export function demoBands() {
  const start: Record<string, number> = { management: 800_000, technical: 500_000, skill: 450_000 };
  return TRACKS.flatMap((track) =>
    LEVELS[track].map((level, i) => {
      const basePayFen = start[track] + i * 100_000;
      return { track, level, basePayFen, performanceBaseFen: (basePayFen * 6) / 10 };
    }),
  );
}

export const DEMO_COEFFICIENTS = [
  { min: 0, max: 6000, coefficient: "0.5" },
  { min: 6000, max: 7500, coefficient: "0.8" },
  { min: 7500, max: 8500, coefficient: "1.0" },
  { min: 8500, max: 9500, coefficient: "1.1" },
  { min: 9500, max: 20000, coefficient: "1.2" },
];

/** Bands, the coefficient table, the subscriber-growth bonus and (given a revenue KPI) a department pool. */
export async function seedPayConfig(db: Db, actorId: string | null, options: { poolUnitId?: string; revenueKpi?: string } = {}) {
  const actor = actorId ?? "system";
  await saveBands(db, actor, demoBands());
  await saveScheme(db, actor, {
    code: "COEF",
    kind: "coefficients",
    nameZh: "绩效系数表",
    nameEn: "Performance coefficient table",
    active: true,
    params: { bands: DEMO_COEFFICIENTS },
  });
  const kpis = await db.kpi.findMany({ where: { code: { in: GROWTH_KPIS.map((k) => k.code) } }, select: { code: true } });
  if (kpis.length === GROWTH_KPIS.length) {
    await saveScheme(db, actor, {
      code: "SUBS-GROWTH",
      kind: "subscriberGrowth",
      nameZh: "用户发展奖励",
      nameEn: "Subscriber-growth bonus",
      active: true,
      params: {
        positionCodes: GROWTH_POSITIONS,
        newSubscribersKpi: "NEW_SUBS_3M",
        unitRewardFen: 5000,
        revenue6mKpi: "REV_IN_NET_6M",
        k1: "0.02",
        revenue2yKpi: "REV_IN_NET_2Y",
        subsidyKpi: "HANDSET_SUBSIDY",
        k2: "0.05",
        arrearsKpi: "ARREARS",
        arrearsRateKpi: "ARREARS_RATE",
        arrearsThresholdBp: 500,
        arrearsPolicy: "fine",
        arrearsDeduction: "handsetCost",
        arrearsHandsetKpi: "ARREARS_HANDSET",
        fineRate: "0.1",
      },
    });
  }
  if (options.poolUnitId && options.revenueKpi) {
    await saveScheme(db, actor, {
      code: "POOL-GE",
      kind: "deptPool",
      nameZh: "政企客户部奖金池",
      nameEn: "G&E department bonus pool",
      active: true,
      params: {
        unitId: options.poolUnitId,
        revenueKpi: options.revenueKpi,
        comparison: "samePeriodLastYear",
        lastYearRevenueFen: 0,
        basePoolFen: 5_000_000,
        growthRate: "0.01",
        capFen: 20_000_000,
      },
    });
  }
}

/**
 * Marks a run reviewed, approved and locked as seeded history (audited as the system's doing),
 * by three different people as the rules require. Seeded history went through the chain without
 * the head sign-off step, so the locked run does not show units that never signed.
 */
export async function lockAsHistory(db: Db, runId: string, by: { reviewerId: string; approverId: string; lockerId: string }) {
  const at = new Date();
  await db.$transaction(async (tx) => {
    for (const [status, data] of [
      ["reviewed", { reviewedById: by.reviewerId, reviewedAt: at, headSignOff: false }],
      ["approved", { approvedById: by.approverId, approvedAt: at }],
      ["locked", { lockedById: by.lockerId, lockedAt: at }],
    ] as const) {
      await tx.payRun.update({ where: { id: runId }, data: { status, ...data } });
      await audit(tx, { actorId: null, action: `pay.run.seed.${status}`, entity: "PayRun", entityId: runId, after: { status } });
    }
  });
}

/**
 * The same quarter of the previous year, closed, with the revenue actuals the department pool
 * compares with (about 90 % of this year's: the demo department grows by some 10 %).
 */
async function seedLastYearRevenue(db: Db, periodId: string, revenueKpi: string) {
  const period = await db.appraisalPeriod.findUniqueOrThrow({
    where: { id: periodId },
    select: { code: true, kind: true, startsOn: true, endsOn: true },
  });
  const back = (d: Date) => new Date(Date.UTC(d.getUTCFullYear() - 1, d.getUTCMonth(), d.getUTCDate()));
  const code = period.code.replace(/^(\d{4})/, (y) => String(Number(y) - 1));
  if (await db.appraisalPeriod.findUnique({ where: { code }, select: { id: true } })) return;
  const startsOn = back(period.startsOn);
  const endsOn = back(period.endsOn);
  const lastYear = await db.appraisalPeriod.create({
    data: { code, kind: period.kind, startsOn, endsOn, status: "closed", closedAt: endsOn },
    select: { id: true },
  });
  const kpi = await db.kpi.findUniqueOrThrow({ where: { code: revenueKpi }, select: { id: true } });
  const actuals = await db.kpiActual.findMany({ where: { periodId, kpiId: kpi.id }, select: { employeeId: true, value: true } });
  await db.kpiActual.createMany({
    data: actuals.map((a) => ({
      periodId: lastYear.id,
      employeeId: a.employeeId,
      kpiId: kpi.id,
      value: (a.value * 9n) / 10n,
      source: "csv",
    })),
  });
}

type SeedContext = { db: Db; unitId: Map<string, string>; employeeId: Map<string, string>; userId: Map<string, string> };

/**
 * Demo pay data. Needs the kpi demo data (periods, plans, actuals); without it, it sets up
 * bands and the coefficient table only and says so. Only closed quarters are paid: the one
 * before the latest gets a locked run (prepared by the system, reviewed and approved by HR), the
 * latest closed quarter a draft by HR.
 */
export async function seedPayDemo(ctx: SeedContext) {
  const { db } = ctx;
  const hrUserId = ctx.userId.get("E000003") ?? null;
  const revenue =
    (await db.kpi.findUnique({ where: { code: "NEW_CONTRACT_REV" }, select: { code: true } })) ??
    (await db.kpi.findFirst({
      where: { unit: "fen", direction: "higher", code: { contains: "REV" }, NOT: { code: { in: GROWTH_KPIS.map((k) => k.code) } } },
      orderBy: { code: "asc" },
      select: { code: true },
    }));
  await seedPayConfig(db, hrUserId, { poolUnitId: ctx.unitId.get("JC-GE"), revenueKpi: revenue?.code });
  // Only closed quarters are paid: the latest one is the draft, the one before it locked history.
  const quarters = await db.appraisalPeriod.findMany({
    where: { kind: "quarter", status: "closed" },
    orderBy: { endsOn: "desc" },
    select: { id: true, code: true },
  });
  const [current, previous] = quarters;
  if (!current || !hrUserId) {
    console.log("pay: no closed kpi demo periods found; seeded pay bands and the coefficient table only (no pay runs).");
    return;
  }
  if (revenue) for (const q of [current, previous]) if (q) await seedLastYearRevenue(db, q.id, revenue.code);
  try {
    if (previous) {
      const run = await createRun(db, "system", previous.id);
      const reviewerId = ctx.userId.get("E000182") ?? hrUserId;
      const approverId = ctx.userId.get("E000183") ?? hrUserId;
      if (run.issueCount === 0) await lockAsHistory(db, run.id, { reviewerId, approverId, lockerId: approverId });
      else console.log(`pay: the ${previous.code} run has ${run.issueCount} issues (missing actuals) and stays a draft.`);
    }
    await createRun(db, hrUserId, current.id);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    console.log(`pay: demo pay runs skipped (${error.key}).`);
  }
}
