import path from "node:path";
import { expect, test } from "@playwright/test";
import { createPrismaClient } from "~/utils/db.server";
import { closedSurvey } from "../report-fixtures";
import { DEMO, signIn, signOut } from "./fixtures";

const TITLE = "报告演示调查";
let surveyId: string;

const COMMENTS: Record<string, string[]> = {
  "JC-GE-GOV": [
    "加班太多，周末也要加班。",
    "加班太多，周末也要加班",
    "晚上加班没有加班费。",
    "工资三年没涨了。",
    "薪资和同行比偏低。",
    "食堂的饭菜太贵了。",
    "办公室空调坏了。",
  ],
  "JC-GE-FIN": [
    "食堂的饭菜太贵了。",
    "食堂的饭菜太贵了！",
    "食堂菜品单一。",
    "项目忙的时候天天加班。",
    "绩效工资和贡献挂钩不够。",
    "希望多一些培训。",
  ],
  "JC-GE-VPN": ["培训时间太集中。", "客服系统太卡。", "客服系统太卡。", "排班不合理。"],
};

/** The database of the server the browser tests run against (see scripts/e2e-server.mjs). */
function e2eDatabase() {
  return createPrismaClient(`file:${path.resolve(".cache", `e2e-${process.env.E2E_PORT ?? 3100}`, "app.db")}`);
}

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // Built through the surveys module as HR and employees would: launch to three rooms,
  // 7 + 6 + 4 answers, close.
  const db = e2eDatabase();
  try {
    const hr = await db.user.findFirstOrThrow({ where: { employee: { employeeNo: "E000003" } }, select: { id: true } });
    surveyId = await closedSurvey(db, {
      actorId: hr.id,
      answers: { "JC-GE-GOV": 7, "JC-GE-FIN": 6, "JC-GE-VPN": 4 },
      title: TITLE,
      comment: (code, i) => COMMENTS[code][i],
    });
  } finally {
    await db.$disconnect();
  }
});

test("the department head sees the report with charts; the 4-answer room is hidden everywhere", async ({ page }) => {
  await signIn(page, DEMO.head);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "满意度报告" }).click();
  await page.getByTestId("report-surveys").getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: TITLE })).toBeVisible();
  await expect(page.getByTestId("headline")).toContainText("17");

  // Where to focus comes first: areas to improve and strengths on a score × impact chart, and the way to the plan.
  const focus = page.getByTestId("focus-areas");
  await expect(focus).toBeVisible();
  await expect(focus.getByRole("heading", { name: "重点关注" })).toBeVisible();
  expect(await focus.locator("[data-testid^='focus-'] li").count()).toBeGreaterThanOrEqual(2);
  await expect(focus.getByTestId("score-impact").locator("svg circle").first()).toBeVisible();
  await expect(focus.getByRole("link", { name: "编写改进计划" })).toBeVisible();
  const focusBox = await focus.boundingBox();
  const dimensionsBox = await page.getByTestId("dimension-comparison").boundingBox();
  expect(focusBox!.y).toBeLessThan(dimensionsBox!.y);
  // Everyone who answered is in the department: it is not compared with itself.
  await expect(page.getByTestId("dimension-comparison")).not.toContainText("对比全组织");
  await expect(page.getByTestId("headline")).not.toContainText("对比全组织");
  // Links with overall satisfaction in words, the correlation only in a hover.
  await expect(page.getByTestId("drivers")).toContainText("关联");
  await expect(page.getByTestId("drivers")).not.toContainText("0.");

  // Charts are drawn in the browser, each with its data table.
  await expect(page.locator(".report-chart canvas").first()).toBeVisible();
  expect(await page.locator(".report-chart canvas").count()).toBeGreaterThanOrEqual(2);
  await page.locator("details.report-data summary").first().click();
  await expect(page.locator("details.report-data table").first()).toBeVisible();

  // Heatmap: the VPN centre (4 answers) is hidden, and so is finance, whose 6 would give it away by subtraction.
  const heatmap = page.getByTestId("heatmap");
  await expect(heatmap.locator("tr", { hasText: "VPN客户服务中心" })).toContainText("已隐藏");
  await expect(heatmap.locator("tr", { hasText: "金融客户室" })).toContainText("已隐藏");
  await expect(heatmap.locator("tr", { hasText: "党政军客户室" })).not.toContainText("已隐藏");

  // Unit picker: marked as hidden; choosing it shows no figures.
  const vpnOption = page.locator("#report-unit option", { hasText: "VPN客户服务中心" });
  await expect(vpnOption).toContainText("人数不足，已隐藏");
  await page.locator("#report-unit").selectOption({ label: (await vpnOption.textContent())! });
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.getByTestId("group-hidden")).toBeVisible();
  await expect(page.locator(".report-chart canvas")).toHaveCount(0);

  // CSV of the department: aggregated rows, the VPN centre as "suppressed".
  await page.goto(`/reports/${surveyId}`);
  const download = page.waitForEvent("download");
  await page.getByTestId("csv-link").click();
  const file = await (await download).path();
  const csv = (await import("node:fs")).readFileSync(file!, "utf8");
  const vpnRows = csv.split("\r\n").filter((l) => l.includes("VPN客户服务中心"));
  expect(vpnRows.length).toBeGreaterThan(0);
  for (const row of vpnRows) expect(row).toContain("suppressed");
});

test("the department head reads the comments by theme, searches them, and sees a repeated one once", async ({ page }) => {
  await signIn(page, DEMO.head);
  await page.goto(`/reports/${surveyId}`);
  const first = page.getByTestId("report-comments").first();
  const overtime = first.getByTestId("theme-chip").filter({ hasText: "加班" });
  await expect(overtime).toContainText("4");
  await expect(first.getByTestId("comment-list").locator("li", { hasText: "食堂的饭菜太贵了" })).toContainText("×3");
  await overtime.click();
  await expect(overtime).toHaveAttribute("aria-current", "true");
  await expect(page).toHaveURL(/ct\./);
  const shown = first.getByTestId("comment-list").locator("li");
  await expect(shown).toHaveCount(3);
  for (const text of await shown.allTextContents()) expect(text).toContain("加班");

  await page.getByLabel("搜索意见").fill("空调");
  await page.getByRole("button", { name: "搜索", exact: true }).click();
  await expect(page).toHaveURL(/cq=/);
  await expect(first).toContainText("没有符合条件的意见"); // 空调 is not among the overtime comments
  await first.getByRole("link", { name: /全部/ }).click();
  await expect(first.getByTestId("comment-list").locator("li")).toHaveText(["办公室空调坏了。"]);
});

test("the head publishes an action plan and the department's employee reads it", async ({ page }) => {
  await signIn(page, DEMO.head);
  await page.goto(`/reports/${surveyId}`); // opens on the head's own department
  await page.getByRole("link", { name: "编写改进计划" }).click();
  await page.locator('textarea[name="summary"]').fill("协同与培训是短板。");
  await page.locator('textarea[name="actions"]').fill("每月一次前后台联合复盘，由室主任负责。");
  await page.getByRole("button", { name: "发布给本单位员工" }).click();
  await expect(page.getByTestId("action-plan")).toContainText("每月一次前后台联合复盘");
  await expect(page.getByTestId("action-plan")).toContainText("已发布");
  await signOut(page);

  await signIn(page, DEMO.employee); // an account manager in the finance room, under the department
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "调查结果与改进" }).click();
  await expect(page.getByTestId("published-plan").filter({ hasText: TITLE })).toContainText("每月一次前后台联合复盘");
});

test("the head adds an action with an owner and a due date; the employee follows it under 'you said, we did'", async ({ page }) => {
  await signIn(page, DEMO.head);
  await page.goto(`/reports/${surveyId}`);
  await page.getByRole("link", { name: "编写改进计划" }).click();
  await page.getByLabel("行动内容").fill("前后台联合复盘会");
  await page.getByLabel("针对的维度（可选）").selectOption({ label: "渠道与协同" });
  // The owner picker suggests people of the unit from the server as one types.
  const owner = page.getByTestId("owner-picker");
  await owner.pressSequentially("刘洋");
  await expect(page.locator('datalist option[value="刘洋 · E000004"]')).toHaveCount(1);
  await owner.fill("刘洋 · E000004");
  await page.getByLabel("完成期限").fill("2031-01-15");
  await page.getByRole("button", { name: "添加行动" }).click();
  await expect(page.getByTestId("plan-actions")).toContainText("刘洋 · E000004");
  await expect(page.getByTestId("plan-actions")).toContainText("2031-01-15");
  await page.getByRole("button", { name: "发布给本单位员工" }).click();
  await expect(page.getByTestId("action-plan")).toContainText("前后台联合复盘会");
  await signOut(page);

  await signIn(page, DEMO.employee);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "调查结果与改进" }).click();
  const plan = page.getByTestId("published-plan").filter({ hasText: "前后台联合复盘会" });
  await expect(plan).toContainText("您的反馈，我们的行动");
  await expect(plan.getByTestId("we-did")).toContainText("计划中");
  // The owner updates the status and a note of their own action.
  // (The demo holds actions of last year's plan that they own too.)
  await page
    .getByTestId("my-actions")
    .getByRole("row")
    .filter({ hasText: "前后台联合复盘会" })
    .getByRole("link", { name: "更新进展" })
    .click();
  await page.getByLabel("状态").selectOption({ label: "进行中" });
  await page.getByLabel("进展说明（可选）").fill("第一次复盘已开");
  // The save is answered before the results page is read again (otherwise the reload can overtake it).
  const saved = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/surveys/actions/"));
  await page.getByRole("button", { name: "保存进展" }).click();
  await saved;
  await page.goto("/surveys/results");
  await expect(plan.getByTestId("we-did")).toContainText("进行中");
  await expect(plan.getByTestId("we-did")).toContainText("第一次复盘已开");
});

test("an employee cannot open reports", async ({ page }) => {
  await signIn(page, DEMO.employee);
  await expect(page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "满意度报告" })).toHaveCount(0);
  const response = await page.goto(`/reports/${surveyId}`);
  expect(response?.status()).toBe(403);
});
