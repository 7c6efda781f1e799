import { divideRounded } from "~/utils/exact-round";
import { sqliteDate, type Db } from "~/utils/db.server";
import { readPacked } from "~/utils/packed-rows.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import { courseEffectiveness, effectivenessSessions } from "../evaluation/effectiveness.server";
import { reactionData } from "../evaluation/reaction.server";
import { needsByTopicAndUnit } from "../catalogue/needs.server";
import { courseResults, resultsContext, resultsInputs } from "../evaluation/results.server";
import { hoursFromTenths, parseTopics, TOPICS, type Topic } from "../training";
import { pageOf } from "~/utils/pagination";
import { hoursCompleted } from "../queries.server";

export type Window = { from: Date; to: Date };

/** A calendar year in China Standard Time. */
export function yearWindow(year: number): Window {
  return { from: new Date(`${year}-01-01T00:00:00+08:00`), to: new Date(`${year + 1}-01-01T00:00:00+08:00`) };
}

const HOUR_BANDS = [
  { key: "0", min: 0, max: 0 },
  { key: "1-8", min: 0.1, max: 8 },
  { key: "8-16", min: 8.1, max: 16 },
  { key: "16-40", min: 16.1, max: 40 },
  { key: "40+", min: 40.1, max: Infinity },
] as const;

/**
 * Hours completed per active employee in scope, per unit coverage and the distribution. Every
 * figure comes from one read of numbers packed by SQLite (a whole organisation is 100,000
 * people); names are read only for the people listed: one page of them (`page`, from 1), or
 * everyone when no page is asked for (the CSV export). A page past the end gives the last.
 */
export async function hoursReport(db: Db, actor: Actor, window: Window, options: { page?: number; pageSize?: number } = {}) {
  // Ordered as listed: by unit, then employee number.
  const hours = hoursCompleted(actor, sqliteDate(window.from), sqliteDate(window.to));
  const rows = await readPacked(db, hours);
  const figures = rows.map(([id, unitId, tenths, courses]) => ({
    id,
    unitId,
    tenths: Number(tenths),
    hours: hoursFromTenths(Number(tenths)),
    courses: Number(courses),
  }));
  const unitRows = await db.unit.findMany({
    where: { id: { in: [...new Set(figures.map((f) => f.unitId))] } },
    select: { id: true, nameZh: true, nameEn: true },
  });
  const unitOf = new Map(unitRows.map((u) => [u.id, u]));
  const units = new Map<
    string,
    { unitId: string; nameZh: string; nameEn: string; staff: number; trained: number; hours: number; tenths: number }
  >();
  for (const f of figures) {
    let u = units.get(f.unitId);
    if (!u)
      units.set(
        f.unitId,
        (u = {
          unitId: f.unitId,
          nameZh: unitOf.get(f.unitId)!.nameZh,
          nameEn: unitOf.get(f.unitId)!.nameEn,
          staff: 0,
          trained: 0,
          hours: 0,
          tenths: 0,
        }),
      );
    u.staff += 1;
    if (f.courses > 0) u.trained += 1;
    u.hours += f.hours;
    u.tenths += f.tenths;
  }
  const bands = HOUR_BANDS.map((b) => ({ key: b.key, people: figures.filter((p) => p.hours >= b.min && p.hours <= b.max).length }));
  const trained = figures.filter((p) => p.courses > 0).length;
  const totalTenths = figures.reduce((s, p) => s + p.tenths, 0);
  // Shown as a whole percent and hours to 0.1: computed exactly from the integer counts and rounded once.
  const coverage = (trainedCount: number, staff: number) => (staff ? divideRounded(trainedCount * 100, staff) / 100 : 0);
  const averageHours = (tenths: number, staff: number) => (staff ? divideRounded(tenths, staff * 10, 1) : 0);

  const size = options.pageSize ?? Math.max(1, figures.length);
  // A page past the end shows the last one.
  const { page, pageCount, rows: pageRows } = pageOf(figures, options.page, size);
  const listed = options.page === undefined ? figures : pageRows;
  const names = await db.employee.findMany({
    where: options.page === undefined ? { active: true, unit: unitWhere(actor) } : { id: { in: listed.map((f) => f.id) } },
    select: { id: true, employeeNo: true, name: true },
  });
  const nameOf = new Map(names.map((n) => [n.id, n]));
  const people = listed.flatMap((f) => {
    const n = nameOf.get(f.id);
    // Someone who left between the two reads is left out of the list rather than shown unnamed.
    return n
      ? [
          {
            id: f.id,
            employeeNo: n.employeeNo,
            name: n.name,
            unit: { id: f.unitId, nameZh: unitOf.get(f.unitId)!.nameZh, nameEn: unitOf.get(f.unitId)!.nameEn },
            hours: f.hours,
            courses: f.courses,
          },
        ]
      : [];
  });
  return {
    people,
    peopleTotal: figures.length,
    page,
    pageCount,
    units: [...units.values()].map(({ tenths, ...u }) => ({
      ...u,
      hours: hoursFromTenths(tenths),
      coverage: coverage(u.trained, u.staff),
      averageHours: averageHours(tenths, u.staff),
    })),
    bands,
    totals: {
      staff: figures.length,
      trained,
      coverage: coverage(trained, figures.length),
      averageHours: averageHours(totalTenths, figures.length),
    },
  };
}

/** Every course delivered in the window, across the four levels, with completion and cost. */
export async function effectivenessReport(db: Db, actor: Actor, window: Window) {
  const courses = await db.trainingCourse.findMany({
    where: { sessions: { some: { status: "completed", endsAt: { gte: window.from, lt: window.to } } } },
    orderBy: { code: "asc" },
    select: { id: true, code: true, titleZh: true, titleEn: true, format: true, hoursTenths: true, needTopicsJson: true },
  });
  const rows = [];
  // Every course's sessions and completions in a few queries, not a few per course.
  const ids = courses.map((c) => c.id);
  const [sessions, inputs] = await Promise.all([effectivenessSessions(db, actor, ids, window), resultsInputs(db, ids, window)]);
  const context = resultsContext(db, actor, inputs);
  const reaction = await reactionData(
    db,
    [...sessions.values()].flat().flatMap((s) => (s.reactionSurveyId ? [s.reactionSurveyId] : [])),
  );
  for (const c of courses) {
    const { course } = await courseEffectiveness(db, actor, c.id, { ...window, sessions: sessions.get(c.id)!, reaction });
    const results = await courseResults(db, actor, c.id, { ...window, context, sessions: inputs.get(c.id)! });
    rows.push({ ...c, needTopics: parseTopics(c.needTopicsJson), ...course, results });
  }
  return rows;
}

/** Recorded needs per topic against what was delivered to people in scope in the window. */
export async function needsDeliveryReport(db: Db, actor: Actor, window: Window) {
  const needs = await needsByTopicAndUnit(db, actor);
  const completions = await db.trainingEnrolment.findMany({
    where: { completedAt: { not: null }, session: { endsAt: { gte: window.from, lt: window.to } }, employee: { unit: unitWhere(actor) } },
    select: {
      employeeId: true,
      sessionId: true,
      session: { select: { course: { select: { id: true, needTopicsJson: true, hoursTenths: true } } } },
    },
  });
  const delivered = new Map<Topic, { people: Set<string>; sessions: Set<string>; courses: Set<string>; tenths: number }>();
  for (const t of TOPICS) delivered.set(t, { people: new Set(), sessions: new Set(), courses: new Set(), tenths: 0 });
  for (const c of completions) {
    for (const t of parseTopics(c.session.course.needTopicsJson)) {
      const d = delivered.get(t)!;
      d.people.add(c.employeeId);
      d.sessions.add(c.sessionId);
      d.courses.add(c.session.course.id);
      d.tenths += c.session.course.hoursTenths;
    }
  }
  const topics = TOPICS.map((t) => {
    const d = delivered.get(t)!;
    return {
      topic: t,
      wanted: needs.totals[t].wanted,
      urgent: needs.totals[t].urgent,
      trainedPeople: d.people.size,
      sessions: d.sessions.size,
      courses: d.courses.size,
      learnerHours: hoursFromTenths(d.tenths),
    };
  });
  return { topics, needs };
}
