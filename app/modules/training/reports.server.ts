import type { Db } from "~/utils/db.server";
import { unitWhere, type Actor } from "~/modules/auth/scope";
import { courseEffectiveness, effectivenessSessions } from "./effectiveness.server";
import { needsByTopicAndUnit } from "./needs.server";
import { courseResults, resultsContext, resultsInputs } from "./results.server";
import { hoursFromTenths, parseTopics, TOPICS, type Topic } from "./training";

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

/** Hours completed per active employee in scope, per unit coverage and the distribution. */
export async function hoursReport(db: Db, actor: Actor, window: Window) {
  const [employees, completions] = await Promise.all([
    db.employee.findMany({
      where: { active: true, unit: unitWhere(actor) },
      orderBy: [{ unit: { path: "asc" } }, { employeeNo: "asc" }],
      select: { id: true, employeeNo: true, name: true, unit: { select: { id: true, nameZh: true, nameEn: true } } },
    }),
    db.trainingEnrolment.findMany({
      where: { completedAt: { not: null }, session: { endsAt: { gte: window.from, lt: window.to } }, employee: { active: true, unit: unitWhere(actor) } },
      select: { employeeId: true, session: { select: { course: { select: { hoursTenths: true } } } } },
    }),
  ]);
  const tenthsBy = new Map<string, { tenths: number; courses: number }>();
  for (const c of completions) {
    const e = tenthsBy.get(c.employeeId) ?? { tenths: 0, courses: 0 };
    e.tenths += c.session.course.hoursTenths;
    e.courses += 1;
    tenthsBy.set(c.employeeId, e);
  }
  const people = employees.map((e) => ({ ...e, hours: hoursFromTenths(tenthsBy.get(e.id)?.tenths ?? 0), courses: tenthsBy.get(e.id)?.courses ?? 0 }));
  const units = new Map<string, { unitId: string; nameZh: string; nameEn: string; staff: number; trained: number; hours: number }>();
  for (const p of people) {
    const u = units.get(p.unit.id) ?? { unitId: p.unit.id, nameZh: p.unit.nameZh, nameEn: p.unit.nameEn, staff: 0, trained: 0, hours: 0 };
    u.staff += 1;
    if (p.courses > 0) u.trained += 1;
    u.hours += p.hours;
    units.set(p.unit.id, u);
  }
  const bands = HOUR_BANDS.map((b) => ({ key: b.key, people: people.filter((p) => p.hours >= b.min && p.hours <= b.max).length }));
  const trained = people.filter((p) => p.courses > 0).length;
  const totalHours = people.reduce((s, p) => s + p.hours, 0);
  return {
    people,
    units: [...units.values()].map((u) => ({ ...u, coverage: u.staff ? u.trained / u.staff : 0, averageHours: u.staff ? u.hours / u.staff : 0 })),
    bands,
    totals: { staff: people.length, trained, coverage: people.length ? trained / people.length : 0, averageHours: people.length ? totalHours / people.length : 0 },
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
  const context = resultsContext(db, actor);
  // Every course's sessions and completions in a few queries, not a few per course.
  const ids = courses.map((c) => c.id);
  const [sessions, inputs] = await Promise.all([effectivenessSessions(db, actor, ids, window), resultsInputs(db, actor, ids, window)]);
  for (const c of courses) {
    const { course } = await courseEffectiveness(db, actor, c.id, { ...window, sessions: sessions.get(c.id)! });
    const results = await courseResults(db, actor, c.id, { ...window, context, input: inputs.get(c.id)! });
    rows.push({ ...c, needTopics: parseTopics(c.needTopicsJson), ...course, results });
  }
  return rows;
}

/** Recorded needs per topic against what was delivered to people in scope in the window. */
export async function needsDeliveryReport(db: Db, actor: Actor, window: Window) {
  const needs = await needsByTopicAndUnit(db, actor);
  const completions = await db.trainingEnrolment.findMany({
    where: { completedAt: { not: null }, session: { endsAt: { gte: window.from, lt: window.to } }, employee: { unit: unitWhere(actor) } },
    select: { employeeId: true, sessionId: true, session: { select: { course: { select: { id: true, needTopicsJson: true, hoursTenths: true } } } } },
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
    return { topic: t, wanted: needs.totals[t].wanted, urgent: needs.totals[t].urgent, trainedPeople: d.people.size, sessions: d.sessions.size, courses: d.courses.size, learnerHours: hoursFromTenths(d.tenths) };
  });
  return { topics, needs };
}
