import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/modules/auth/scope";
import { closeSurvey, createSurvey, launchSurvey, updateItems } from "~/modules/surveys/campaigns/campaigns.server";
import { DomainError as SurveyRuleError } from "~/utils/domain-error";
import { parseItems, type Answers, type SurveyItem } from "~/modules/surveys/items";
import { loadReport, ORG, type ClosedReport } from "~/modules/surveys/reports/report.server";
import { recentArrivals } from "~/modules/org/units.server";
import { db } from "~/utils/db.server";
import { answerAs } from "../survey-answering";

/**
 * Tried as the readers of reports would: random organisations, populations, optional items,
 * multiple choice and two waves; every figure HR and each head can read (every unit, every
 * filter, the organisation comparison, the heatmap, items, drivers) is matched to the
 * responses behind it, and every difference a reader can form between two of their figures,
 * or between a figure and the visible parts under it, must hold no respondents or at least
 * the minimum. Responses are the stored ones: what a database reader would count.
 */

const MIN = 3;
const DAY = 86_400_000;
const TRACKS = ["management", "technical", "skill"] as const;

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

type Org = { rootId: string; units: { id: string; code: string; parentId: string; path: string }[]; hr: Actor; heads: Actor[] };

let positionId = "";
let hrUserId = "";

beforeAll(async () => {
  positionId = (await db.position.create({ data: { code: "FD-1", nameZh: "岗位", nameEn: "Post" } })).id;
  const e = await db.employee.create({
    data: {
      employeeNo: "HR0001",
      name: "人事",
      email: "hr0001@fd.example.com",
      unitId: (await unit("FD-HR", null)).id,
      positionId,
      track: "management",
      level: "M3",
      hireDate: new Date("2015-01-01"),
    },
  });
  hrUserId = (await db.user.create({ data: { email: e.email, role: "hr_admin", employeeId: e.id } })).id;
});

async function unit(code: string, parent: { id: string; path: string } | null) {
  const id = `u-${code}`;
  return db.unit.create({
    data: {
      id,
      code,
      nameZh: code,
      nameEn: code,
      kind: parent ? "room" : "department",
      parentId: parent?.id ?? null,
      path: `${parent?.path ?? "/"}${id}/`,
    },
  });
}

/** A department with 2–3 sections of 1–3 rooms each, rooms of 1–9 people of random track and tenure. */
async function buildOrg(seed: number): Promise<Org> {
  const r = rng(seed);
  const root = await unit(`D${seed}`, null);
  const units: Org["units"] = [];
  let person = 0;
  const people = async (u: { id: string }, count: number) => {
    for (let i = 0; i < count; i++) {
      const no = `P${seed}-${person++}`;
      const years = [1, 5, 15][Math.floor(r() * 3)];
      await db.employee.create({
        data: {
          employeeNo: no,
          name: no,
          email: `${no.toLowerCase()}@fd.example.com`,
          unitId: u.id,
          positionId,
          track: TRACKS[Math.floor(r() * 3)],
          level: "T3",
          hireDate: new Date(Date.now() - years * 365.25 * DAY),
          unitSince: new Date(Date.now() - years * 365.25 * DAY),
        },
      });
    }
  };
  await people(root, Math.floor(r() * 3));
  const sections = 2 + Math.floor(r() * 2);
  for (let s = 0; s < sections; s++) {
    const section = await unit(`D${seed}-S${s}`, root);
    units.push({ id: section.id, code: section.code, parentId: root.id, path: section.path });
    await people(section, Math.floor(r() * 2));
    const rooms = 1 + Math.floor(r() * 3);
    for (let k = 0; k < rooms; k++) {
      const room = await unit(`D${seed}-S${s}-R${k}`, section);
      units.push({ id: room.id, code: room.code, parentId: section.id, path: room.path });
      await people(room, 1 + Math.floor(r() * 9));
    }
  }
  const head = (u: { id: string; path: string }): Actor => ({
    userId: `head-${u.id}`,
    role: "dept_head",
    employeeId: null,
    scopePath: u.path,
  });
  return {
    rootId: root.id,
    units,
    hr: { userId: hrUserId, role: "hr_admin", employeeId: null, scopePath: null },
    heads: [head(root), ...units.map(head)],
  };
}

const optionalItems = new Set(["trn-02", "car-01", "pay-x1"]);

/** Pulse items, some optional, one more scale item in a dimension and a multiple-choice item. */
function withTestItems(items: SurveyItem[]): SurveyItem[] {
  const extra: SurveyItem[] = [
    { id: "pay-x1", dimension: "pay-performance", type: "likert5", textZh: "附加题", textEn: "Extra item", required: false },
    {
      id: "ovr-m1",
      dimension: "overall",
      type: "multiple",
      textZh: "多选题",
      textEn: "Choose any",
      required: false,
      options: ["a", "b", "c", "d"].map((id) => ({ id, labelZh: id, labelEn: id })),
    },
  ];
  return [...items.map((i) => (optionalItems.has(i.id) ? { ...i, required: false } : i)), ...extra];
}

function randomAnswers(items: SurveyItem[], r: () => number): Answers {
  const answers: Answers = {};
  for (const item of items) {
    if (!item.required && r() < 0.45) continue;
    if (item.type === "likert5") answers[item.id] = 1 + Math.floor(r() * 5);
    else if (item.type === "nps") answers[item.id] = Math.floor(r() * 11);
    else if (item.type === "multiple") answers[item.id] = r() < 0.5 ? ["a", "b"] : ["a"];
  }
  return answers;
}

/** Launches one wave over the department, has a random 75 % answer (or `answer` decide), closes it. */
async function wave(org: Org, seed: number, opensAt: Date, answer?: (employeeId: string, items: SurveyItem[]) => Answers | null) {
  const r = rng(seed * 7 + 1);
  const { id } = await createSurvey(db, hrUserId, {
    templateId: "pulse",
    titleZh: `波次 ${seed}`,
    titleEn: `Wave ${seed}`,
    opensAt,
    closesAt: new Date(opensAt.getTime() + 10 * DAY),
    population: { unitIds: [org.rootId], tracks: [] },
    cuts: ["unit", "track", "tenure"],
    minGroupSize: MIN,
    minCommentGroupSize: MIN,
  });
  await updateItems(db, hrUserId, id, withTestItems);
  await launchSurvey(db, hrUserId, id, opensAt);
  const items = parseItems((await db.survey.findUniqueOrThrow({ where: { id }, select: { itemsJson: true } })).itemsJson);
  const invited = await db.surveyParticipation.findMany({
    where: { surveyId: id },
    select: { employeeId: true, cell: true },
    orderBy: { employeeId: "asc" },
  });
  // Every reporting cell a token can attest (and a stored response carry) holds at least the minimum of invitees.
  const cells = invited.reduce((m, p) => m.set(p.cell!, (m.get(p.cell!) ?? 0) + 1), new Map<string, number>());
  for (const [cell, n] of cells) expect(n, cell).toBeGreaterThanOrEqual(MIN);
  for (const p of invited) {
    const chosen = answer ? answer(p.employeeId, items) : r() < 0.25 ? null : randomAnswers(items, r);
    if (!chosen) continue;
    const result = await answerAs(db, { surveyId: id, employeeId: p.employeeId, answers: chosen }, new Date(opensAt.getTime() + DAY));
    if (!result.ok) throw new Error(result.reason);
  }
  await closeSurvey(db, hrUserId, id, new Date(opensAt.getTime() + 2 * DAY));
  return { id, items };
}

type Stored = {
  id: string;
  unitId: string | null;
  track: string | null;
  tenureBand: string | null;
  items: Map<string, number>;
  marks: number[];
};

async function storedResponses(surveyId: string): Promise<Stored[]> {
  const responses = await db.surveyResponse.findMany({
    where: { surveyId },
    select: { id: true, unitId: true, track: true, tenureBand: true, answers: { select: { itemId: true, value: true } } },
  });
  return responses.map((r) => ({
    ...r,
    items: r.answers.reduce((m, a) => m.set(a.itemId, (m.get(a.itemId) ?? 0) + 1), new Map<string, number>()),
    marks: r.answers.filter((a) => a.itemId === "ovr-m1").map((a) => a.value),
  }));
}

/** A figure a reader saw: which responses it stands on, and the n it showed (if any). */
type Seen = { key: string; unitId: string; filter: string; ids: Set<string>; n: number | null };

function figureSets(stored: Stored[], items: SurveyItem[], units: Org["units"], rootId: string) {
  const pathOf = new Map(units.map((u) => [u.id, u.path]));
  pathOf.set(rootId, `/${rootId}/`);
  const within = (r: Stored, unitId: string) =>
    unitId === ORG || (r.unitId !== null && (pathOf.get(r.unitId) ?? "").includes(`/${unitId}/`));
  const matches = (r: Stored, filter: string) => {
    if (!filter) return true;
    const [cut, value] = filter.split(":");
    return (cut === "track" ? r.track : r.tenureBand) === value;
  };
  const likert = items.filter((i) => i.type === "likert5");
  const outcome = items.find((i) => i.outcome)!;
  const answered = (r: Stored, key: string) => {
    if (key === "group") return true;
    if (key === "likert") return likert.some((i) => r.items.has(i.id));
    if (key.startsWith("d:")) return likert.some((i) => i.dimension === key.slice(2) && r.items.has(i.id));
    if (key.startsWith("r:"))
      return r.items.has(outcome.id) && likert.some((i) => i.dimension === key.slice(2) && !i.outcome && r.items.has(i.id));
    return r.items.has(key.slice(2));
  };
  return (key: string, unitId: string, filter: string) =>
    new Set(stored.filter((r) => within(r, unitId) && matches(r, filter) && answered(r, key)).map((r) => r.id));
}

/** Every figure one report shows, as (key, unit, filter, n). */
function figuresOf(report: ClosedReport, filter: string): Omit<Seen, "ids">[] {
  const out: Omit<Seen, "ids">[] = [];
  const unitId = report.unit.id;
  if (report.hidden) return out;
  out.push({ key: "group", unitId, filter, n: report.respondents });
  if (report.overall) out.push({ key: "likert", unitId, filter, n: report.overall.n });
  for (const [dim, split] of Object.entries(report.dimensionSplits ?? {}))
    if (split) out.push({ key: `d:${dim}`, unitId, filter, n: split.n });
  for (const item of report.items) if (!item.hidden) out.push({ key: `i:${item.id}`, unitId, filter, n: item.n });
  if (report.enps) out.push({ key: "i:ovr-05", unitId, filter, n: report.enps.n });
  for (const d of report.drivers) out.push({ key: `r:${d.dimension}`, unitId, filter, n: d.n });
  for (const [dim, split] of Object.entries(report.orgDimensions ?? {}))
    if (split) out.push({ key: `d:${dim}`, unitId: ORG, filter, n: split.n });
  for (const cell of report.heatmap) {
    if (cell.respondents !== null) out.push({ key: "group", unitId: cell.unitId, filter, n: cell.respondents });
    for (const [dim, split] of Object.entries(cell.dimensions ?? {}))
      if (split) out.push({ key: `d:${dim}`, unitId: cell.unitId, filter, n: split.n });
  }
  return out;
}

async function everythingSeen(actor: Actor, surveyId: string, org: Org, sets: ReturnType<typeof figureSets>) {
  const seen = new Map<string, Seen>();
  const first = await loadReport(db, actor, surveyId, {});
  const unitIds = first.units.map((u) => u.id);
  const filters = ["", ...TRACKS.map((t) => `track:${t}`), ...["lt3", "3to10", "gt10"].map((b) => `tenure:${b}`)];
  for (const unitId of unitIds) {
    for (const filter of filters) {
      const report = await loadReport(db, actor, surveyId, { unitId, filter });
      if (!report.closed) throw new Error("not closed");
      // Filter menus name values, never how many stand behind them.
      for (const v of report.filterValues) expect(Object.keys(v).sort()).toEqual(["hidden", "value"]);
      for (const f of figuresOf(report, filter)) {
        const ids = sets(f.key, f.unitId, f.filter);
        seen.set(`${f.key}|${f.unitId}|${f.filter}`, { ...f, ids });
      }
    }
  }
  return [...seen.values()];
}

function checkDifferences(seen: Seen[], label: string) {
  const problems: string[] = [];
  for (const s of seen) {
    if (s.ids.size < MIN) problems.push(`${label}: ${s.key} at ${s.unitId} ${s.filter} stands on ${s.ids.size}`);
    if (s.n !== null && s.n !== s.ids.size)
      problems.push(`${label}: ${s.key} at ${s.unitId} ${s.filter} shows n=${s.n} for ${s.ids.size} respondents`);
  }
  const byKey = new Map<string, Seen[]>();
  for (const s of seen) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  for (const list of byKey.values()) {
    for (const big of list) {
      const parts = list.filter((p) => p !== big && [...p.ids].every((id) => big.ids.has(id)));
      // Any one part, and the visible parts that do not overlap (greedy, largest first), subtracted.
      for (const part of parts) {
        const left = big.ids.size - part.ids.size;
        if (left > 0 && left < MIN)
          problems.push(`${big.key}: ${big.unitId} ${big.filter} minus ${part.unitId} ${part.filter} leaves ${left}`);
      }
      const covered = new Set<string>();
      for (const part of [...parts].sort((a, b) => b.ids.size - a.ids.size)) {
        if ([...part.ids].some((id) => covered.has(id))) continue;
        part.ids.forEach((id) => covered.add(id));
        const left = big.ids.size - covered.size;
        if (left > 0 && left < MIN) problems.push(`${big.key}: ${big.unitId} ${big.filter} minus its visible parts leaves ${left}`);
      }
    }
  }
  return problems;
}

describe("no difference a reader can form isolates fewer than the minimum", () => {
  for (const seed of [11, 23, 37]) {
    it(`random department ${seed}: two waves, optional items, multiple choice, every unit and filter, HR and every head`, async () => {
      const org = await buildOrg(seed);
      const opens = new Date(Date.now() - 40 * DAY);
      await wave(org, seed, opens);
      const { id, items } = await wave(org, seed + 1000, new Date(opens.getTime() + 15 * DAY));
      const sets = figureSets(await storedResponses(id), items, org.units, org.rootId);
      const problems: string[] = [];
      const hrSeen = await everythingSeen(org.hr, id, org, sets);
      expect(hrSeen.length).toBeGreaterThan(0);
      problems.push(...checkDifferences(hrSeen, "HR"));
      for (const head of org.heads) {
        const scope = head.scopePath!;
        const headSeen = await everythingSeen(head, id, org, sets).catch((e: unknown) =>
          e instanceof Response && e.status === 404 ? [] : Promise.reject(e),
        );
        problems.push(...checkDifferences(headSeen, `head ${scope}`));
        // The organisation comparison minus what is in scope must not be a unit out of scope.
        const outOfScope = org.units.filter((u) => !u.path.startsWith(scope) && !scope.startsWith(u.path));
        for (const orgFigure of headSeen.filter((s) => s.unitId === ORG)) {
          for (const own of headSeen.filter((s) => s.key === orgFigure.key && s.filter === orgFigure.filter && s.unitId !== ORG)) {
            const rest = [...orgFigure.ids].filter((x) => !own.ids.has(x));
            for (const u of outOfScope) {
              const theirs = sets(orgFigure.key, u.id, orgFigure.filter);
              if (rest.length > 0 && theirs.size === rest.length && rest.every((x) => theirs.has(x)))
                problems.push(`head ${scope}: organisation minus ${own.unitId} opens ${u.code} (${orgFigure.key})`);
            }
          }
        }
      }
      expect(problems).toEqual([]);
    }, 240_000);
  }

  it("a room filled with dummy people does not reveal the person moved into it", async () => {
    const org = await buildOrg(41);
    const section = org.units.find((u) => u.parentId === org.rootId)!;
    // HR builds a room, four new people in it, and moves the target in (all within the last 30 days).
    const trap = await unit("D41-TRAP", { id: section.id, path: section.path });
    const dummies = [];
    for (let i = 0; i < 4; i++) {
      dummies.push(
        await db.employee.create({
          data: {
            employeeNo: `DUMMY${i}`,
            name: `DUMMY${i}`,
            email: `dummy${i}@fd.example.com`,
            unitId: trap.id,
            positionId,
            track: "skill",
            level: "S1",
            hireDate: new Date("2012-01-01"),
          },
        }),
      );
    }
    const target = (
      await db.employee.findFirstOrThrow({
        where: { employeeNo: { startsWith: "P41-" }, unitId: { not: org.rootId } },
        orderBy: { employeeNo: "asc" },
      })
    ).id;
    await db.employee.update({ where: { id: target }, data: { unitId: trap.id } });
    expect((await db.employee.findUniqueOrThrow({ where: { id: target } })).unitSince.getTime()).toBeGreaterThan(Date.now() - 60_000);
    // The section's head sees who arrived, before any survey is launched.
    const head = org.heads.find((h) => h.scopePath === section.path)!;
    expect((await recentArrivals(db, head, 30)).map((a) => a.id).sort()).toEqual([...dummies.map((d) => d.id), target].sort());
    const units = [...org.units, { id: trap.id, code: trap.code, parentId: section.id, path: trap.path }];
    const dummyIds = new Set(dummies.map((d) => d.id));
    // Dummies answer with a mark (option "d"), the target with another ("c"); everyone answers.
    const { id, items } = await wave(org, 41, new Date(Date.now() - 5 * DAY), (employeeId, list) => {
      const answers = randomAnswers(list, rng(employeeId.length));
      answers["ovr-m1"] = dummyIds.has(employeeId) ? ["d"] : employeeId === target ? ["c"] : ["a"];
      return answers;
    });
    const stored = await storedResponses(id);
    expect(stored.filter((r) => r.unitId === trap.id)).toEqual([]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "survey.recentMembers", entityId: id } });
    expect(JSON.parse(audit.after!).byUnit[trap.id].sort()).toEqual([...dummyIds, target].sort());
    // Every figure HR can read that stands on the target's answers stands on at least the
    // minimum of real people besides the dummies; and no difference of them, dummies taken
    // out, isolates fewer than the minimum.
    const dummyResponses = new Set(stored.filter((r) => r.marks.includes(3)).map((r) => r.id));
    const targetResponse = stored.find((r) => r.marks.includes(2))!.id;
    const sets = figureSets(stored, items, units, org.rootId);
    const seen = (await everythingSeen(org.hr, id, org, sets)).map((f) => ({
      ...f,
      ids: new Set([...f.ids].filter((x) => !dummyResponses.has(x))),
      n: null,
    }));
    for (const f of seen.filter((x) => x.ids.has(targetResponse)))
      expect(f.ids.size, `${f.key} ${f.unitId} ${f.filter}`).toBeGreaterThanOrEqual(MIN);
    expect(
      checkDifferences(
        seen.filter((f) => f.ids.size > 0),
        "HR without the dummies",
      ),
    ).toEqual([]);
  }, 240_000);

  it("refuses a population below the minimum, such as one room × one track", async () => {
    const org = await buildOrg(5);
    const room = org.units.find((u) => u.parentId !== org.rootId)!;
    const people = await db.employee.findMany({ where: { unitId: room.id }, select: { track: true } });
    const track = people[0].track as (typeof TRACKS)[number];
    const count = people.filter((p) => p.track === track).length;
    const { id } = await createSurvey(db, hrUserId, {
      templateId: "pulse",
      titleZh: "一人调查",
      titleEn: "One person",
      opensAt: new Date(),
      closesAt: new Date(Date.now() + DAY),
      population: { unitIds: [room.id], tracks: [track] },
      cuts: [],
      minGroupSize: Math.max(MIN, count + 1),
      minCommentGroupSize: Math.max(MIN, count + 1),
    });
    const error = await launchSurvey(db, hrUserId, id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SurveyRuleError);
    expect((error as SurveyRuleError).key).toBe("surveys.errors.populationBelowMinimum");
    expect(await db.surveyParticipation.count({ where: { surveyId: id } })).toBe(0);
  });
});
