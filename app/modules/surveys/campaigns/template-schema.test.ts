import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadTemplates } from "./templates.server";

const SHIPPED = path.resolve(import.meta.dirname, "../../../../survey-templates");
const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function writeTemplates(files: Record<string, unknown>) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "survey-templates-"));
  tempDirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), typeof content === "string" ? content : JSON.stringify(content));
  }
  return dir;
}

/** Loads the files and returns the refusal message; fails the test if they load. */
function refusal(files: Record<string, unknown>) {
  try {
    loadTemplates(writeTemplates(files));
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the templates to be refused");
}

function template(id: string, items: unknown[]) {
  return {
    id,
    version: 1,
    titleZh: "测试问卷",
    titleEn: "Test survey",
    descriptionZh: "测试用",
    descriptionEn: "For tests",
    dimensions: [{ id: "pay", nameZh: "薪酬绩效", nameEn: "Pay & performance" }],
    items,
  };
}

const likert = (id: string, extra: object = {}) => ({
  id,
  dimension: "pay",
  type: "likert5",
  textZh: "我的收入与贡献相匹配。",
  textEn: "My pay matches my contribution.",
  ...extra,
});

describe("shipped survey templates", () => {
  const templates = loadTemplates(SHIPPED);

  it("all load", () => {
    expect(templates.map((t) => t.id).sort()).toEqual(["pulse", "staff-satisfaction", "training-needs", "training-reaction"]);
  });

  it("staff-satisfaction covers the six study dimensions with 30–40 items", () => {
    const staff = templates.find((t) => t.id === "staff-satisfaction")!;
    const count = (type: string) => staff.items.filter((i) => i.type === type).length;

    expect(staff.items.length).toBeGreaterThanOrEqual(30);
    expect(staff.items.length).toBeLessThanOrEqual(40);
    expect(staff.dimensions.map((d) => d.nameZh)).toEqual([
      "薪酬绩效",
      "渠道与协同",
      "管理与执行",
      "培训",
      "职业发展",
      "总体满意度与归属感",
    ]);
    for (const dimension of staff.dimensions) {
      expect(
        staff.items.some((i) => i.dimension === dimension.id),
        dimension.id,
      ).toBe(true);
    }
    expect(count("nps")).toBe(1);
    expect(count("text")).toBe(2);
    expect(staff.items.filter((i) => i.outcome)).toHaveLength(1);
  });

  it("pulse keeps the outcome and eNPS items", () => {
    const pulse = templates.find((t) => t.id === "pulse")!;
    expect(pulse.items.length).toBeGreaterThanOrEqual(6);
    expect(pulse.items.length).toBeLessThanOrEqual(8);
    expect(pulse.items.filter((i) => i.outcome)).toHaveLength(1);
    expect(pulse.items.filter((i) => i.type === "nps")).toHaveLength(1);
  });

  it("defaults required to true except for text items", () => {
    const staff = templates.find((t) => t.id === "staff-satisfaction")!;
    for (const item of staff.items) expect(item.required, item.id).toBe(item.type !== "text");
  });
});

describe("loadTemplates refuses broken templates", () => {
  it("names the file, the JSON path and the reason", () => {
    const items = [likert("pay-01"), likert("pay-02"), likert("pay-03", { options: [] })];
    const message = refusal({ "good.json": template("good", [likert("pay-01")]), "broken.json": template("broken", items) });

    expect(message).toContain("broken.json items[2].options: options are only allowed on single and multiple items");
    expect(message).not.toContain("good.json");
  });

  it("reports every problem at once, across items and files", () => {
    const items = [likert("pay-01", { options: [] }), likert("pay-02", { dimension: "morale" }), likert("pay-01")];
    const message = refusal({ "a.json": template("a", items), "b.json": template("b", [likert("x", { type: "poll" })]) });

    expect(message).toContain("a.json items[0].options");
    expect(message).toContain('a.json items[1].dimension: unknown dimension "morale"');
    expect(message).toContain('a.json items[2].id: duplicate item id "pay-01"');
    expect(message).toContain("b.json items[0].type");
  });

  it("requires options on choice items", () => {
    const message = refusal({ "a.json": template("a", [likert("pay-01", { type: "single" })]) });
    expect(message).toContain("a.json items[0].options: single items need options");
  });

  it("refuses duplicate item ids", () => {
    const message = refusal({ "dup.json": template("dup", [likert("pay-01"), likert("pay-01")]) });
    expect(message).toContain('dup.json items[1].id: duplicate item id "pay-01"');
  });

  it("refuses duplicate option ids", () => {
    const options = [
      { id: "yes", labelZh: "是", labelEn: "Yes" },
      { id: "yes", labelZh: "否", labelEn: "No" },
    ];
    const message = refusal({ "opt.json": template("opt", [likert("q-01", { type: "single", options })]) });
    expect(message).toContain('opt.json items[0].options[1].id: duplicate option id "yes"');
  });

  it("refuses an unknown dimension", () => {
    const message = refusal({ "dim.json": template("dim", [likert("pay-01", { dimension: "morale" })]) });
    expect(message).toContain('dim.json items[0].dimension: unknown dimension "morale"');
  });

  it("refuses more than one outcome item", () => {
    const items = [likert("pay-01", { outcome: true }), likert("pay-02", { outcome: true })];
    const message = refusal({ "out.json": template("out", items) });
    expect(message).toContain("out.json items[1].outcome: only one item may be the outcome item");
  });

  it("refuses unknown keys", () => {
    const message = refusal({ "keys.json": template("keys", [likert("pay-01", { weight: 2 })]) });
    expect(message).toMatch(/keys\.json items\[0\]: Unrecognized key.*weight/);
  });

  it("refuses an id that does not match the file name, and invalid JSON", () => {
    const message = refusal({ "pulse.json": template("staff", [likert("pay-01")]), "bad.json": "{ not json" });
    expect(message).toContain('pulse.json id: "staff" does not match the file name');
    expect(message).toContain("bad.json: invalid JSON");
  });

  it("loads a valid folder", () => {
    const dir = writeTemplates({ "ok.json": template("ok", [likert("pay-01")]) });
    expect(loadTemplates(dir).map((t) => t.id)).toEqual(["ok"]);
  });
});
