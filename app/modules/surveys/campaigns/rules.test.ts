import { describe, expect, it } from "vitest";
import { loadTemplates } from "./templates.server";
import { answerRows, answersSchema, newItemId, parseItems, type SurveyItem } from "../items";
import { cutUnits, PopulationSchema, resolvePopulation } from "./population";
import { chinaDate, dayEnd, dayStart, isAnswerable, lastDay, launchProblems, SettingsSchema } from "../settings";
import { parseOptionLines } from "./admin-forms";

const items: SurveyItem[] = [
  { id: "pay-01", dimension: "pay", type: "likert5", textZh: "甲", textEn: "A", required: true },
  { id: "enps", dimension: "overall", type: "nps", textZh: "乙", textEn: "B", required: true },
  {
    id: "role",
    dimension: "profile",
    type: "single",
    textZh: "丙",
    textEn: "C",
    required: true,
    options: [
      { id: "am", labelZh: "客户经理", labelEn: "AM" },
      { id: "pm", labelZh: "项目经理", labelEn: "PM" },
    ],
  },
  {
    id: "topics",
    dimension: "profile",
    type: "multiple",
    textZh: "丁",
    textEn: "D",
    required: false,
    options: [
      { id: "cloud", labelZh: "云", labelEn: "Cloud" },
      { id: "5g", labelZh: "5G", labelEn: "5G" },
      { id: "bid", labelZh: "投标", labelEn: "Bids" },
    ],
  },
  { id: "comment", dimension: "overall", type: "text", textZh: "戊", textEn: "E", required: false },
];

const valid = { "pay-01": 4, enps: 9, role: "pm", topics: ["cloud", "bid"], comment: "多一些实战演练" };

describe("answersSchema", () => {
  const schema = answersSchema(items);

  it("accepts a complete, well-formed set of answers", () => {
    expect(schema.parse(valid)).toEqual(valid);
  });

  it("lets optional items be left out, and treats an empty comment as no comment", () => {
    expect(schema.parse({ "pay-01": 1, enps: 0, role: "am", comment: "   " })).toEqual({
      "pay-01": 1,
      enps: 0,
      role: "am",
      comment: undefined,
    });
  });

  it.each([
    ["a missing required item", { ...valid, "pay-01": undefined }, "pay-01"],
    ["a Likert value outside 1–5", { ...valid, "pay-01": 6 }, "pay-01"],
    ["a Likert value of 0", { ...valid, "pay-01": 0 }, "pay-01"],
    ["a fractional value", { ...valid, "pay-01": 3.5 }, "pay-01"],
    ["NaN", { ...valid, enps: Number.NaN }, "enps"],
    ["an eNPS of 11", { ...valid, enps: 11 }, "enps"],
    ["a negative eNPS", { ...valid, enps: -1 }, "enps"],
    ["an unknown option", { ...valid, role: "ceo" }, "role"],
    ["the same option twice", { ...valid, topics: ["cloud", "cloud"] }, "topics"],
    ["an empty multiple choice", { ...valid, topics: [] }, "topics"],
    ["a 100 KB comment", { ...valid, comment: "字".repeat(100_000) }, "comment"],
    ["a number where text is expected", { ...valid, comment: 42 }, "comment"],
    ["a string where a scale is expected", { ...valid, "pay-01": "4" }, "pay-01"],
  ])("refuses %s", (_label, answers, field) => {
    const result = schema.safeParse(answers);
    expect(result.success).toBe(false);
    expect(Object.keys(result.error!.flatten().fieldErrors)).toContain(field);
  });

  it("refuses unknown fields such as an employee or user id", () => {
    const result = schema.safeParse({ ...valid, employeeId: "e1" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].code).toBe("unrecognized_keys");
  });
});

describe("answerRows", () => {
  it("stores scale values, option indexes (one row per choice) and text with value 0", () => {
    expect(answerRows(items, valid)).toEqual([
      { itemId: "pay-01", value: 4, text: null },
      { itemId: "enps", value: 9, text: null },
      { itemId: "role", value: 1, text: null },
      { itemId: "topics", value: 0, text: null },
      { itemId: "topics", value: 2, text: null },
      { itemId: "comment", value: 0, text: "多一些实战演练" },
    ]);
  });

  it("leaves no row for unanswered optional items", () => {
    expect(answerRows(items, { "pay-01": 2, enps: 3, role: "am" }).map((r) => r.itemId)).toEqual(["pay-01", "enps", "role"]);
  });
});

describe("items", () => {
  it("round-trip through itemsJson, and a new item gets a free id", () => {
    const shipped = loadTemplates("survey-templates").find((t) => t.id === "pulse")!.items;
    expect(parseItems(JSON.stringify(shipped))).toEqual(shipped);
    expect(newItemId(items, "pay")).toBe("pay-x1");
    expect(newItemId([...items, { ...items[0], id: "pay-x1" }], "pay")).toBe("pay-x2");
  });

  it("parse option lines in both languages, refusing a line with only one", () => {
    expect(parseOptionLines("是 | Yes\n否|No\n")).toEqual([
      { id: "o1", labelZh: "是", labelEn: "Yes" },
      { id: "o2", labelZh: "否", labelEn: "No" },
    ]);
    expect(parseOptionLines("是 | Yes\n否")).toBeNull();
  });
});

describe("population", () => {
  const units = [
    { id: "D", path: "/D/" },
    { id: "A", path: "/D/A/" },
    { id: "B", path: "/D/B/" },
    { id: "X", path: "/X/" },
  ];
  const employees = [
    { id: "e1", unitId: "D", track: "management", active: true },
    { id: "e2", unitId: "A", track: "skill", active: true },
    { id: "e3", unitId: "B", track: "technical", active: true },
    { id: "e4", unitId: "B", track: "skill", active: false },
    { id: "e5", unitId: "X", track: "skill", active: true },
  ];

  it("takes units with their subtrees, active staff only", () => {
    expect(resolvePopulation({ unitIds: ["D"], tracks: [] }, units, employees).map((p) => p.employeeId)).toEqual(["e1", "e2", "e3"]);
    expect(resolvePopulation({ unitIds: ["B", "X"], tracks: [] }, units, employees)).toEqual([
      { employeeId: "e3", unitId: "B" },
      { employeeId: "e5", unitId: "X" },
    ]);
  });

  it("narrows to tracks when some are chosen", () => {
    expect(resolvePopulation({ unitIds: ["D", "X"], tracks: ["skill"] }, units, employees).map((p) => p.employeeId)).toEqual(["e2", "e5"]);
  });

  it("takes an explicit list of employees, still only active ones", () => {
    expect(resolvePopulation({ unitIds: [], tracks: [], employeeIds: ["e4", "e5"] }, units, employees).map((p) => p.employeeId)).toEqual([
      "e5",
    ]);
  });

  it("is refused with unknown fields or both shapes at once", () => {
    expect(PopulationSchema.safeParse({ unitIds: ["D"], tracks: [], role: "hr_admin" }).success).toBe(false);
    expect(PopulationSchema.safeParse({ unitIds: ["D"], employeeIds: ["e1"] }).success).toBe(false);
    expect(PopulationSchema.safeParse({ employeeIds: [] }).success).toBe(false);
  });

  it("files answers of a small unit under the nearest unit with enough people", () => {
    const paths = new Map(units.map((u) => [u.id, u.path]));
    const participants = [...Array(6).fill({ unitId: "A" }), ...Array(2).fill({ unitId: "B" }), { unitId: "D" }];
    const cut = cutUnits(participants, paths, 5);
    expect(cut.get("A")).toBe("A");
    expect(cut.get("B")).toBe("D");
    expect(cut.get("D")).toBe("D");
  });

  it("files everything under the deepest common unit when the whole population is small", () => {
    const paths = new Map(units.map((u) => [u.id, u.path]));
    const cut = cutUnits([{ unitId: "A" }, { unitId: "B" }], paths, 5);
    expect(cut.get("A")).toBe("D");
    expect(cut.get("B")).toBe("D");
  });
});

describe("settings", () => {
  const base = {
    titleZh: "调查",
    titleEn: "Survey",
    opensOn: "2026-11-02",
    closesOn: "2026-11-13",
    minGroupSize: "5",
    minCommentGroupSize: "10",
    cuts: ["unit"],
  };

  it("default the group minimum to 5 and never accept one below 3", () => {
    expect(SettingsSchema.parse({ ...base, minGroupSize: undefined }).minGroupSize).toBe(5);
    expect(SettingsSchema.safeParse({ ...base, minGroupSize: "2" }).success).toBe(false);
  });

  it("require the comment minimum at or above the group minimum", () => {
    const result = SettingsSchema.safeParse({ ...base, minGroupSize: "8", minCommentGroupSize: "6" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0].message).toBe("surveys.errors.commentMinBelowGroupMin");
  });

  it("refuse a closing date before the opening date, unknown cuts and unknown fields", () => {
    expect(SettingsSchema.safeParse({ ...base, closesOn: "2026-11-01" }).success).toBe(false);
    expect(SettingsSchema.safeParse({ ...base, cuts: ["gender"] }).success).toBe(false);
    expect(SettingsSchema.safeParse({ ...base, status: "open" }).success).toBe(false);
  });

  it("open at the start of the first day and close at the end of the last, China time", () => {
    expect(dayStart("2026-11-02").toISOString()).toBe("2026-11-01T16:00:00.000Z");
    expect(dayEnd("2026-11-13").toISOString()).toBe("2026-11-13T16:00:00.000Z");
    expect(lastDay(dayEnd("2026-11-13"))).toBe("2026-11-13");
    expect(chinaDate(dayStart("2026-11-02"))).toBe("2026-11-02");
  });

  it("know when a survey can be answered", () => {
    const survey = { status: "open", opensAt: dayStart("2026-11-02"), closesAt: dayEnd("2026-11-13") };
    expect(isAnswerable(survey, new Date("2026-11-05T00:00:00Z"))).toBe(true);
    expect(isAnswerable(survey, new Date("2026-11-01T15:59:59Z"))).toBe(false);
    expect(isAnswerable(survey, dayEnd("2026-11-13"))).toBe(false);
    expect(isAnswerable({ ...survey, status: "draft" }, new Date("2026-11-05T00:00:00Z"))).toBe(false);
  });

  it("list what stops a launch", () => {
    const now = new Date("2026-11-05T00:00:00Z");
    const ready = {
      opensAt: dayStart("2026-11-02"),
      closesAt: dayEnd("2026-11-13"),
      itemCount: 8,
      invited: 40,
      minGroupSize: 5,
      minCommentGroupSize: 10,
    };
    expect(launchProblems(ready, now)).toEqual([]);
    expect(launchProblems({ ...ready, invited: 0, itemCount: 0 }, now)).toEqual([
      "surveys.errors.noItems",
      "surveys.errors.emptyPopulation",
    ]);
    expect(launchProblems({ ...ready, closesAt: dayEnd("2026-11-03") }, now)).toEqual(["surveys.errors.closesInPast"]);
  });
});
