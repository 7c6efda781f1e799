import type { Db } from "~/utils/db.server";
import { audit } from "~/modules/audit/audit.server";
import { may, type Actor } from "~/modules/auth/scope";
import { cstToDate, parseHoursTenths, parseTopics, yuanToFen, type CourseInput, type SessionInput } from "../training";
import { fieldError } from "~/utils/domain-error";
import { paginate, pageWindow } from "~/utils/pagination";

export const PAGE_SIZE = 20;

function courseData(input: CourseInput) {
  const needTopics = [...new Set([input.topic, ...input.needTopics])];
  return {
    code: input.code,
    titleZh: input.titleZh,
    titleEn: input.titleEn,
    topic: input.topic,
    needTopicsJson: JSON.stringify(needTopics),
    format: input.format,
    hoursTenths: parseHoursTenths(input.hours),
    costFen: yuanToFen(input.costYuan),
    grantsCertificate: input.grantsCertificate,
    descriptionZh: input.descriptionZh || null,
    descriptionEn: input.descriptionEn || null,
  };
}

export async function createCourse(db: Db, actorId: string, input: CourseInput) {
  if (await db.trainingCourse.findUnique({ where: { code: input.code }, select: { id: true } }))
    throw fieldError("code", "errors.codeTaken");
  const data = courseData(input);
  return db.$transaction(async (tx) => {
    const course = await tx.trainingCourse.create({ data, select: { id: true } });
    await audit(tx, { actorId, action: "training.course.create", entity: "TrainingCourse", entityId: course.id, after: data });
    return course;
  });
}

export async function updateCourse(db: Db, actorId: string, id: string, input: CourseInput) {
  const before = await db.trainingCourse.findUnique({ where: { id } });
  if (!before) throw fieldError("code", "errors.notFound");
  const owner = await db.trainingCourse.findUnique({ where: { code: input.code }, select: { id: true } });
  if (owner && owner.id !== id) throw fieldError("code", "errors.codeTaken");
  const data = courseData(input);
  await db.$transaction(async (tx) => {
    await tx.trainingCourse.update({ where: { id }, data });
    await audit(tx, { actorId, action: "training.course.update", entity: "TrainingCourse", entityId: id, before, after: data });
  });
}

export async function setCourseActive(db: Db, actorId: string, id: string, active: boolean) {
  await db.$transaction(async (tx) => {
    await tx.trainingCourse.update({ where: { id }, data: { active } });
    await audit(tx, {
      actorId,
      action: active ? "training.course.activate" : "training.course.retire",
      entity: "TrainingCourse",
      entityId: id,
      after: { active },
    });
  });
}

const courseSelect = {
  id: true,
  code: true,
  titleZh: true,
  titleEn: true,
  topic: true,
  needTopicsJson: true,
  format: true,
  hoursTenths: true,
  costFen: true,
  grantsCertificate: true,
  descriptionZh: true,
  descriptionEn: true,
  active: true,
} as const;

/** The catalogue, a page at a time; retired courses too when asked for by someone who manages it. */
export async function listCourses(db: Db, actor: Actor, options: { page?: number; retired?: boolean; topic?: string; format?: string }) {
  const includeRetired = Boolean(options.retired) && may(actor, "training.manage");
  const where = {
    ...(includeRetired ? {} : { active: true }),
    ...(options.topic ? { topic: options.topic } : {}),
    ...(options.format ? { format: options.format } : {}),
  };
  const page = Math.max(1, options.page ?? 1);
  const { skip, take } = pageWindow(page, PAGE_SIZE);
  const [total, rows] = await Promise.all([
    db.trainingCourse.count({ where }),
    db.trainingCourse.findMany({
      where,
      orderBy: { code: "asc" },
      skip,
      take,
      select: { ...courseSelect, _count: { select: { sessions: true } } },
    }),
  ]);
  return {
    total,
    page,
    pageCount: paginate({ page, pageSize: PAGE_SIZE, total }).pageCount,
    rows: rows.map((r) => ({ ...r, needTopics: parseTopics(r.needTopicsJson) })),
  };
}

export async function getCourse(db: Db, id: string) {
  const course = await db.trainingCourse.findUnique({ where: { id }, select: courseSelect });
  return course && { ...course, needTopics: parseTopics(course.needTopicsJson) };
}

/** A course as the actor may read it: a retired one only for someone who manages the catalogue (else null). */
export async function courseFor(db: Db, actor: Actor, id: string) {
  const course = await getCourse(db, id);
  return course && (course.active || may(actor, "training.manage")) ? course : null;
}

export async function createSession(db: Db, actorId: string, courseId: string, input: SessionInput) {
  const course = await db.trainingCourse.findUnique({ where: { id: courseId }, select: { active: true } });
  if (!course?.active) throw fieldError("startsAt", "training.errors.courseRetired");
  const data = {
    courseId,
    startsAt: cstToDate(input.startsAt),
    endsAt: cstToDate(input.endsAt),
    trainer: input.trainer,
    place: input.place,
    capacity: input.capacity,
    costFen: yuanToFen(input.costYuan),
    testMaxScore: input.testMaxScore,
  };
  return db.$transaction(async (tx) => {
    const session = await tx.trainingSession.create({ data, select: { id: true } });
    await audit(tx, { actorId, action: "training.session.create", entity: "TrainingSession", entityId: session.id, after: data });
    return session;
  });
}

/** Sessions starting from `from` (upcoming) or everything, newest first for the past. */
export function listSessions(db: Db, options: { courseId?: string; upcomingFrom?: Date; take?: number }) {
  return db.trainingSession.findMany({
    where: {
      ...(options.courseId ? { courseId: options.courseId } : {}),
      ...(options.upcomingFrom ? { startsAt: { gte: options.upcomingFrom }, status: "scheduled" } : {}),
    },
    orderBy: { startsAt: options.upcomingFrom ? "asc" : "desc" },
    take: options.take ?? 50,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      trainer: true,
      place: true,
      capacity: true,
      status: true,
      enrolmentOpen: true,
      costFen: true,
      course: { select: { id: true, code: true, titleZh: true, titleEn: true, format: true, hoursTenths: true } },
      _count: { select: { enrolments: { where: { status: "enrolled" } } } },
    },
  });
}

export function getSession(db: Db, id: string) {
  return db.trainingSession.findUnique({
    where: { id },
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      trainer: true,
      place: true,
      capacity: true,
      costFen: true,
      testMaxScore: true,
      status: true,
      enrolmentOpen: true,
      reactionSurveyId: true,
      course: { select: courseSelect },
    },
  });
}
