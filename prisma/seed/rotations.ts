import { addMonths } from "~/modules/careers/dates";

import type { DemoContext } from "./index";

const DAY = 86_400_000;
const monthStart = (d: Date) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));

/** A rotation programme with openings, one completed (evaluated) and one active assignment. */
export async function seedRotationsDemo(ctx: DemoContext, now = new Date()) {
  const { db } = ctx;
  const hr = ctx.userId.get("E000003")!;
  const programme = await db.rotationProgramme.create({
    data: {
      name: "政企客户部岗位轮换计划",
      description: "横向在部门内各室之间、纵向到县分公司政企客户室轮岗，拓宽客户经理与方案经理的经验。",
      minMonthsInPost: 24,
      createdById: hr,
    },
  });
  const county = await db.rotationOpening.create({
    data: {
      programmeId: programme.id,
      hostUnitId: ctx.unitId.get("JC-QS-GE")!,
      title: "县域政企市场拓展",
      description: "到青山县分公司政企客户室，参与县域党政与中小企业客户拓展。",
      type: "vertical_county",
      capacity: 2,
      months: 6,
    },
  });
  const projects = await db.rotationOpening.create({
    data: {
      programmeId: programme.id,
      hostUnitId: ctx.unitId.get("JC-GE-PRJ")!,
      title: "重大项目运营实践",
      description: "在项目运营及一站服务室参与投标与项目交付。",
      type: "horizontal_dept",
      capacity: 1,
      months: 6,
    },
  });
  await db.rotationOpening.create({
    data: {
      programmeId: programme.id,
      hostUnitId: ctx.unitId.get("JC-GE-MKT")!,
      title: "营销策划与市场分析",
      description: "在营销推广室参与指标分解、定价与市场分析。",
      type: "horizontal_dept",
      capacity: 2,
      months: 3,
    },
  });

  const employees = await db.employee.findMany({ where: { employeeNo: { in: ["E000005"] } }, select: { id: true, unitId: true } });
  const zhao = employees[0];
  const countyHead = await db.employee.findFirst({
    where: { unitId: ctx.unitId.get("JC-QS-GE")!, position: { code: "ROOM-HEAD" } },
    select: { id: true },
  });
  const completedStart = monthStart(addMonths(now, -20));
  await db.rotationAssignment.create({
    data: {
      openingId: county.id,
      employeeId: zhao.id,
      homeUnitId: zhao.unitId,
      hostUnitId: ctx.unitId.get("JC-QS-GE")!,
      type: "vertical_county",
      startDate: completedStart,
      endDate: new Date(addMonths(completedStart, 6).getTime() - DAY),
      mentorId: countyHead?.id ?? null,
      objectives: "熟悉县域政企客户需求，完成两个县级政务云项目的方案支撑。",
      returnPlan: "回金融客户室后负责县域金融网点的专线与云方案。",
      status: "completed",
      scoreResults: 4,
      scoreLearning: 5,
      scoreCollaboration: 4,
      scoreOverall: 4,
      hostComment: "方案能力强，很快融入县分公司团队；两个项目均按期交付。",
      evaluatedById: hr,
      evaluatedAt: new Date(addMonths(completedStart, 6).getTime() + 7 * DAY),
      reflection: "第一次直接面对县级客户，理解了基层对价格和服务响应的要求；回来后更注重方案的可落地性。",
      reflectedAt: new Date(addMonths(completedStart, 6).getTime() + 10 * DAY),
      createdById: hr,
    },
  });

  // The active rotator: a Government-room account manager in Projects for six months.
  const gov = await db.employee.findFirst({
    where: { unitId: ctx.unitId.get("JC-GE-GOV")!, position: { code: "AM" } },
    orderBy: { employeeNo: "asc" },
    select: { id: true, unitId: true },
  });
  const prjHead = await db.employee.findFirst({
    where: { unitId: ctx.unitId.get("JC-GE-PRJ")!, position: { code: "ROOM-HEAD" } },
    select: { id: true },
  });
  if (gov) {
    const start = monthStart(addMonths(now, -2));
    await db.rotationAssignment.create({
      data: {
        openingId: projects.id,
        employeeId: gov.id,
        homeUnitId: gov.unitId,
        hostUnitId: ctx.unitId.get("JC-GE-PRJ")!,
        type: "horizontal_dept",
        startDate: start,
        endDate: new Date(addMonths(start, 6).getTime() - DAY),
        mentorId: prjHead?.id ?? null,
        objectives: "掌握投标流程，独立完成一个政务项目的投标文件。",
        returnPlan: "回党政军客户室后作为项目型商机的前端牵头人。",
        status: "active",
        createdById: hr,
      },
    });
  }
}
