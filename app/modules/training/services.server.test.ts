import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import { demoOrg } from "../../../test/utils";
import { seedKpiDemo } from "../../../prisma/seed/kpi";
import type { Actor } from "~/modules/auth/scope";
import { courseFor, createCourse, createSession, listCourses, setCourseActive } from "./catalogue/catalogue.server";
import { cancelEnrolment, completeSession, enrolSelf, nominate, recordAttendance } from "./sessions/enrolment.server";
import { requestDueBehaviourAssessments } from "./evaluation/behaviour.server";
import { seedTrainingDemo } from "../../../prisma/seed/training";
import { trainingFacts } from "./evaluation/facts.server";
import { needsByTopicAndUnit } from "./catalogue/needs.server";
import { periodScores } from "~/modules/kpi/scores.server";
import { differenceInDifferences, type KpiPair } from "./evaluation/evaluation";
import { courseResults } from "./evaluation/results.server";
import { MIN_GROUP_SIZE } from "./training";
import { effectivenessReport, hoursReport, yearWindow } from "./reports/reports.server";
import { dateToCst } from "./training";

const hrActor = (userId: string): Actor => ({ userId, role: "hr_admin", employeeId: null, scopePath: null });

let ctx: Awaited<ReturnType<typeof demoOrg>>;
const now = new Date();

beforeAll(async () => {
  ctx = await demoOrg();
  await seedKpiDemo(ctx, now);
  await seedTrainingDemo(ctx, now);
});

describe("demo data and reports", () => {
  it("aggregates the needs survey by unit and topic without small groups", async () => {
    const needs = await needsByTopicAndUnit(db, hrActor(ctx.userId.get("E000003")!));
    expect(needs.shownResponses).toBeGreaterThan(50);
    expect(needs.totals.negotiation.wanted).toBeGreaterThan(0);
    for (const row of needs.rows) {
      // A hidden unit's size is not given; a shown one has at least the minimum.
      if (row.status === "suppressed") expect(row.responses).toBeNull();
      else expect(row.responses).toBeGreaterThanOrEqual(5);
    }
  });

  it("computes a difference in differences for the negotiation course from the KPI quarters", async () => {
    const course = await db.trainingCourse.findUniqueOrThrow({ where: { code: "GE-NEGO" } });
    const hr = hrActor(ctx.userId.get("E000003")!);
    const results = await courseResults(db, hr, course.id);
    expect(results.status).toBe("ok");
    if (results.status === "ok") {
      expect(results.treated.n).toBeGreaterThanOrEqual(5);
      expect(results.control.n).toBeGreaterThanOrEqual(5);
      expect(Number.isInteger(results.did)).toBe(true);
    }

    // The groups are summed per position and track in SQL, then corrected: the same figures as
    // listing them person by person, session by session (the definition), in any scope.
    const definition = async (scopePath: string | null) => {
      const inScope = { unit: scopePath === null ? {} : { path: { startsWith: scopePath } } };
      const sessions = await db.trainingSession.findMany({
        where: { courseId: course.id, status: "completed" },
        select: {
          startsAt: true,
          endsAt: true,
          enrolments: {
            where: { completedAt: { not: null } },
            select: { employee: { select: { id: true, positionId: true, track: true, unit: { select: { path: true } } } } },
          },
        },
      });
      const ever = new Set(sessions.flatMap((s) => s.enrolments.map((e) => e.employee.id)));
      const quarters = await db.appraisalPeriod.findMany({ where: { kind: "quarter", status: "closed" }, orderBy: { endsOn: "asc" } });
      const treated: KpiPair[] = [];
      const control: KpiPair[] = [];
      for (const s of sessions) {
        const participants = s.enrolments.map((e) => e.employee).filter((e) => scopePath === null || e.unit.path.startsWith(scopePath));
        const before = quarters.filter((q) => q.endsOn <= s.startsAt).at(-1);
        const after = quarters.find((q) => q.startsOn >= s.endsAt);
        if (!before || !after || participants.length === 0) continue;
        const totals = async (periodId: string) =>
          new Map((await periodScores(db, periodId)).scores.flatMap((x) => (x.total === null ? [] : [[x.employeeId, x.total] as const])));
        const [b, a] = [await totals(before.id), await totals(after.id)];
        const pair = (id: string) => (b.has(id) && a.has(id) ? { before: b.get(id)!, after: a.get(id)! } : null);
        for (const e of participants) {
          const p = pair(e.id);
          if (p) treated.push(p);
        }
        const profiles = participants.map((e) => ({ positionId: e.positionId, track: e.track }));
        for (const e of await db.employee.findMany({ where: { active: true, OR: profiles, ...inScope }, select: { id: true } })) {
          const p = ever.has(e.id) ? null : pair(e.id);
          if (p) control.push(p);
        }
      }
      return differenceInDifferences(treated, control, MIN_GROUP_SIZE);
    };
    expect(results).toMatchObject(await definition(null));

    const head = await db.employee.findUniqueOrThrow({
      where: { id: ctx.employeeId.get("E000001")! },
      select: { unit: { select: { path: true } } },
    });
    for (const path of [head.unit.path, (await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" } })).path]) {
      const scoped = await courseResults(
        db,
        { userId: ctx.userId.get("E000001")!, role: "dept_head", employeeId: ctx.employeeId.get("E000001")!, scopePath: path },
        course.id,
      );
      expect(await definition(path)).toMatchObject({ status: "ok" });
      expect(scoped).toMatchObject(await definition(path));
    }
  });

  it("reports four levels per course and hides reaction below the group minimum", async () => {
    const rows = [
      ...(await effectivenessReport(db, hrActor(ctx.userId.get("E000003")!), yearWindow(new Date().getUTCFullYear() - 1))),
      ...(await effectivenessReport(db, hrActor(ctx.userId.get("E000003")!), yearWindow(new Date().getUTCFullYear()))),
    ];
    const policy = rows.find((r) => r.code === "GE-POLICY");
    expect(policy?.reaction.status).toBe("suppressed");
    const lab = rows.find((r) => r.code === "GE-5G-LAB");
    expect(lab?.reaction.status).toBe("ok");
    expect(lab?.learning?.n).toBeGreaterThan(5);
    expect(lab?.cost.perParticipant).toBeGreaterThan(0);
  });

  it("adds up each person's completed hours in the year, and lists them a page at a time", async () => {
    const hr = hrActor(ctx.userId.get("E000003")!);
    const window = yearWindow(new Date().getUTCFullYear());
    const all = await hoursReport(db, hr, window);
    const completions = await db.trainingEnrolment.findMany({
      where: { completedAt: { not: null }, session: { endsAt: { gte: window.from, lt: window.to } }, employee: { active: true } },
      select: { employeeId: true, session: { select: { course: { select: { hoursTenths: true } } } } },
    });
    const tenths = new Map<string, number>();
    for (const c of completions) tenths.set(c.employeeId, (tenths.get(c.employeeId) ?? 0) + c.session.course.hoursTenths);
    expect(tenths.size).toBeGreaterThan(5);
    expect(all.people).toHaveLength(await db.employee.count({ where: { active: true } }));
    for (const p of all.people) expect(p.hours).toBe((tenths.get(p.id) ?? 0) / 10);
    expect(all.totals.trained).toBe(tenths.size);
    expect(all.units.reduce((n, u) => n + u.staff, 0)).toBe(all.people.length);
    expect(all.bands.reduce((n, b) => n + b.people, 0)).toBe(all.people.length);

    const second = await hoursReport(db, hr, window, { page: 2, pageSize: 5 });
    expect(second.people).toEqual(all.people.slice(5, 10));
    expect(second).toMatchObject({
      peopleTotal: all.people.length,
      page: 2,
      pageCount: Math.ceil(all.people.length / 5),
      totals: all.totals,
    });
    const past = await hoursReport(db, hr, window, { page: 999, pageSize: 5 });
    expect(past.page).toBe(past.pageCount);
    expect(past.people).toEqual(all.people.slice((past.pageCount - 1) * 5));
  });

  it("keeps a department head's reports inside their scope", async () => {
    const finHead: Actor = {
      userId: ctx.userId.get("E000002")!,
      role: "dept_head",
      employeeId: ctx.employeeId.get("E000002")!,
      scopePath: (await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" } })).path,
    };
    const report = await hoursReport(db, finHead, yearWindow(new Date().getUTCFullYear()));
    const finance = await db.employee.count({ where: { active: true, unit: { code: "JC-GE-FIN" } } });
    expect(report.people).toHaveLength(finance);
  });

  it("has a behaviour assessment due for the department head, and requests it once", async () => {
    const head = ctx.employeeId.get("E000001")!;
    const due = await db.trainingBehaviourAssessment.findMany({
      where: { managerId: head, submittedAt: null, dueFrom: { lte: now }, dueUntil: { gte: now } },
    });
    expect(due.length).toBeGreaterThan(0);
    await db.trainingBehaviourAssessment.updateMany({ where: { managerId: head }, data: { requestedAt: null } });
    await requestDueBehaviourAssessments(db, now);
    await requestDueBehaviourAssessments(db, now);
    const messages = await db.outboxMessage.count({ where: { type: "training.behaviourRequest", recipientId: head } });
    expect(messages).toBe(due.length);
  });

  it("gives other capabilities an employee's training facts", async () => {
    const facts = await trainingFacts(db, ctx.employeeId.get("E000005")!, now);
    expect(facts.completedCourseCodes).toContain("GE-5G-LAB");
    expect(facts.hoursLast12Months).toBeGreaterThanOrEqual(12);
    expect(facts.certificates.some((c) => c.startsWith("GE-5G-LAB-"))).toBe(true);
  });
});

describe("enrolment, waiting list and completion", () => {
  it("fills places, queues the rest and promotes the earliest when a place frees", async () => {
    const hr = ctx.userId.get("E000003")!;
    const course = await createCourse(db, hr, {
      code: "T-WAIT",
      titleZh: "测试",
      titleEn: "Test",
      topic: "negotiation",
      needTopics: [],
      format: "classroom",
      hours: 3.5,
      costYuan: 1000,
      grantsCertificate: true,
    });
    const start = new Date(now.getTime() + 5 * 86400_000);
    const session = await createSession(db, hr, course.id, {
      startsAt: dateToCst(start),
      endsAt: dateToCst(new Date(start.getTime() + 3600_000 * 4)),
      trainer: "T",
      place: "P",
      capacity: 2,
      costYuan: 1000,
      testMaxScore: 100,
    });
    const people = ["E000101", "E000102", "E000103", "E000104"].map((no) => ctx.employeeId.get(no)!);
    const actor = (employeeId: string): Actor & { employeeId: string } => ({ userId: "u", role: "employee", employeeId, scopePath: null });
    const placed = [];
    for (const p of people) placed.push((await enrolSelf(db, actor(p), session.id, now)).status);
    expect(placed).toEqual(["enrolled", "enrolled", "waitlisted", "waitlisted"]);
    await expect(enrolSelf(db, actor(people[0]), session.id, now)).rejects.toThrow("training.errors.alreadyEnrolled");
    const first = await db.trainingEnrolment.findFirstOrThrow({ where: { sessionId: session.id, employeeId: people[0] } });
    expect(await cancelEnrolment(db, actor(people[1]), first.id, now)).toBeNull();
    await cancelEnrolment(db, actor(people[0]), first.id, now);
    const statuses = await db.trainingEnrolment.findMany({
      where: { sessionId: session.id },
      orderBy: { queuedAt: "asc" },
      select: { employeeId: true, status: true },
    });
    expect(statuses.map((s) => s.status)).toEqual(["cancelled", "enrolled", "enrolled", "waitlisted"]);
    expect(await db.outboxMessage.count({ where: { type: "training.promoted", recipientId: people[2] } })).toBe(1);

    // Recorded after the fact: completion needs attendance for everyone, then gives certificates and behaviour assessments.
    await db.trainingSession.update({
      where: { id: session.id },
      data: { startsAt: new Date(now.getTime() - 86400_000), endsAt: new Date(now.getTime() - 80000_000) },
    });
    await expect(completeSession(db, hr, session.id, now)).rejects.toThrow("training.errors.attendanceMissing");
    const enrolled = await db.trainingEnrolment.findMany({ where: { sessionId: session.id, status: "enrolled" }, select: { id: true } });
    await expect(
      recordAttendance(db, hr, session.id, [{ enrolmentId: enrolled[0].id, attendance: "attended", preScore: 40, postScore: 101 }]),
    ).rejects.toThrow("training.errors.scoreAboveMax");
    await recordAttendance(db, hr, session.id, [
      { enrolmentId: enrolled[0].id, attendance: "attended", preScore: 40, postScore: 70 },
      { enrolmentId: enrolled[1].id, attendance: "absent", preScore: null, postScore: null },
    ]);
    expect(await completeSession(db, hr, session.id, now)).toEqual({ completed: 1 });
    const done = await db.trainingEnrolment.findUniqueOrThrow({ where: { id: enrolled[0].id }, include: { behaviour: true } });
    expect(done.certificateNo).toMatch(/^T-WAIT-\d{4}-0001$/);
    expect(done.behaviour?.dueFrom.getTime()).toBe(done.completedAt!.getTime() + 30 * 86400_000);
    expect(await db.trainingEnrolment.count({ where: { sessionId: session.id, status: "waitlisted" } })).toBe(0);
  });

  it("lets a head nominate only inside their scope", async () => {
    const hr = ctx.userId.get("E000003")!;
    const course = await db.trainingCourse.findUniqueOrThrow({ where: { code: "GE-BID" } });
    const session = await db.trainingSession.findFirstOrThrow({ where: { courseId: course.id, status: "scheduled" } });
    const finPath = (await db.unit.findUniqueOrThrow({ where: { code: "JC-GE-FIN" } })).path;
    const head: Actor = {
      userId: ctx.userId.get("E000002")!,
      role: "dept_head",
      employeeId: ctx.employeeId.get("E000002")!,
      scopePath: finPath,
    };
    const outsider = await db.employee.findFirstOrThrow({ where: { unit: { code: "JC-GE-GOV" }, position: { code: "AM" } } });
    expect(await nominate(db, head, session.id, outsider.id, now)).toBeNull();
    const insider = await db.employee.findFirstOrThrow({
      where: { unit: { code: "JC-GE-FIN" }, trainingEnrolments: { none: { sessionId: session.id } } },
    });
    expect((await nominate(db, head, session.id, insider.id, now))?.status).toBe("enrolled");
    expect(hr).toBeTruthy();
  });
});

describe("the catalogue", () => {
  it("lists retired courses only to someone who manages it, and only when asked", async () => {
    const hr = ctx.userId.get("E000003")!;
    const course = await createCourse(db, hr, {
      code: "T-RETIRED",
      titleZh: "停用",
      titleEn: "Retired",
      topic: "negotiation",
      needTopics: [],
      format: "classroom",
      hours: 1,
      costYuan: 0,
      grantsCertificate: false,
    });
    await setCourseActive(db, hr, course.id, false);
    const employee: Actor = {
      userId: ctx.userId.get("E000004")!,
      role: "employee",
      employeeId: ctx.employeeId.get("E000004")!,
      scopePath: null,
    };
    const head: Actor = {
      userId: ctx.userId.get("E000001")!,
      role: "dept_head",
      employeeId: ctx.employeeId.get("E000001")!,
      scopePath: "/",
    };
    const codes = async (actor: Actor, retired: boolean) =>
      (await listCourses(db, actor, { retired, page: 1, topic: "negotiation" })).rows.map((c) => c.code);
    expect(await codes(hrActor(hr), true)).toContain("T-RETIRED");
    expect(await codes(hrActor(hr), false)).not.toContain("T-RETIRED");
    expect(await codes(head, true)).not.toContain("T-RETIRED");
    expect(await codes(employee, true)).not.toContain("T-RETIRED");
    // Its page: found by HR, not found by anyone else.
    expect((await courseFor(db, hrActor(hr), course.id))?.code).toBe("T-RETIRED");
    expect(await courseFor(db, head, course.id)).toBeNull();
    expect(await courseFor(db, employee, course.id)).toBeNull();
  });
});
