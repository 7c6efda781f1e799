import { readSnapshot, type Db } from "~/utils/db.server";
import type { Actor } from "~/modules/auth/scope";
import { eachPacked } from "~/utils/packed-rows.server";
import { keptTotalsState } from "~/modules/kpi/period-totals.server";
import { periodTotals } from "~/modules/kpi/scores.server";
import { addPair, differenceInDifferencesOfSums, type DidResult, type KpiPair, type PairSums } from "./evaluation";
import { completedSessionsWhere, MIN_GROUP_SIZE } from "../training";
import { completionsInScope, employeeProfiles, employeeRowIds, keptTotalsInScope } from "../queries.server";

type Period = { id: string; code: string };
type Window = { before: Period; after: Period };
type ResultsSession = { id: string; courseId: string; startsAt: Date; endsAt: Date };

const profileKey = (positionId: string, track: string) => `${positionId}|${track}`;

/** An employee in the actor's scope, with their total in each quarter read (by the quarter's slot). */
type Person = { profile: string; active: boolean; totals: (number | undefined)[] };

/** The completed sessions of these courses that ended in the window (its end excluded), by course. */
export async function resultsInputs(db: Db, courseIds: string[], options: { from?: Date; to?: Date } = {}) {
  const byCourse = new Map<string, ResultsSession[]>(courseIds.map((id) => [id, []]));
  if (courseIds.length === 0) return byCourse;
  const sessions = await db.trainingSession.findMany({
    where: completedSessionsWhere(courseIds, options),
    select: { id: true, courseId: true, startsAt: true, endsAt: true },
  });
  for (const s of sessions) byCourse.get(s.courseId)?.push(s);
  return byCourse;
}

/**
 * What the results level reads for the sessions of `inputs`, once per report: the employees in
 * the actor's scope with their position and track (active ones form the comparison groups); the
 * weighted KPI totals of every closed quarter around a session, from the quarters' kept totals
 * (kept by the background job, `keepPeriodTotals`: scoring a quarter of 100,000 people takes
 * about a second; scored here when not yet brought up to date); and who in
 * scope completed each course, and each session.
 *
 * All of it is read on one snapshot, people named by their row in the employee table (SQLite's
 * rowid; on PostgreSQL their rank by id): a whole organisation's totals and completions then need no lookup by id.
 */
export function resultsContext(db: Db, actor: Actor, inputs: Map<string, ResultsSession[]>) {
  let quarters: Promise<{ id: string; code: string; startsOn: Date; endsOn: Date }[]> | undefined;
  let loaded: ReturnType<typeof load> | undefined;
  const sums = new Map<string, PairSums>();

  /** The closed quarters either side of a session: the last that ended before it, the first that began after. */
  const windowOf = async (startsAt: Date, endsAt: Date): Promise<Window | null> => {
    const all = await (quarters ??= db.appraisalPeriod.findMany({
      where: { kind: "quarter", status: "closed" },
      select: { id: true, code: true, startsOn: true, endsOn: true },
    }));
    let before: (typeof all)[number] | undefined;
    let after: (typeof all)[number] | undefined;
    for (const q of all) {
      if (q.endsOn <= startsAt && (!before || q.endsOn > before.endsOn)) before = q;
      if (q.startsOn >= endsAt && (!after || q.startsOn < after.startsOn)) after = q;
    }
    return before && after ? { before: { id: before.id, code: before.code }, after: { id: after.id, code: after.code } } : null;
  };

  const load = async () => {
    const windows = new Map<string, Window>();
    for (const sessions of inputs.values()) {
      for (const s of sessions) {
        const w = await windowOf(s.startsAt, s.endsAt);
        if (w) windows.set(s.id, w);
      }
    }
    const periodIds = new Set([...windows.values()].flatMap((w) => [w.before.id, w.after.id]));
    // A quarter reopened meanwhile keeps no totals: it reads as no totals (pairs need both).
    // Kept totals not yet brought up to date (the background job does that) are scored here,
    // in memory: a report never writes.
    const kept: string[] = [];
    const scored = new Map<number, Map<string, number>>();
    for (const id of periodIds) {
      const state = await keptTotalsState(db, id);
      if (state === "open") continue;
      if (state === "stale") scored.set(kept.length, await periodTotals(db, id));
      kept.push(id);
    }
    const courseIds = [...inputs.keys()];
    // People by their row's id in the employee table: stable within the snapshot, and a small
    // integer, so every later step finds a person by array index rather than by id.
    const people: Person[] = [];
    const byProfile = new Map<string, Person[]>();
    const everCompleted = new Map<string, Set<number>>(courseIds.map((id) => [id, new Set()]));
    const completers = new Map<string, number[]>();
    // One profile string per position and track, shared by everyone holding it.
    const profiles = new Map<string, Map<string, string>>();
    const profileOf = (positionId: string, track: string) => {
      let tracks = profiles.get(positionId);
      if (!tracks) profiles.set(positionId, (tracks = new Map()));
      let profile = tracks.get(track);
      if (profile === undefined) tracks.set(track, (profile = profileKey(positionId, track)));
      return profile;
    };
    await readSnapshot(db, async (tx) => {
      const everyone = employeeProfiles(actor);
      await eachPacked(tx, everyone, ([rowid, positionId, track, active]) => {
        const person: Person = { profile: profileOf(positionId, track), active: active === "1", totals: [] };
        people[Number(rowid)] = person;
        if (!person.active) return;
        const group = byProfile.get(person.profile);
        if (group) group.push(person);
        else byProfile.set(person.profile, [person]);
      });
      for (const [slot, periodId] of kept.entries()) {
        const totals = scored.get(slot);
        if (totals) {
          const ids = employeeRowIds(actor);
          await eachPacked(tx, ids, ([rowid, id]) => {
            const total = totals.get(id);
            if (total !== undefined) people[Number(rowid)].totals[slot] = total;
          });
          continue;
        }
        const kept = keptTotalsInScope(actor, periodId);
        await eachPacked(tx, kept, ([rowid, total]) => (people[Number(rowid)].totals[slot] = Number(total)));
      }
      if (courseIds.length === 0) return;
      const completions = completionsInScope(actor, courseIds);
      await eachPacked(tx, completions, ([courseId, sessionId, rowid]) => {
        everCompleted.get(courseId)?.add(Number(rowid));
        let list = completers.get(sessionId);
        if (!list) completers.set(sessionId, (list = []));
        list.push(Number(rowid));
      });
    });
    return { windows, people, byProfile, everCompleted, completers, slots: new Map(kept.map((id, slot) => [id, slot])) };
  };

  const context = {
    /** Everything read for the report (see above), with each session's pair of quarters. */
    read() {
      return (loaded ??= load());
    },
    /** Before/after sums of the active employees in scope with this profile and a total in both quarters (slots). */
    async profileSums(profile: string, before: number | undefined, after: number | undefined) {
      const key = `${profile}|${before}|${after}`;
      let found = sums.get(key);
      if (!found) {
        const { byProfile } = await context.read();
        found = { n: 0, before: 0, after: 0 };
        for (const person of byProfile.get(profile) ?? []) {
          const p = pairOf(person, before, after);
          if (p) addPair(found, p, 1);
        }
        sums.set(key, found);
      }
      return found;
    },
  };
  return context;
}
export type ResultsContext = ReturnType<typeof resultsContext>;

function pairOf(person: Person, before: number | undefined, after: number | undefined): KpiPair | null {
  if (before === undefined || after === undefined) return null;
  const b = person.totals[before];
  const a = person.totals[after];
  return b !== undefined && a !== undefined ? { before: b, after: a } : null;
}

export type CourseResults =
  | { status: "noWindow"; sessions: number }
  | (DidResult & { sessions: number; sessionsWithWindow: number; periods: { before: string; after: string }[] });

/**
 * The results level: KPI totals (hundredths of a point) of participants in the closed quarter
 * before and the closed quarter after each session, against employees in the same position and
 * track who never completed the course, pooled over the course's sessions (stacked
 * difference in differences). Participants are those in the actor's scope who completed the
 * session. People without a total on both sides are left out of both groups.
 */
export async function courseResults(
  db: Db,
  actor: Actor,
  courseId: string,
  options: { from?: Date; to?: Date; context?: ResultsContext; sessions?: ResultsSession[] } = {},
): Promise<CourseResults> {
  const sessions = options.sessions ?? (await resultsInputs(db, [courseId], options)).get(courseId)!;
  const context = options.context ?? resultsContext(db, actor, new Map([[courseId, sessions]]));
  const { windows, people, everCompleted, completers, slots } = await context.read();
  const treated: PairSums = { n: 0, before: 0, after: 0 };
  const control: PairSums = { n: 0, before: 0, after: 0 };
  const periods: { before: string; after: string }[] = [];
  // Per pair of quarters, the sums of everyone in the comparison groups who completed the
  // course at some time, by profile: taken out of the groups (the same for every session).
  const completedSums = new Map<string, Map<string, PairSums>>();
  for (const s of sessions) {
    const participants = (completers.get(s.id) ?? []).map((row) => people[row]);
    const window = windows.get(s.id);
    if (!window || participants.length === 0) continue;
    periods.push({ before: window.before.code, after: window.after.code });
    const [b, a] = [slots.get(window.before.id), slots.get(window.after.id)];
    for (const person of participants) {
      const p = pairOf(person, b, a);
      if (p) addPair(treated, p, 1);
    }
    const windowKey = `${window.before.id}|${window.after.id}`;
    let completed = completedSums.get(windowKey);
    if (!completed) {
      completed = new Map();
      for (const row of everCompleted.get(courseId) ?? []) {
        const person = people[row];
        const p = person.active ? pairOf(person, b, a) : null;
        if (!p) continue;
        const sums = completed.get(person.profile) ?? { n: 0, before: 0, after: 0 };
        addPair(sums, p, 1);
        completed.set(person.profile, sums);
      }
      completedSums.set(windowKey, completed);
    }
    // The comparison group: the active employees in scope with a participant's position and
    // track, less anyone who ever completed the course; summed per profile once, then corrected.
    for (const profile of new Set(participants.map((person) => person.profile))) {
      const sums = await context.profileSums(profile, b, a);
      const less = completed.get(profile);
      control.n += sums.n - (less?.n ?? 0);
      control.before += sums.before - (less?.before ?? 0);
      control.after += sums.after - (less?.after ?? 0);
    }
  }
  if (periods.length === 0) return { status: "noWindow", sessions: sessions.length };
  return {
    ...differenceInDifferencesOfSums(treated, control, MIN_GROUP_SIZE),
    sessions: sessions.length,
    sessionsWithWindow: periods.length,
    periods,
  };
}
