import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/utils/db.server";
import type { Actor } from "~/modules/auth/scope";
import { demoOrg } from "../../../../test/utils";
import { closedSurvey } from "../../../../test/report-fixtures";
import { loadReport, ORG, type ClosedReport } from "./report.server";

let hr: Actor;
let head: Actor;
let finHead: Actor;
let unit: Map<string, string>;
let surveyId: string;

async function actor(code: string, role: Actor["role"], scopeCode?: string): Promise<Actor> {
  const user = await db.user.findFirstOrThrow({ where: { employee: { employeeNo: code } }, select: { id: true, employeeId: true } });
  const scopePath = scopeCode ? (await db.unit.findUniqueOrThrow({ where: { code: scopeCode } })).path : null;
  return { userId: user.id, role, employeeId: user.employeeId, scopePath };
}

const closed = (r: Awaited<ReturnType<typeof loadReport>>) => {
  if (!r.closed) throw new Error("expected a closed report");
  return r as ClosedReport;
};

beforeAll(async () => {
  const org = await demoOrg();
  unit = org.unitId;
  hr = await actor("E000003", "hr_admin");
  head = await actor("E000001", "dept_head", "JC-GE");
  finHead = await actor("E000002", "dept_head", "JC-GE-FIN");
  // Last year: finance and government rooms only. This year: also 4 answers from the VPN centre.
  await closedSurvey(db, {
    actorId: hr.userId,
    answers: { "JC-GE-FIN": 6, "JC-GE-GOV": 7 },
    opensAt: new Date(Date.now() - 400 * 86_400_000),
    title: "去年",
  });
  surveyId = await closedSurvey(db, {
    actorId: hr.userId,
    answers: { "JC-GE-FIN": 6, "JC-GE-GOV": 7, "JC-GE-VPN": 4 },
    minCommentGroupSize: 10,
  });
}, 120_000);

describe("the department head's report", () => {
  it("opens on their own unit with figures, and hides the 4-answer room and its complement", async () => {
    const r = closed(await loadReport(db, head, surveyId, {}));
    expect(r.unit.id).toBe(unit.get("JC-GE"));
    expect(r.hidden).toBe(false);
    expect(r.respondents).toBe(17);
    const rows = Object.fromEntries(r.heatmap.map((h) => [h.nameEn, h]));
    expect(rows["VPN Customer Service Centre"].respondents).toBeNull(); // 4 < 5
    expect(rows["VPN Customer Service Centre"].dimensions).toBeNull();
    // 17 − 7 (government) would give VPN + finance = 10 ≥ 5, but 17 − 6 − 7 = 4 would not: finance goes too.
    expect(rows["Finance Customer Room"].respondents).toBeNull();
    expect(rows["Party, Government & Military Customer Room"].respondents).toBe(7);
    const picker = Object.fromEntries(r.units.map((u) => [u.id, u.hidden]));
    expect(picker[unit.get("JC-GE-VPN")!]).toBe(true);
    expect(picker[unit.get("JC-GE-GOV")!]).toBe(false);
    expect(r.units.some((u) => u.id === ORG)).toBe(false); // heads do not pick the organisation
  });

  it("never compares the department with itself, and compares a room with the larger organisation", async () => {
    // Every respondent of the survey is in the department: the organisation figure is the department's own.
    const dept = closed(await loadReport(db, head, surveyId, {}));
    expect(dept.orgDimensions).toBeNull();
    expect(dept.orgEnps).toBeNull();
    const gov = closed(await loadReport(db, head, surveyId, { unitId: unit.get("JC-GE-GOV") }));
    expect(gov.respondents).toBe(7);
    expect(gov.orgDimensions).not.toBeNull();
    expect(gov.orgDimensions!["pay-performance"]!.n).toBe(17);
    expect(gov.orgEnps).not.toBeNull();
  });

  it("compares with last year's wave, and shows a trend", async () => {
    const r = closed(await loadReport(db, head, surveyId, {}));
    expect(r.previous?.titleZh).toBe("去年");
    expect(r.previous?.respondents).toBe(13);
    expect(r.trend.map((t) => t.titleZh)).toEqual(["去年", "报告测试调查"]);
    expect(r.dimensionSplits!["pay-performance"]!.n).toBeGreaterThan(0);
  });

  it("gives per-item splits, eNPS and drivers from the aggregates", async () => {
    const r = closed(await loadReport(db, head, surveyId, {}));
    const pay = r.items.find((i) => i.id === "pay-01")!;
    expect(pay.n).toBe(17);
    expect(pay.split!.favourable + pay.split!.neutral + pay.split!.unfavourable).toBeCloseTo(1);
    expect(r.enps).not.toBeNull();
    expect(r.enps!.n).toBe(17);
    expect(r.drivers.length).toBeGreaterThan(0);
    expect(r.drivers.every((d) => Math.abs(d.r) <= 1)).toBe(true);
    expect(r.drivers.map((d) => d.dimension)).not.toContain("overall");
  });

  it("puts focus areas first, chosen from the shown dimensions with their impact ranked, and the changes since last year", async () => {
    const r = closed(await loadReport(db, head, surveyId, {}));
    const focus = r.focus!;
    const chosen = [...focus.strengths, ...focus.opportunities];
    expect(chosen.length).toBeGreaterThanOrEqual(2);
    expect(focus.strengths.length).toBeLessThanOrEqual(3);
    expect(focus.opportunities.length).toBeLessThanOrEqual(3);
    // The overall-satisfaction dimension is the outcome, not a lever.
    expect(chosen.map((a) => a.dimension)).not.toContain("overall");
    for (const a of chosen) expect(a.favourable).toBe(r.dimensionSplits![a.dimension]!.favourable);
    for (const a of focus.strengths) expect(a.favourable).toBeGreaterThanOrEqual(focus.averageFavourable);
    for (const a of focus.opportunities) expect(a.favourable).toBeLessThan(focus.averageFavourable);
    // Drivers carry their rank among the dimensions, 1 for the strongest link.
    const strongest = [...r.drivers].sort((a, b) => b.r - a.r)[0];
    expect(strongest.rank).toBe(1);
    expect(r.drivers.every((d) => d.rank >= 1 && d.rank <= r.drivers.length)).toBe(true);
    // Changes are in whole points against last year's shown figures.
    const changes = [...r.changes!.rises, ...r.changes!.falls];
    for (const c of changes) {
      const before = Math.round(r.previous!.dimensions![c.dimension]!.favourable * 100);
      expect(c.points).toBe(Math.round(r.dimensionSplits![c.dimension]!.favourable * 100) - before);
    }
  });

  it("shows no focus areas and no changes for a unit under the minimum or hidden by its complement", async () => {
    const vpn = closed(await loadReport(db, head, surveyId, { unitId: unit.get("JC-GE-VPN") }));
    expect(vpn.hidden).toBe(true);
    expect(vpn.focus).toBeNull();
    expect(vpn.changes).toBeNull();
    expect(vpn.orgDimensions).toBeNull();
    // Finance has 6 answers but is hidden by subtraction (17 − 7 − 6 = 4): no focus areas either.
    const fin = closed(await loadReport(db, head, surveyId, { unitId: unit.get("JC-GE-FIN") }));
    expect(fin.hidden).toBe(true);
    expect(fin.focus).toBeNull();
    expect(fin.changes).toBeNull();
  });

  it("shows comments only where the group reaches the comment minimum", async () => {
    const dept = closed(await loadReport(db, head, surveyId, {}));
    expect(dept.comments).not.toBeNull(); // 17 ≥ 10
    const texts = dept.comments!.flatMap((c) => c.shown);
    expect(texts.length).toBeGreaterThan(0);
    const gov = closed(await loadReport(db, head, surveyId, { unitId: unit.get("JC-GE-GOV") }));
    expect(gov.hidden).toBe(false);
    expect(gov.comments).toBeNull(); // 7 < 10
    expect(gov.commentsReason).toBe("small");
  });

  it("never shows comments under a filter", async () => {
    const r = closed(await loadReport(db, head, surveyId, { filter: "track:skill" }));
    expect(r.comments).toBeNull();
  });

  it("hides a suppressed unit's whole report", async () => {
    const r = closed(await loadReport(db, head, surveyId, { unitId: unit.get("JC-GE-VPN") }));
    expect(r.hidden).toBe(true);
    expect([r.respondents, r.overall, r.enps, r.dimensionSplits, r.comments]).toEqual([null, null, null, null, null]);
    expect(r.items).toEqual([]);
    expect(r.drivers).toEqual([]);
  });
});

describe("scope", () => {
  it("refuses a head a unit outside their subtree with 404", async () => {
    const refused = await loadReport(db, finHead, surveyId, { unitId: unit.get("JC-GE-GOV") }).catch((e: Response) => e.status);
    expect(refused).toBe(404);
    const org = await loadReport(db, finHead, surveyId, { unitId: ORG }).catch((e: Response) => e.status);
    expect(org).toBe(404);
  });

  it("lets HR open the organisation and any unit", async () => {
    const r = closed(await loadReport(db, hr, surveyId, {}));
    expect(r.unit.id).toBe(ORG);
    expect(r.respondents).toBe(17);
    // The organisation's sums are stored once at close; they must equal the sum of the units.
    expect(r.items.find((i) => i.id === "pay-01")!.n).toBe(17);
    expect(r.drivers.length).toBeGreaterThan(0);
    const dept = closed(await loadReport(db, hr, surveyId, { unitId: unit.get("JC-GE") }));
    expect(r.dimensionSplits).toEqual(dept.dimensionSplits);
    expect(r.comments!.map((c) => c.total)).toEqual(dept.comments!.map((c) => c.total));
    expect(dept.comments!.map((c) => c.total)).toEqual([17, 17]); // every fixture respondent commented on both
    expect(r.units[0].id).toBe(ORG);
  });

  it("refuses an employee", async () => {
    const employee = await actor("E000004", "employee");
    expect(await loadReport(db, employee, surveyId, {}).catch((e: Response) => e.status)).toBe(404);
  });
});

describe("filters", () => {
  it("applies the minimum and complements to filter values", async () => {
    const r = closed(await loadReport(db, head, surveyId, { filter: "track:skill" }));
    expect(r.filter).toEqual({ cut: "track", value: "skill" });
    // The menu names values, never sizes (a hidden group's size would give it away).
    for (const v of r.filterValues) expect(Object.keys(v).sort()).toEqual(["hidden", "value"]);
    let shown = 0;
    for (const v of r.filterValues.filter((x) => !x.hidden)) {
      const n = closed(await loadReport(db, head, surveyId, { filter: `track:${v.value}` })).respondents;
      expect(n).toBeGreaterThanOrEqual(5);
      shown += n!;
    }
    const remainder = 17 - shown;
    expect(remainder === 0 || remainder >= 5).toBe(true);
  });

  it("ignores a filter on a cut the survey did not collect or a malformed one", async () => {
    const r = closed(await loadReport(db, head, surveyId, { filter: "salary:high" }));
    expect(r.filter).toBeNull();
  });
});

describe("comment themes", () => {
  // Finance (6) and government (7): the department's 13 comments pass its minimum of 10, each room's do not.
  const FIN = [
    "食堂的饭菜太贵了。",
    "食堂的饭菜太贵了！",
    "食堂的饭菜 太贵了",
    "食堂菜品单一。",
    "加班太多，周末也要加班。",
    "晚上加班没有加班费。",
  ];
  const GOV = [
    "项目忙的时候天天加班。",
    "工资三年没涨了。",
    "薪资和同行比偏低。",
    "绩效工资和贡献挂钩不够。",
    "食堂太远了。",
    "办公室空调坏了。",
    "希望多一些培训。",
  ];
  let themed: string;
  const comments = { q: "", themes: {}, shown: {} };
  const text = (r: ClosedReport) => r.comments![0];

  beforeAll(async () => {
    themed = await closedSurvey(db, {
      actorId: hr.userId,
      answers: { "JC-GE-FIN": 6, "JC-GE-GOV": 7 },
      minCommentGroupSize: 10,
      title: "意见主题",
      comment: (code, i) => (code === "JC-GE-FIN" ? FIN : GOV)[i],
    });
  }, 120_000);

  it("groups the department's comments into themes counted in people, most first, duplicates collapsed", async () => {
    const r = closed(await loadReport(db, head, themed, { comments }));
    const c = text(r);
    expect(c.total).toBe(13);
    const counts = Object.fromEntries(c.themes.map((t) => [t.key, t.count]));
    expect(counts).toMatchObject({ 食堂: 5, 加班: 3, 薪酬: 3 });
    expect(c.themes.map((t) => t.count)).toEqual(c.themes.map((t) => t.count).sort((a, b) => b - a));
    expect(c.shown[0]).toEqual({ text: "食堂的饭菜 太贵了", count: 3 }); // one of the three ways it was written, always the same
    expect(c.matching).toBe(11);
    expect(c.people).toBe(13);
  });

  it("filters one item by theme, searches every item, and shows 20 more at a time", async () => {
    const item = text(closed(await loadReport(db, head, themed, {}))).itemId;
    const overtime = text(closed(await loadReport(db, head, themed, { comments: { ...comments, themes: { [item]: "加班" } } })));
    expect(overtime.theme).toBe("加班");
    expect(overtime.shown.map((e) => e.text).sort()).toEqual(
      ["加班太多，周末也要加班。", "晚上加班没有加班费。", "项目忙的时候天天加班。"].sort(),
    );
    const unknown = text(closed(await loadReport(db, head, themed, { comments: { ...comments, themes: { [item]: "不存在" } } })));
    expect(unknown.theme).toBeNull();
    const found = closed(await loadReport(db, head, themed, { comments: { ...comments, q: "空调" } }));
    expect(found.comments!.every((c) => c.shown.length === 1 && c.shown[0].text === "办公室空调坏了。")).toBe(true);
    const few = text(closed(await loadReport(db, head, themed, { comments: { ...comments, shown: { [item]: 20 } } })));
    expect(few.limit).toBe(20);
  });

  it("gives a group under the comment minimum no themes, no counts and no search results", async () => {
    for (const code of ["JC-GE-GOV", "JC-GE-FIN"]) {
      const r = closed(await loadReport(db, head, themed, { unitId: unit.get(code), comments: { ...comments, q: "食堂" } }));
      expect(r.hidden).toBe(false); // its figures pass the group minimum of 5
      expect(r.comments).toBeNull();
      expect(r.commentsReason).toBe("small");
      const body = JSON.stringify(r);
      for (const word of ["食堂", "加班费", "themes", "matching"]) expect(body).not.toContain(word);
    }
    const filtered = closed(await loadReport(db, head, themed, { filter: "track:skill", comments }));
    expect(filtered.comments).toBeNull();
    expect(JSON.stringify(filtered)).not.toContain("食堂");
  });
});

describe("a running survey", () => {
  it("shows a head nothing that moves as people answer; HR sees the rates under the minimum", async () => {
    const { createSurvey, launchSurvey } = await import("../campaigns/campaigns.server");
    const { answerAs } = await import("../../../../test/survey-answering");
    const survey = await createSurvey(db, hr.userId, {
      templateId: "pulse",
      opensAt: new Date(Date.now() - 86_400_000),
      closesAt: new Date(Date.now() + 86_400_000),
      population: { unitIds: [unit.get("JC-GE-FIN")!, unit.get("JC-GE-GOV")!], tracks: [] },
      cuts: ["unit"],
    });
    await launchSurvey(db, hr.userId, survey.id);
    const people = await db.surveyParticipation.findMany({ where: { surveyId: survey.id }, take: 6, select: { employeeId: true } });
    const answers = { "pay-01": 2, "col-01": 4, "mgt-04": 3, "trn-02": 3, "car-01": 2, "ovr-01": 3, "ovr-05": 7 };
    for (const p of people) await answerAs(db, { surveyId: survey.id, employeeId: p.employeeId, answers });
    for (const who of [head, finHead]) {
      const report = await loadReport(db, who, survey.id, {});
      expect(report.closed).toBe(false);
      expect(!report.closed && report.live).toEqual([]);
      expect(JSON.stringify(report)).not.toMatch(/"answered"|"invited"/);
    }
    const forHr = await loadReport(db, hr, survey.id, {});
    expect(!forHr.closed && forHr.live.length).toBeGreaterThan(0);
  });
});
