import { mulberry32 } from "~/utils/seeded-random";

type DemoContext = Pick<import("./index").DemoContext, "db" | "employeeId" | "userId">;

/** The G&E KPI library. Codes are the contract with pay schemes and feeds. */
export const DEMO_KPIS = [
  {
    code: "NEW_CONTRACT_REV",
    nameZh: "新签合同收入",
    nameEn: "New contract revenue",
    unit: "fen",
    direction: "higher",
    kind: "quantitative",
    source: "csv",
    basicWork: false,
  },
  {
    code: "ICT_PROJECT_REV",
    nameZh: "ICT项目收入",
    nameEn: "ICT project revenue",
    unit: "fen",
    direction: "higher",
    kind: "quantitative",
    source: "csv",
    basicWork: false,
  },
  {
    code: "NEW_SUBS_5G_LINE",
    nameZh: "5G/专线新增用户数",
    nameEn: "5G & private-line new subscribers",
    unit: "count",
    direction: "higher",
    kind: "quantitative",
    source: "api",
    basicWork: false,
  },
  {
    code: "CUSTOMER_RETENTION",
    nameZh: "客户保有率",
    nameEn: "Customer retention",
    unit: "bp",
    direction: "higher",
    kind: "quantitative",
    source: "csv",
    basicWork: false,
  },
  {
    code: "ARREARS_RATE",
    nameZh: "欠费率",
    nameEn: "Arrears rate",
    unit: "bp",
    direction: "lower",
    kind: "quantitative",
    source: "api",
    basicWork: false,
  },
  {
    code: "CUSTOMER_DATA_COMPLETENESS",
    nameZh: "客户资料完整率",
    nameEn: "Customer-data completeness",
    unit: "bp",
    direction: "higher",
    kind: "quantitative",
    source: "csv",
    basicWork: true,
  },
  {
    code: "SOLUTION_WIN_RATE",
    nameZh: "方案中标率",
    nameEn: "Solution win rate",
    unit: "bp",
    direction: "higher",
    kind: "quantitative",
    source: "manual",
    basicWork: false,
  },
  {
    code: "CUSTOMER_SATISFACTION",
    nameZh: "客户满意度",
    nameEn: "Customer satisfaction",
    unit: "points",
    direction: "higher",
    kind: "quantitative",
    source: "csv",
    basicWork: false,
  },
  {
    code: "COLLABORATION_RATING",
    nameZh: "前后端协同评价",
    nameEn: "Front/back-office collaboration (rated)",
    unit: "rating",
    direction: "higher",
    kind: "rated",
    source: "manual",
    basicWork: false,
  },
  // Inputs of the subscriber-growth bonus (read by pay schemes; not in plans).
  {
    code: "NEW_SUBS_3M",
    nameZh: "新增在网满3个月用户数",
    nameEn: "New subscribers still in network after 3 months",
    unit: "count",
    direction: "higher",
    kind: "quantitative",
    source: "api",
    basicWork: false,
  },
  {
    code: "REV_IN_NET_6M",
    nameZh: "在网超6个月用户收入",
    nameEn: "Revenue of subscribers in network over 6 months",
    unit: "fen",
    direction: "higher",
    kind: "quantitative",
    source: "api",
    basicWork: false,
  },
  {
    code: "REV_IN_NET_2Y",
    nameZh: "在网超2年用户收入",
    nameEn: "Revenue of subscribers in network over 2 years",
    unit: "fen",
    direction: "higher",
    kind: "quantitative",
    source: "api",
    basicWork: false,
  },
  {
    code: "HANDSET_SUBSIDY",
    nameZh: "终端补贴成本",
    nameEn: "Handset subsidy cost",
    unit: "fen",
    direction: "lower",
    kind: "quantitative",
    source: "api",
    basicWork: false,
  },
  {
    code: "ARREARS",
    nameZh: "欠费金额",
    nameEn: "Arrears",
    unit: "fen",
    direction: "lower",
    kind: "quantitative",
    source: "api",
    basicWork: false,
  },
  {
    code: "ARREARS_HANDSET",
    nameZh: "欠费用户终端成本",
    nameEn: "Handset cost of subscribers in arrears",
    unit: "fen",
    direction: "lower",
    kind: "quantitative",
    source: "api",
    basicWork: false,
  },
] as const;

type Line = { code: string; weight: number; threshold: number; target: number; stretch: number; cap: number };

/** Quarterly plans. Amounts in fen, rates in basis points, satisfaction in hundredths of a point. */
const PLANS: Record<string, Line[]> = {
  AM: [
    { code: "NEW_CONTRACT_REV", weight: 30, threshold: 48_000_000, target: 80_000_000, stretch: 112_000_000, cap: 12_000 },
    { code: "ICT_PROJECT_REV", weight: 15, threshold: 30_000_000, target: 50_000_000, stretch: 70_000_000, cap: 12_000 },
    { code: "NEW_SUBS_5G_LINE", weight: 15, threshold: 30, target: 50, stretch: 70, cap: 12_000 },
    { code: "CUSTOMER_RETENTION", weight: 10, threshold: 9_000, target: 9_600, stretch: 9_900, cap: 11_000 },
    { code: "ARREARS_RATE", weight: 10, threshold: 800, target: 500, stretch: 300, cap: 11_000 },
    { code: "CUSTOMER_DATA_COMPLETENESS", weight: 10, threshold: 8_000, target: 9_800, stretch: 9_800, cap: 10_000 },
    { code: "CUSTOMER_SATISFACTION", weight: 10, threshold: 8_000, target: 9_000, stretch: 9_600, cap: 11_000 },
  ],
  "SOL-MGR": [
    { code: "ICT_PROJECT_REV", weight: 30, threshold: 60_000_000, target: 100_000_000, stretch: 140_000_000, cap: 12_000 },
    { code: "SOLUTION_WIN_RATE", weight: 25, threshold: 3_000, target: 5_000, stretch: 7_000, cap: 12_000 },
    { code: "COLLABORATION_RATING", weight: 20, threshold: 1, target: 4, stretch: 5, cap: 12_000 },
    { code: "CUSTOMER_SATISFACTION", weight: 15, threshold: 8_000, target: 9_000, stretch: 9_600, cap: 11_000 },
    { code: "CUSTOMER_DATA_COMPLETENESS", weight: 10, threshold: 8_000, target: 9_800, stretch: 9_800, cap: 10_000 },
  ],
};

/** The quarter containing `day` and the two before it. */
export function demoQuarters(day = new Date()) {
  const quarters = [];
  let year = day.getUTCFullYear();
  let q = Math.floor(day.getUTCMonth() / 3);
  for (let i = 0; i < 3; i++) {
    quarters.push({
      code: `${year}-Q${q + 1}`,
      startsOn: new Date(Date.UTC(year, q * 3, 1)),
      endsOn: new Date(Date.UTC(year, q * 3 + 3, 0)),
      status: i === 0 ? "open" : "closed",
    });
    q -= 1;
    if (q < 0) {
      q = 3;
      year -= 1;
    }
  }
  return quarters;
}

/** An actual around the target: `level` 1 is on target; rates stay within 0–100 %. */
function actualFor(line: Line, kind: string, level: number, rng: () => number) {
  if (kind === "rated") return Math.min(5, Math.max(2, Math.round(3 + rng() * 2.2 * level - 0.4)));
  const higher = line.threshold < line.target;
  const span = Math.abs(line.target - line.threshold);
  const value = higher
    ? line.threshold + span * (level * 1.35 - 0.35 + (rng() - 0.5) * 0.5)
    : line.target + span * (1 - level + (rng() - 0.3) * 0.6);
  const rounded = Math.max(0, Math.round(value));
  return line.code.endsWith("_RATE") || line.code.endsWith("_RETENTION") || line.code.endsWith("_COMPLETENESS")
    ? Math.min(10_000, rounded)
    : rounded;
}

/**
 * KPI library; the current quarter (open) and the two before (closed) with plans for
 * account managers and solution support managers; actuals (one missing in the current and
 * the previous quarter, so HR sees the error on the period and on its pay run); a joint KPI between E000004 and E000005; a check-in.
 */
export async function seedKpiDemo(ctx: DemoContext, day = new Date()) {
  const { db } = ctx;
  const kpiId = new Map<string, string>();
  for (const k of DEMO_KPIS) {
    const { id } = await db.kpi.create({ data: { ...k }, select: { id: true } });
    kpiId.set(k.code, id);
  }
  const kindOf = new Map<string, string>(DEMO_KPIS.map((k) => [k.code, k.kind]));
  const positions = await db.position.findMany({ where: { code: { in: Object.keys(PLANS) } }, select: { id: true, code: true } });
  const staff = await db.employee.findMany({
    where: { active: true, position: { code: { in: Object.keys(PLANS) } } },
    orderBy: { employeeNo: "asc" },
    select: { id: true, employeeNo: true, position: { select: { code: true } }, unit: { select: { code: true } } },
  });
  const rng = mulberry32(20261001);
  // The first account manager of the Party/Government room has no satisfaction score yet.
  const missing = staff.find((e) => e.position.code === "AM" && e.unit.code === "JC-GE-GOV");
  const quarters = demoQuarters(day);
  const periodIds: string[] = [];
  for (const [index, quarter] of quarters.entries()) {
    const period = await db.appraisalPeriod.create({
      data: { ...quarter, kind: "quarter", closedAt: quarter.status === "closed" ? quarter.endsOn : null },
      select: { id: true },
    });
    periodIds.push(period.id);
    for (const position of positions) {
      await db.kpiPlan.create({
        data: {
          periodId: period.id,
          positionId: position.id,
          items: {
            create: PLANS[position.code].map((l, sortOrder) => ({
              kpiId: kpiId.get(l.code)!,
              weight: l.weight,
              threshold: BigInt(l.threshold),
              target: BigInt(l.target),
              stretch: BigInt(l.stretch),
              cap: l.cap,
              sortOrder,
            })),
          },
        },
      });
    }
    // The current quarter is about half-way: cumulative amounts are partly reached.
    const elapsed = index === 0 ? 0.6 : 1;
    const rows: { periodId: string; employeeId: string; kpiId: string; value: bigint; source: string }[] = [];
    for (const e of staff) {
      const ability = 0.75 + rng() * 0.45;
      for (const line of PLANS[e.position.code]) {
        if (index < 2 && e.id === missing?.id && line.code === "CUSTOMER_SATISFACTION") continue;
        // E000004 and E000005 share the current quarter's ICT target (a joint KPI): the team actual counts.
        if (index === 0 && line.code === "ICT_PROJECT_REV" && (e.employeeNo === "E000004" || e.employeeNo === "E000005")) continue;
        const cumulative = line.code.endsWith("_REV") || line.code.startsWith("NEW_SUBS");
        const value = actualFor(
          cumulative
            ? { ...line, threshold: line.threshold * elapsed, target: line.target * elapsed, stretch: line.stretch * elapsed }
            : line,
          kindOf.get(line.code)!,
          ability,
          rng,
        );
        rows.push({ periodId: period.id, employeeId: e.id, kpiId: kpiId.get(line.code)!, value: BigInt(value), source: "csv" });
      }
      if (e.position.code === "AM") {
        const subscribers = Math.round((20 + rng() * 40) * elapsed);
        const growth: [string, number][] = [
          ["NEW_SUBS_3M", subscribers],
          ["REV_IN_NET_6M", Math.round((8_000_000 + rng() * 12_000_000) * elapsed)],
          ["REV_IN_NET_2Y", Math.round((15_000_000 + rng() * 20_000_000) * elapsed)],
          ["HANDSET_SUBSIDY", Math.round((1_000_000 + rng() * 3_000_000) * elapsed)],
          ["ARREARS", Math.round((100_000 + rng() * 900_000) * elapsed)],
        ];
        // The handset cost of the subscribers in arrears: about 60 % of the arrears (no extra draw, so other figures stay as they were).
        growth.push(["ARREARS_HANDSET", Math.round(growth[growth.length - 1][1] * 0.6)]);
        for (const [code, value] of growth)
          rows.push({ periodId: period.id, employeeId: e.id, kpiId: kpiId.get(code)!, value: BigInt(value), source: "api" });
      }
    }
    await db.kpiActual.createMany({ data: rows });
  }

  const [current] = periodIds;
  const am = ctx.employeeId.get("E000004");
  const solution = ctx.employeeId.get("E000005");
  if (am && solution) {
    await db.kpiTeamTarget.create({
      data: {
        periodId: current,
        kpiId: kpiId.get("ICT_PROJECT_REV")!,
        name: "某银行数据中心云专线项目组",
        threshold: 90_000_000n,
        target: 150_000_000n,
        stretch: 210_000_000n,
        cap: 12_000,
        actual: 96_000_000n,
        members: {
          create: [
            { employeeId: am, share: 60 },
            { employeeId: solution, share: 40 },
          ],
        },
      },
    });
    const head = ctx.userId.get("E000002");
    if (head) {
      await db.kpiCheckIn.create({
        data: {
          periodId: current,
          employeeId: am,
          authorId: head,
          heldOn: new Date(Math.min(day.getTime(), quarters[0].startsOn.getTime() + 40 * 86_400_000)),
          notes: "季度中期沟通：新签合同进度约六成，银行数据中心项目进入投标阶段；客户资料完整率偏低。",
          actions: "两周内补齐重点客户资料；与赵磊共同准备投标方案，下次沟通前完成报价。",
        },
      });
    }
  }
  // Portfolio baselines of the finance room's account managers, for fair target allocation.
  const finance = staff.filter((e) => e.unit.code === "JC-GE-FIN" && e.position.code === "AM");
  await db.kpiPortfolioBaseline.createMany({
    data: finance.map((e) => ({
      periodId: current,
      employeeId: e.id,
      revenueFen: BigInt(Math.round(200_000_000 + rng() * 1_800_000_000)),
      importance: 5 + Math.floor(rng() * 40),
    })),
  });
}
