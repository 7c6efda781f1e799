import { expect, test, type Page } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";

async function chooseUnit(page: Page, name: string) {
  const value = await page.locator('select[name="unitId"] option', { hasText: name }).first().getAttribute("value");
  await page.getByLabel("涉及单位").selectOption(value!);
}

async function fillSuggestion(page: Page, input: { title: string; body: string; unit: string; identity: "实名" | "匿名" }) {
  await page.goto("/suggestions/new");
  await page.getByLabel("标题").fill(input.title);
  await page.getByLabel("建议内容").fill(input.body);
  await page.getByLabel("类别").selectOption({ label: "流程" });
  await chooseUnit(page, input.unit);
  await page.getByRole("radio", { name: input.identity }).check();
}

test("an anonymous suggestion is answered by the room head and continued with the code alone", async ({ page }) => {
  await signIn(page, DEMO.employee);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "合理化建议" }).click();
  await page.getByRole("link", { name: "提交建议" }).click();
  await fillSuggestion(page, {
    title: "报销流程太慢",
    body: "差旅报销要跑四个签字，建议改成线上审批。",
    unit: "金融客户室",
    identity: "匿名",
  });
  await page.getByRole("button", { name: "提交" }).click();
  const code = (await page.getByTestId("follow-up-code").textContent())!.trim();
  expect(code).toMatch(/^([0-9A-Z]{4}-){7}[0-9A-Z]{4}$/);
  await signOut(page);

  await signIn(page, DEMO.roomHead);
  await page.goto("/manage/suggestions");
  await page.getByRole("link", { name: "报销流程太慢" }).click();
  await expect(page.getByRole("heading", { name: "报销流程太慢" })).toBeVisible();
  await expect(page.getByText("这是一条匿名建议")).toBeVisible();
  await page.getByLabel("回复提交人").fill("已和综合支撑室商量，下月起试行线上审批。");
  await page.getByRole("button", { name: "发送回复" }).click();
  await expect(page.getByText("回复已发送").first()).toBeVisible();
  await page.getByLabel("新状态").selectOption({ label: "评估中" });
  await page.getByRole("button", { name: "更新状态" }).click();
  await expect(page.getByText("状态已更新")).toBeVisible();
  await signOut(page);

  // Another account, or none: the code is all it takes.
  await page.goto("/suggestions/follow-up");
  await page.getByLabel("跟进码").fill(code.toLowerCase());
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.getByRole("heading", { name: "报销流程太慢" })).toBeVisible();
  await expect(page.getByTestId("suggestion-status")).toHaveText("评估中");
  const answer = page.getByTestId("message-handler");
  await expect(answer).toContainText("下月起试行线上审批");
  await expect(answer).toContainText("金融客户室 · 部门负责人");
  await expect(answer).not.toContainText("李慧敏");
  await page.getByLabel("继续回复").fill("谢谢！希望手机上也能审批。");
  await page.getByRole("button", { name: "发送回复" }).click();
  await expect(page.getByRole("status")).toHaveText("回复已发送");
  await expect(page.getByTestId("message-submitter")).toContainText("希望手机上也能审批");
  expect(page.url()).not.toContain(code);
});

test("a wrong follow-up code is refused without a hint", async ({ page }) => {
  await page.goto("/suggestions/follow-up");
  await page.getByLabel("跟进码").fill("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH");
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page.getByText("跟进码不正确，或没有对应的建议")).toBeVisible();
  await expect(page.getByLabel("跟进码")).toHaveValue("AAAA-BBBB-CCCC-DDDD-EEEE-FFFF-GGGG-HHHH");
});

test("a named suggestion is taken to implemented and rewarded", async ({ page }) => {
  await signIn(page, DEMO.employee);
  await fillSuggestion(page, {
    title: "标书模板统一管理",
    body: "建议项目运营室统一维护标书模板和资质文件。",
    unit: "项目运营及一站服务室",
    identity: "实名",
  });
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("heading", { name: "标书模板统一管理" })).toBeVisible();
  await expect(page.getByTestId("suggestion-status")).toHaveText("新提交");
  await signOut(page);

  await signIn(page, DEMO.hr);
  await page.goto("/manage/suggestions");
  await page.getByRole("link", { name: "标书模板统一管理" }).click();
  await expect(page.getByRole("heading", { name: "标书模板统一管理" })).toBeVisible();
  await expect(page.getByText("刘洋（E000004）")).toBeVisible();
  for (const status of ["评估中", "已采纳", "已实施"]) {
    await page.getByLabel("新状态").selectOption({ label: status });
    await page.getByRole("button", { name: "更新状态" }).click();
    await expect(page.getByTestId("suggestion-status")).toHaveText(status);
  }
  await page.getByLabel("奖金（元）").fill("200.5");
  await page.getByLabel("积分").fill("20");
  await page.getByLabel("奖励说明").fill("建议已实施，予以奖励。");
  await page.getByRole("button", { name: "发放奖励" }).click();
  await expect(page.getByText("已奖励 200.50 元、20 积分")).toBeVisible();
  await signOut(page);

  await signIn(page, DEMO.employee);
  await page.goto("/suggestions");
  await page.getByRole("link", { name: "标书模板统一管理" }).click();
  await expect(page.getByRole("heading", { name: "标书模板统一管理" })).toBeVisible();
  await expect(page.getByTestId("suggestion-status")).toHaveText("已实施");
  await expect(page.getByText("您的建议获得奖励：200.50 元，20 积分。")).toBeVisible();
});

test("bad input gets a clear error and keeps what was typed", async ({ page }) => {
  await signIn(page, DEMO.employee);
  await page.goto("/suggestions/new");
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByText("此项必填").first()).toBeVisible();

  const long = "很长".repeat(10000);
  await fillSuggestion(page, { title: "超长建议", body: long, unit: "金融客户室", identity: "实名" });
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByText("最多 5000 个字符", { exact: true })).toBeVisible();
  await expect(page.getByLabel("标题")).toHaveValue("超长建议");
  await expect(page.getByLabel("建议内容")).toHaveValue(long);

  await fillSuggestion(page, { title: "单位不存在", body: "正文", unit: "金融客户室", identity: "实名" });
  await page.locator('select[name="unitId"]').evaluate((select: HTMLSelectElement) => {
    select.add(new Option("已撤销的单位", "no-such-unit"));
    select.value = "no-such-unit";
  });
  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByText("没有这个组织单元")).toBeVisible();
  await expect(page.getByLabel("标题")).toHaveValue("单位不存在");
  await expect(page.getByLabel("建议内容")).toHaveValue("正文");
});

test("an employee is refused the handling pages", async ({ page }) => {
  await signIn(page, DEMO.employee);
  await expect(page.getByRole("navigation", { name: "主导航" }).locator('a[href="/manage/suggestions"]')).toHaveCount(0);
  const response = await page.goto("/manage/suggestions");
  expect(response?.status()).toBe(403);
});
