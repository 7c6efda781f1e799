import type { Db } from "~/utils/db.server";
import { seededRandom } from "~/utils/seeded-random";
import { answerRows, type Answers } from "~/modules/surveys/items";
import { cutUnits } from "~/modules/surveys/campaigns/population";
import { getTemplate } from "~/modules/surveys/campaigns/templates.server";
import { createBehaviourAssessments } from "~/modules/training/evaluation/behaviour.server";
import { DEMO_COURSES, TOPIC_TASTE } from "./training-data";
import { NEEDS_TOPIC_ITEM, TOPICS, type Topic } from "~/modules/training/training";

import type { DemoContext } from "./index";

const DAY = 24 * 3600_000;

type Rng = ReturnType<typeof seededRandom>;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

/** A day in China Standard Time, `days` from `now`, at hh:mm. */
function cstDay(now: Date, days: number, hhmm: string) {
  const d = new Date(now.getTime() + days * DAY + 8 * 3600_000).toISOString().slice(0, 10);
  return new Date(`${d}T${hhmm}:00+08:00`);
}

type Staff = {
  id: string;
  employeeNo: string;
  unitId: string;
  track: string;
  hireDate: Date;
  managerId: string | null;
  position: { code: string };
};

/** An anonymous survey seeded with answers, the way the survey module stores them (random keys, no person). */
async function seedSurvey(
  db: Db,
  spec: {
    templateId: "training-needs" | "training-reaction";
    titleZh: string;
    titleEn: string;
    opensAt: Date;
    closesAt: Date;
    status: "open" | "closed";
    purpose: string;
    contextId: string;
    population: object;
    cuts: string[];
    createdById: string;
  },
  invited: Staff[],
  unitPaths: Map<string, string>,
  answer: (e: Staff) => Answers | null,
) {
  const template = getTemplate(spec.templateId)!;
  const cutUnit = cutUnits(invited, unitPaths, 5);
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
      minGroupSize: 5,
      minCommentGroupSize: 10,
      cutsJson: JSON.stringify(spec.cuts),
      populationJson: JSON.stringify(spec.population),
      purpose: spec.purpose,
      contextId: spec.contextId,
      createdById: spec.createdById,
      launchedAt: spec.opensAt,
      closedAt: spec.status === "closed" ? spec.closesAt : null,
    },
    select: { id: true },
  });
  const responses: { id: string; surveyId: string; unitId: string | null }[] = [];
  const answers: { responseId: string; itemId: string; value: number; text: string | null }[] = [];
  const participations = invited.map((e) => {
    const given = answer(e);
    if (given) {
      const id = crypto.randomUUID();
      responses.push({ id, surveyId: survey.id, unitId: spec.cuts.includes("unit") ? cutUnit.get(e.unitId)! : null });
      for (const row of answerRows(template.items, given)) answers.push({ ...row, responseId: id });
    }
    return { surveyId: survey.id, employeeId: e.id, unitId: e.unitId, cutUnitId: cutUnit.get(e.unitId)!, tokenTaken: Boolean(given) };
  });
  await db.$transaction(async (tx) => {
    await tx.surveyParticipation.createMany({ data: participations });
    await tx.surveyResponse.createMany({ data: responses.sort((a, b) => a.id.localeCompare(b.id)) });
    for (let i = 0; i < answers.length; i += 2000) await tx.surveyAnswer.createMany({ data: answers.slice(i, i + 2000) });
  });
  return survey.id;
}

function pickTopics(rng: Rng, position: string): Topic[] {
  const taste = TOPIC_TASTE[position] ?? {};
  const chosen = TOPICS.filter((t) => rng.next() < ((taste[t] ?? 0.5) / 6) * 0.9);
  return chosen.length ? chosen : [TOPICS[Math.floor(rng.next() * TOPICS.length)]];
}

function needsAnswers(rng: Rng, e: Staff): Answers {
  const wanted = pickTopics(rng, e.position.code);
  const taste = TOPIC_TASTE[e.position.code] ?? {};
  const urgent = [...wanted].sort((a, b) => (taste[b] ?? 0) - (taste[a] ?? 0) || rng.next() - 0.5)[0];
  const likert = () => clamp(3 + rng.normal(0.9), 1, 5);
  return {
    "role-01":
      {
        AM: "account-manager",
        CAM: "chief-account-manager",
        "IND-MGR": "industry-manager",
        "SOL-MGR": "solution-manager",
        PRESALES: "solution-manager",
        PM: "project-manager",
        "VPN-MGR": "vpn-service-manager",
        "ROOM-HEAD": "room-head",
        "DEPT-GM": "room-head",
      }[e.position.code] ?? "other",
    [NEEDS_TOPIC_ITEM]: wanted,
    "topic-02": urgent,
    "format-01": ["hands-on", "boot-camp", "live-campaign", "classroom", "online", "customer-experts"]
      .filter((_, i) => rng.next() < [0.7, 0.5, 0.5, 0.25, 0.35, 0.4][i])
      .concat("hands-on")
      .filter((v, i, a) => a.indexOf(v) === i),
    "skill-01": likert(),
    "skill-02": likert(),
    "skill-03": likert(),
    "skill-04": likert(),
    "skill-05": likert(),
    "skill-06": likert(),
    "skill-07": likert(),
    "timing-01": ["workday", "workday-evening", "weekend", "off-peak"][Math.floor(rng.next() * 4)],
    "timing-02": ["half-day", "one-day", "two-three-days", "one-week", "weekly-short"][Math.floor(rng.next() * 5)],
  };
}

function reactionAnswers(rng: Rng, quality: number): Answers {
  const v = () => clamp(quality + rng.normal(0.6), 1, 5);
  const overall = v();
  return {
    "rel-01": v(),
    "rel-02": v(),
    "trainer-01": v(),
    "trainer-02": v(),
    "practice-01": v(),
    "materials-01": v(),
    "org-01": v(),
    "org-02": v(),
    "overall-01": overall,
    "overall-02": clamp((overall - 1) * 2.4 + rng.normal(1), 0, 10),
  };
}

type SessionPlan = {
  course: string;
  startDays: number;
  days: number;
  trainer: string;
  place: string;
  capacity: number;
  pick: (s: Staff[]) => Staff[];
  waitlist?: (s: Staff[]) => Staff[];
  /** Completed sessions: the reaction survey's state and the quality of the course (1–5). */
  reaction?: { status: "open" | "closed"; quality: number; rate: number };
  /** Share of managers who have already given their behaviour assessment. */
  assessed?: number;
  start?: Date;
  end?: Date;
};

/**
 * The G&E catalogue; last spring's needs survey (closed, answered); completed sessions with
 * attendance, tests, reaction surveys and behaviour assessments (one due now for the department
 * head); sessions coming up with places taken and a waiting list. A negotiation course on the
 * boundary of the last two closed quarters lets the KPI difference in differences be computed.
 */
export async function seedTrainingDemo(ctx: DemoContext, now = new Date()) {
  const { db } = ctx;
  const rng = seededRandom(20261123);
  const hr = ctx.userId.get("E000003")!;
  const department = await db.unit.findUniqueOrThrow({ where: { code: "JC-GE" }, select: { id: true, path: true } });
  const units = await db.unit.findMany({ select: { id: true, path: true, code: true } });
  const unitPaths = new Map(units.map((u) => [u.id, u.path]));
  const staff: Staff[] = await db.employee.findMany({
    where: { active: true, unit: { path: { startsWith: department.path } } },
    orderBy: { employeeNo: "asc" },
    select: {
      id: true,
      employeeNo: true,
      unitId: true,
      track: true,
      hireDate: true,
      managerId: true,
      position: { select: { code: true } },
    },
  });
  const byNo = new Map(staff.map((s) => [s.employeeNo, s]));
  const of = (...codes: string[]) => staff.filter((s) => codes.includes(s.position.code));
  const take = (list: Staff[], n: number, must: string[] = [], offset = 0) => {
    const pinned = must.map((no) => byNo.get(no)!).filter(Boolean);
    return [...pinned, ...list.filter((s) => !must.includes(s.employeeNo)).slice(offset, offset + n - pinned.length)];
  };

  const courseId = new Map<string, string>();
  for (const c of DEMO_COURSES) {
    const { also, ...rest } = c;
    const { id } = await db.trainingCourse.create({
      data: { ...rest, needTopicsJson: JSON.stringify([c.topic, ...also.filter((t) => t !== c.topic)]) },
      select: { id: true },
    });
    courseId.set(c.code, id);
  }

  // Last spring's needs survey for the whole department: the catalogue above answers it.
  const needsOpens = cstDay(now, -230, "09:00");
  await seedSurvey(
    db,
    {
      templateId: "training-needs",
      titleZh: "培训需求调研 · 政企客户部",
      titleEn: "Training needs · G&E Customer Department",
      opensAt: needsOpens,
      closesAt: new Date(needsOpens.getTime() + 14 * DAY),
      status: "closed",
      purpose: "training-needs",
      contextId: department.id,
      population: { unitIds: [department.id], tracks: [] },
      cuts: ["unit"],
      createdById: hr,
    },
    staff,
    unitPaths,
    (e) => (rng.next() < 0.82 ? needsAnswers(rng, e) : null),
  );

  // The negotiation course sits on the last day of the earlier closed quarter, so the quarters either side frame it.
  const closed = await db.appraisalPeriod.findMany({
    where: { kind: "quarter", status: "closed" },
    orderBy: { endsOn: "desc" },
    take: 2,
    select: { endsOn: true },
  });
  const boundary = closed.length === 2 ? closed[1].endsOn : null;
  const ams = of("AM");
  const plans: SessionPlan[] = [
    ...(boundary
      ? [
          {
            course: "GE-NEGO",
            startDays: 0,
            days: 1,
            start: new Date(`${boundary.toISOString().slice(0, 10)}T09:00:00+08:00`),
            end: new Date(`${boundary.toISOString().slice(0, 10)}T17:00:00+08:00`),
            trainer: "周振宇（外聘谈判讲师）",
            place: "江城分公司 3 楼培训室",
            capacity: 16,
            pick: () =>
              take(
                ams.filter((_, i) => i % 3 === 0),
                14,
                ["E000004"],
              ),
            reaction: { status: "closed" as const, quality: 4.1, rate: 0.85 },
            assessed: 0.85,
          },
        ]
      : []),
    {
      course: "GE-BOOT-IND",
      startDays: -125,
      days: 3,
      trainer: "林海波（省公司行业专家）",
      place: "省公司培训中心",
      capacity: 20,
      pick: () => take([...of("CAM", "IND-MGR"), ...ams.filter((_, i) => i % 4 === 1), ...of("SOL-MGR")], 18),
      reaction: { status: "closed", quality: 4.3, rate: 0.9 },
      assessed: 0.9,
    },
    {
      course: "GE-5G-LAB",
      startDays: -62,
      days: 2,
      trainer: "郑晓东（网络部高级工程师）",
      place: "5G 创新实验室",
      capacity: 14,
      pick: () => take([...of("SOL-MGR", "PRESALES"), ...of("ROOM-HEAD")], 13, ["E000002", "E000005"]),
      reaction: { status: "closed", quality: 3.8, rate: 0.8 },
      assessed: 0.3,
    },
    {
      course: "GE-CRM",
      startDays: -9,
      days: 1,
      trainer: "何丽娟（客户管理室）",
      place: "江城分公司 3 楼培训室",
      capacity: 24,
      pick: () => take([...of("CS"), ...ams.filter((_, i) => i % 5 === 2)], 16),
      reaction: { status: "open", quality: 3.9, rate: 0.5 },
    },
    {
      course: "GE-POLICY",
      startDays: -20,
      days: 1,
      trainer: "市大数据局 刘处长",
      place: "政企客户部会议室",
      capacity: 10,
      pick: () => take(of("IND-MGR"), 4),
      reaction: { status: "closed", quality: 4.5, rate: 1 },
    },
    {
      course: "GE-BID",
      startDays: 10,
      days: 2,
      trainer: "项目运营及一站服务室 带教组",
      place: "项目作战室",
      capacity: 12,
      pick: () => take([...of("PM"), ...ams.filter((_, i) => i % 6 === 3)], 8),
    },
    {
      course: "GE-DATA",
      startDays: 20,
      days: 1,
      trainer: "营销推广室 数据分析组",
      place: "江城分公司 3 楼培训室",
      capacity: 6,
      pick: () => take(of("MKT-PLAN"), 6),
      waitlist: () =>
        take(
          ams.filter((_, i) => i % 7 === 4),
          2,
          ["E000005"],
        ),
    },
    {
      course: "GE-BOOT-IND",
      startDays: 35,
      days: 3,
      trainer: "林海波（省公司行业专家）",
      place: "省公司培训中心",
      capacity: 20,
      pick: () =>
        take(
          ams.filter((_, i) => i % 4 === 2),
          5,
          ["E000004"],
        ),
    },
    {
      course: "GE-CLOUD",
      startDays: 7,
      days: 14,
      trainer: "线上课程",
      place: "网上大学",
      capacity: 100,
      pick: () => take(of("PRESALES", "SOL-MGR"), 9),
    },
  ];

  for (const plan of plans) {
    const course = DEMO_COURSES.find((c) => c.code === plan.course)!;
    const startsAt = plan.start ?? cstDay(now, plan.startDays, "09:00");
    const endsAt = plan.end ?? cstDay(now, plan.startDays + plan.days - 1, "17:30");
    const past = endsAt < now;
    const session = await db.trainingSession.create({
      data: {
        courseId: courseId.get(plan.course)!,
        startsAt,
        endsAt,
        trainer: plan.trainer,
        place: plan.place,
        capacity: plan.capacity,
        costFen: course.costFen,
        status: past ? "completed" : "scheduled",
        enrolmentOpen: !past,
      },
      select: { id: true },
    });
    const people = plan.pick(staff).slice(0, plan.capacity);
    const queued = (i: number) => new Date(startsAt.getTime() - (30 - i * 0.01) * DAY);
    const completers: Staff[] = [];
    let seq = 0;
    for (const [i, p] of people.entries()) {
      const attended = !past || rng.next() < 0.93 || p.employeeNo.startsWith("E00000");
      const pre = clamp(55 + rng.normal(12), 20, 95);
      const gain = Math.max(-0.1, 0.45 + rng.normal(0.18));
      const post = clamp(pre + (100 - pre) * gain, 0, 100);
      if (past && attended) completers.push(p);
      await db.trainingEnrolment.create({
        data: {
          sessionId: session.id,
          employeeId: p.id,
          status: "enrolled",
          source: i % 3 === 0 ? "self" : "nomination",
          nominatedById: i % 3 === 0 ? null : hr,
          queuedAt: queued(i),
          attendance: past ? (attended ? "attended" : "absent") : null,
          completedAt: past && attended ? endsAt : null,
          certificateNo:
            past && attended && course.grantsCertificate
              ? `${course.code}-${endsAt.getUTCFullYear()}-${String(++seq).padStart(4, "0")}`
              : null,
          preScore: past && attended ? pre : null,
          postScore: past && attended ? post : null,
        },
      });
    }
    for (const [i, p] of (plan.waitlist?.(staff) ?? []).entries()) {
      await db.trainingEnrolment.create({
        data: { sessionId: session.id, employeeId: p.id, status: "waitlisted", source: "self", queuedAt: queued(people.length + i) },
      });
    }
    if (!past) continue;
    const enrolments = await db.trainingEnrolment.findMany({
      where: { sessionId: session.id, completedAt: { not: null } },
      select: { id: true, employee: { select: { managerId: true } } },
    });
    await createBehaviourAssessments(
      db,
      endsAt,
      enrolments.flatMap((e) => (e.employee.managerId ? [{ enrolmentId: e.id, managerId: e.employee.managerId }] : [])),
    );
    const assessments = await db.trainingBehaviourAssessment.findMany({
      where: { enrolmentId: { in: enrolments.map((e) => e.id) } },
      select: { id: true, dueFrom: true, managerId: true },
    });
    const headId = ctx.employeeId.get("E000001");
    for (const a of assessments) {
      if (a.dueFrom > now) continue;
      // The department head's own assessments stay open so the demo shows one due.
      const submit = a.managerId !== headId && rng.next() < (plan.assessed ?? 0);
      const application = clamp(3.6 + rng.normal(0.8), 1, 5);
      await db.trainingBehaviourAssessment.update({
        where: { id: a.id },
        data: {
          requestedAt: a.dueFrom,
          ...(submit
            ? {
                applicationScore: application,
                improvementScore: clamp(application - 0.3 + rng.normal(0.6), 1, 5),
                submittedAt: new Date(a.dueFrom.getTime() + 12 * DAY),
              }
            : {}),
        },
      });
    }
    if (plan.reaction) {
      const r = plan.reaction;
      const opensAt = new Date(endsAt.getTime() + 3600_000);
      const surveyId = await seedSurvey(
        db,
        {
          templateId: "training-reaction",
          titleZh: `培训反馈 · ${course.titleZh}`,
          titleEn: `Training feedback · ${course.titleEn}`,
          opensAt,
          closesAt: r.status === "closed" ? new Date(opensAt.getTime() + 14 * DAY) : new Date(now.getTime() + 7 * DAY),
          status: r.status,
          purpose: "training-reaction",
          contextId: session.id,
          population: { employeeIds: completers.map((c) => c.id) },
          cuts: [],
          createdById: hr,
        },
        completers,
        unitPaths,
        (e) =>
          (!["E000004", "E000005"].includes(e.employeeNo) || r.status === "closed") && rng.next() < r.rate
            ? reactionAnswers(rng, r.quality)
            : null,
      );
      await db.trainingSession.update({ where: { id: session.id }, data: { reactionSurveyId: surveyId } });
    }
  }
}
