import { seededRandom } from "~/utils/seeded-random";
import { tenureBand } from "~/modules/org/org";
import { answerRows, type Answers, type SurveyItem } from "~/modules/surveys/items";
import { cutUnits } from "~/modules/surveys/campaigns/population";
import { chinaDate } from "~/modules/surveys/settings";
import { computeSurveyResults } from "~/modules/surveys/reports/report-aggregates.server";
import { getTemplate } from "~/modules/surveys/campaigns/templates.server";

import type { DemoContext } from "./index";

const DAY = 24 * 60 * 60 * 1000;

type Rng = ReturnType<typeof seededRandom>;

/** Where the study found people least satisfied: pay & performance and career development. */
const DIMENSION_MEAN: Record<string, number> = {
  "pay-performance": 2.5,
  career: 2.65,
  training: 2.9,
  "channel-collaboration": 3.2,
  "management-execution": 3.4,
  overall: 3.3,
};

/** Rooms differ: the overworked projects room and the small real-estate room lowest, finance highest. */
const ROOM_EFFECT: Record<string, number> = {
  "JC-GE": 0.5,
  "JC-GE-GOV": 0.1,
  "JC-GE-FIN": 0.3,
  "JC-GE-ENT": -0.15,
  "JC-GE-PUB": 0,
  "JC-GE-SUP": 0.2,
  "JC-GE-MKT": 0.05,
  "JC-GE-CRM": -0.1,
  "JC-GE-PRJ": -0.35,
  "JC-GE-RE": -0.3,
  "JC-GE-VPN": -0.2,
};

/** This year's wave after last year's action plan: training needs surveys and clearer KPIs helped a little. */
const WAVE_EFFECT: Record<string, number> = { training: 0.3, "pay-performance": 0.12, career: 0.05 };

const KEEP_DOING = [
  "部门例会开始让大家轮流发言，氛围比以前好。",
  "室主任对新人很耐心，遇到难题能及时帮忙协调。",
  "今年培训前做了需求调研，课程比以前实用多了。",
  "大项目投标时前后台配合越来越顺，希望保持。",
  "客户走访的支撑资源比去年充足。",
  "考核指标比去年少了，重点更清楚。",
];

const CHANGE_FIRST = [
  "绩效薪酬和个人贡献挂钩不够，干多干少差别不大。",
  "任务分解还是平均摊派，没有考虑各自客户盘子的大小。",
  "希望开通专业技术和营销专家的晋升通道，现在只能走管理岗。",
  "客户资料维护工作量很大，但考核里完全体现不出来。",
  "考核只在期末打分，期间没有沟通和反馈。",
  "培训时间太集中，两三天的课听完就忘，希望多一些实战演练。",
  "解决方案支撑经理和客户经理应该联合考核，现在各管各的。",
  "希望有轮岗机会，到区县或其他室锻炼一下。",
  "会上不太敢提不同意见，希望有更多匿名反馈的渠道。",
];

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

function simulateAnswers(items: SurveyItem[], rng: Rng, mood: number, wave: number): Answers {
  const answers: Answers = {};
  const dimensionScores: Record<string, number[]> = {};
  for (const item of items.filter((i) => i.type === "likert5" && !i.outcome)) {
    const mean = DIMENSION_MEAN[item.dimension] ?? 3.2;
    const value = clamp(mean + mood + wave * (WAVE_EFFECT[item.dimension] ?? 0.04) + rng.normal(0.7), 1, 5);
    answers[item.id] = value;
    (dimensionScores[item.dimension] ??= []).push(value);
  }
  const avg = (d: string) => {
    const s = dimensionScores[d];
    return s?.length ? s.reduce((a, b) => a + b, 0) / s.length : 3 + mood;
  };
  // Overall satisfaction follows pay and career most, which the driver analysis should find.
  const overall =
    0.4 * avg("pay-performance") +
    0.3 * avg("career") +
    0.15 * avg("management-execution") +
    0.15 * avg("channel-collaboration") +
    0.35 +
    rng.normal(0.45);
  for (const item of items) {
    if (item.outcome) answers[item.id] = clamp(overall, 1, 5);
    else if (item.type === "nps") answers[item.id] = clamp((overall - 1) * 2.5 + 1.2 + rng.normal(1.3), 0, 10);
    else if (item.type === "text") {
      const pool = item.id === "ovr-06" ? KEEP_DOING : CHANGE_FIRST;
      if (rng.next() < (item.id === "ovr-06" ? 0.25 : 0.4)) answers[item.id] = pool[Math.floor(rng.next() * pool.length)];
    } else if (item.type === "single" && item.options) answers[item.id] = item.options[Math.floor(rng.next() * item.options.length)].id;
    else if (item.type === "multiple" && item.options) answers[item.id] = [item.options[Math.floor(rng.next() * item.options.length)].id];
  }
  return answers;
}

type WaveSpec = {
  templateId: string;
  titleZh: string;
  titleEn: string;
  opensAt: Date;
  closesAt: Date;
  status: "open" | "closed";
  cuts: string[];
  rate: number;
  wave: number;
  seed: number;
  /** Employee numbers who have not answered (yet). */
  notAnswering?: string[];
};

async function seedWave(ctx: DemoContext, spec: WaveSpec) {
  const { db } = ctx;
  const template = getTemplate(spec.templateId)!;
  const rng = seededRandom(spec.seed);
  const department = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE" }, select: { id: true, path: true } });
  const units = await db.unit.findMany({ select: { id: true, path: true, code: true } });
  const codeOf = new Map(units.map((u) => [u.id, u.code]));
  const staff = await db.employee.findMany({
    where: { active: true, unit: { path: { startsWith: department.path } } },
    select: { id: true, employeeNo: true, unitId: true, track: true, hireDate: true },
    orderBy: { employeeNo: "asc" },
  });
  const minGroupSize = 5;
  const cutUnit = cutUnits(staff, new Map(units.map((u) => [u.id, u.path])), minGroupSize);
  const survey = await db.survey.create({
    data: {
      templateId: template.id,
      templateVersion: template.version,
      titleZh: spec.titleZh,
      titleEn: spec.titleEn,
      itemsJson: JSON.stringify(template.items),
      status: spec.status,
      opensAt: spec.opensAt,
      closesAt: spec.closesAt,
      minGroupSize,
      minCommentGroupSize: 10,
      cutsJson: JSON.stringify(spec.cuts),
      populationJson: JSON.stringify({ unitIds: [department.id], tracks: [] }),
      createdById: ctx.userId.get("E000003")!,
      launchedAt: spec.opensAt,
      closedAt: spec.status === "closed" ? spec.closesAt : null,
    },
    select: { id: true },
  });

  const responses: { id: string; surveyId: string; unitId: string | null; track: string | null; tenureBand: string | null }[] = [];
  const answers: { responseId: string; itemId: string; value: number; text: string | null }[] = [];
  const participations = staff.map((e) => {
    const mood = (ROOM_EFFECT[codeOf.get(e.unitId) ?? ""] ?? 0) + (e.track === "management" ? 0.3 : 0) + rng.normal(0.45);
    const answered = !spec.notAnswering?.includes(e.employeeNo) && rng.next() < spec.rate;
    if (answered) {
      const id = crypto.randomUUID();
      responses.push({
        id,
        surveyId: survey.id,
        unitId: spec.cuts.includes("unit") ? cutUnit.get(e.unitId)! : null,
        track: spec.cuts.includes("track") ? e.track : null,
        tenureBand: spec.cuts.includes("tenure") ? tenureBand(e.hireDate, spec.opensAt) : null,
      });
      for (const row of answerRows(template.items, simulateAnswers(template.items, rng, mood, spec.wave)))
        answers.push({ ...row, responseId: id });
    }
    return { surveyId: survey.id, employeeId: e.id, unitId: e.unitId, cutUnitId: cutUnit.get(e.unitId)!, tokenTaken: answered };
  });

  await db.$transaction(
    async (tx) => {
      await tx.surveyParticipation.createMany({ data: participations });
      await tx.surveyResponse.createMany({ data: responses.sort((a, b) => a.id.localeCompare(b.id)) });
      for (let i = 0; i < answers.length; i += 2000) await tx.surveyAnswer.createMany({ data: answers.slice(i, i + 2000) });
    },
    { timeout: 120_000 },
  );
  if (spec.status === "closed") await computeSurveyResults(db, survey.id);
  return survey.id;
}

/**
 * Two closed waves of the staff-satisfaction survey for the G&E department (last year and this
 * year, for trends) and an open pulse survey that the demo employee has not answered yet.
 */
export async function seedSurveyDemo(ctx: DemoContext, now = new Date()) {
  const waves = [
    { opensAt: new Date(now.getTime() - 410 * DAY), wave: 0, rate: 0.8, seed: 2025 },
    { opensAt: new Date(now.getTime() - 45 * DAY), wave: 1, rate: 0.86, seed: 2026 },
  ];
  const waveIds: string[] = [];
  for (const w of waves) {
    const year = chinaDate(w.opensAt).slice(0, 4);
    const id = await seedWave(ctx, {
      templateId: "staff-satisfaction",
      titleZh: `${year} 年度员工满意度调查`,
      titleEn: `${year} Staff Satisfaction Survey`,
      opensAt: w.opensAt,
      closesAt: new Date(w.opensAt.getTime() + 14 * DAY),
      status: "closed",
      cuts: ["unit", "track", "tenure"],
      rate: w.rate,
      wave: w.wave,
      seed: w.seed,
    });
    waveIds.push(id);
  }
  await seedFollowedPlan(ctx, waveIds[0], now);
  await seedWave(ctx, {
    templateId: "pulse",
    titleZh: "季度快速调查",
    titleEn: "Quarterly pulse survey",
    opensAt: new Date(now.getTime() - 7 * DAY),
    closesAt: new Date(now.getTime() + 14 * DAY),
    status: "open",
    cuts: ["unit"],
    rate: 0.55,
    wave: 1.2,
    seed: 2027,
    notAnswering: ["E000004", "E000005"],
  });
}

/**
 * Last year's published plan for the department, followed through: one action done, one due
 * soon (owned by the demo employee), one overdue; this year's report shows them.
 */
async function seedFollowedPlan(ctx: DemoContext, surveyId: string, now: Date) {
  const day = (offset: number) => new Date(`${chinaDate(new Date(now.getTime() + offset * DAY))}T00:00:00+08:00`);
  const publishedAt = new Date(now.getTime() - 380 * DAY);
  await ctx.db.surveyActionPlan.create({
    data: {
      surveyId,
      unitId: ctx.unitId.get("JC-GE")!,
      summary: "薪酬绩效和职业发展是大家最不满意的两项；前后台协同也有改进空间。",
      actions: "",
      authorId: ctx.userId.get("E000001")!,
      publishedAt,
      items: {
        create: [
          {
            title: "每季度公布绩效薪酬分配规则和结果口径",
            dimension: "pay-performance",
            ownerId: ctx.employeeId.get("E000002")!,
            dueOn: day(-120),
            status: "done",
            progressNote: "已在每季度部门会上公布，并上传至共享目录。",
          },
          {
            title: "建立前后台联合复盘机制，每月一次",
            dimension: "channel-collaboration",
            ownerId: ctx.employeeId.get("E000004")!,
            dueOn: day(5),
            status: "in_progress",
            progressNote: "已开过两次复盘会。",
          },
          {
            title: "开展职业发展通道宣讲",
            dimension: "career",
            ownerId: ctx.employeeId.get("E000001")!,
            dueOn: day(-10),
            status: "planned",
          },
        ],
      },
    },
  });
}
