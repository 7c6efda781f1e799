import { describe, expect, it } from "vitest";
import { buildCommentThemes, collapseComments, keywordKey, normaliseComment, OTHER_THEME, selectComments } from "./comment-themes";
import { commentKeywords } from "./comment-themes.server";

const CHINESE = [
  "食堂的饭菜太贵了，希望改善一下。",
  "食堂的饭菜太贵了！希望改善一下",
  "食堂的饭菜  太贵了, 希望改善一下",
  "食堂菜品单一，每天都差不多。",
  "加班太多，周末也经常要加班。",
  "晚上加班没有加班费。",
  "项目忙的时候天天加班，身体吃不消。",
  "工资三年没涨了，希望调整薪酬。",
  "薪资和同行比偏低。",
  "绩效工资和贡献挂钩不够。",
  "办公室的空调坏了很久。",
];

describe("comment themes", () => {
  const themes = buildCommentThemes(CHINESE, commentKeywords());
  const byKey = Object.fromEntries(themes.themes.map((t) => [t.key, t]));

  it("finds the canteen, overtime and pay among hand-made Chinese comments, with counts of people", () => {
    expect(themes.total).toBe(11);
    expect(Object.keys(byKey)).toEqual(expect.arrayContaining(["食堂", "加班", "薪酬"]));
    expect(byKey["食堂"].count).toBe(4);
    expect(byKey["加班"].count).toBe(3);
    expect(byKey["薪酬"].count).toBe(3);
    const counts = themes.themes.map((t) => t.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it("leaves a comment on a subject nobody else raised in other", () => {
    const aircon = themes.entries.find((e) => e.text.includes("空调"))!;
    expect(aircon.themes).toEqual([]);
    expect(themes.other).toBe(1);
    expect(selectComments(themes, { theme: OTHER_THEME, q: "", limit: 20 }).entries.map((e) => e.text)).toEqual(["办公室的空调坏了很久。"]);
  });

  it("collapses the same comment written three ways into one entry counted three times", () => {
    const canteen = themes.entries.filter((e) => e.text.includes("太贵"));
    expect(canteen).toHaveLength(1);
    expect(canteen[0].count).toBe(3);
    expect(themes.entries).toHaveLength(9);
  });

  it("filters by theme and by search text, and shows a limited number", () => {
    const overtime = selectComments(themes, { theme: "加班", q: "", limit: 20 });
    expect(overtime.matching).toBe(3);
    expect(overtime.entries.every((e) => e.text.includes("加班"))).toBe(true);
    const found = selectComments(themes, { theme: null, q: "加班费", limit: 20 });
    expect(found.entries.map((e) => e.text)).toEqual(["晚上加班没有加班费。"]);
    const first = selectComments(themes, { theme: null, q: "", limit: 2 });
    expect(first.entries).toHaveLength(2);
    expect(first.matching).toBe(9);
    expect(first.people).toBe(11);
    expect(first.entries[0]).toEqual({ text: "食堂的饭菜  太贵了, 希望改善一下".replace("  ", " "), count: 3 });
  });

  it("groups English comments by their words, without stop words", () => {
    const english = buildCommentThemes(
      [
        "The canteen food is too expensive.",
        "Canteen prices keep going up.",
        "Too much overtime in the project team.",
        "Overtime is never paid.",
        "Meetings take too long.",
        "Fewer meetings, please.",
        "The new laptops are great.",
      ],
      commentKeywords(),
    );
    const keys = english.themes.map((t) => t.key);
    expect(keys).toEqual(expect.arrayContaining(["canteen", "overtime", "meeting"]));
    expect(keys).not.toContain("too");
    expect(english.themes.find((t) => t.key === "meeting")!.count).toBe(2);
    expect(english.entries.find((e) => e.text.includes("laptops"))!.themes).toEqual([]);
  });

  it("finds an English word written against Chinese text", () => {
    const mixed = buildCommentThemes(["VPN经常断线。", "VPN太慢了", "希望VPN更稳定。"], commentKeywords());
    expect(mixed.themes.map((t) => [t.key, t.count])).toContainEqual(["vpn", 3]);
  });

  it("names a theme by the subject word said beside a rarer one, and places comments past those searched", () => {
    const training = buildCommentThemes(
      [
        "培训时间太集中，希望多一些实战演练。",
        "培训时间太集中，希望多一些实战演练！",
        "培训太少。",
        "希望组织一次实战演练。",
        "团建活动太少。",
      ],
      commentKeywords(),
    );
    expect(training.themes.map((t) => t.key)).toContain("培训");
    expect(training.themes.find((t) => t.key === "培训")!.count).toBeGreaterThanOrEqual(3);
    const late = buildCommentThemes(["加班太多。", "加班太多。", "周末也加班。"], commentKeywords(), { maxSearched: 1 });
    expect(late.themes).toEqual([{ key: "加班", label: "加班", keywords: ["加班"], count: 3 }]);
  });

  it("has no themes and no counts for no comments", () => {
    expect(buildCommentThemes([], commentKeywords())).toEqual({ total: 0, entries: [], themes: [], other: 0 });
  });

  it("compares comments and keywords in a folded form", () => {
    expect(normaliseComment(" Ｈello，World! ")).toBe("helloworld");
    expect(collapseComments(["好 的", "好的。", "Good", "good!"]).map((c) => c.count)).toEqual([2, 2]);
    expect(keywordKey("Meetings")).toBe("meeting");
    expect(keywordKey("工资")).toBe("薪酬");
    expect(keywordKey("的")).toBeNull();
    expect(keywordKey("2026")).toBeNull();
  });
});
