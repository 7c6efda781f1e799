import { expect, test, type Page } from "@playwright/test";
import { DEMO, headsSignOff, signIn, signOut } from "./fixtures";

const acceptDialogs = (page: Page) => page.on("dialog", (d) => void d.accept());

async function exportCsv(page: Page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出工资表 CSV" }).click()]);
  return (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
}

test("a quarter from target confirmation to an appeal held through locking, decided and released into the export", async ({ page }) => {
  test.setTimeout(180_000);
  acceptDialogs(page);

  // The account manager confirms his targets for the open quarter.
  await signIn(page, DEMO.employee);
  await page.goto("/me/performance");
  await expect(page.getByTestId("target-state")).toContainText("待确认");
  await page.getByRole("button", { name: "确认目标" }).click();
  await expect(page.getByTestId("target-state")).toContainText("已确认");
  const periodId = new URL(page.url()).searchParams.get("period")!;
  await signOut(page);

  // His colleague objects, with a reason (an empty reason is refused first).
  await signIn(page, DEMO.solution);
  await page.goto("/me/performance");
  await page.getByRole("button", { name: "提出异议" }).click();
  await expect(page.getByTestId("target-state")).toContainText("待确认");
  await page.getByLabel("异议理由").fill("ICT 项目收入目标按全年口径下达，本季度只有两个月在岗");
  // Leaving the field checks it again and clears the message (the button moves up).
  await page.getByLabel("异议理由").blur();
  await page.getByRole("button", { name: "提出异议" }).click();
  await expect(page.getByTestId("target-state")).toContainText("有异议");
  await signOut(page);

  // The room head answers the objection with a reason.
  await signIn(page, DEMO.roomHead);
  await page.goto(`/kpi/periods/${periodId}/confirmations`);
  const objection = page.getByTestId("objection-E000005");
  await objection.getByLabel("答复结果").selectOption("keep");
  await objection.getByLabel("答复理由").fill("项目组目标已按两人份额分摊，维持本季度目标");
  await objection.getByRole("button", { name: "答复" }).click();
  await expect(page.getByTestId("target-people")).toContainText("异议已答复");
  await signOut(page);

  // HR completes the draft run of the latest closed quarter: the missing actual, a recomputation,
  // and a wage-bill budget the run stays within.
  await signIn(page, DEMO.hr);
  await page.goto(`/kpi/periods/${periodId}/confirmations`);
  await expect(page.getByTestId("target-units")).toContainText("金融客户室");
  await page.goto("/pay");
  await page.locator("table.data-table a").first().click();
  await expect(page.getByTestId("run-status")).toHaveText("草稿");
  const runUrl = page.url();
  const issue = page.getByTestId("run-issues").locator("li[data-kpi]").first();
  const employeeNo = await issue.getAttribute("data-employee-no");
  const kpi = await issue.getAttribute("data-kpi");
  const importUrl = await page.getByRole("link", { name: "导入或补录实际值" }).getAttribute("href");
  const closedPeriodUrl = importUrl!.replace(/\/import$/, "");
  await page.goto(closedPeriodUrl);
  await page.getByRole("button", { name: "重新打开周期" }).click();
  await expect(page.getByRole("button", { name: "关闭周期" })).toBeVisible();
  await page.goto(importUrl!);
  await page.locator("textarea#text").fill(`employeeNo,kpiCode,value\n${employeeNo},${kpi},92.5\n`);
  await page.locator('form button[type="submit"].primary').click();
  await expect(page.getByText(/已导入 \d+ 条完成值。/)).toBeVisible();
  await page.goto(closedPeriodUrl);
  await page.getByRole("button", { name: "关闭周期" }).click();
  await expect(page.getByRole("button", { name: "重新打开周期" })).toBeVisible();
  await page.goto(runUrl);
  await page.getByRole("button", { name: "重新计算" }).click();
  await expect(page.getByTestId("run-issues")).toHaveCount(0);
  const year = /(\d{4})-/.exec((await page.getByRole("heading", { level: 1 }).textContent()) ?? "")![1];
  await page.goto("/pay/budgets");
  await page.locator("#budget-unitCode").fill("JC-GE-FIN");
  await page.locator("#budget-year").fill(year);
  await page.locator("#budget-amount").fill("50000000");
  await page.getByRole("button", { name: "保存预算" }).click();
  await expect(page.getByTestId("budgets")).toContainText("金融客户室");
  await signOut(page);

  // The account manager sees his score with its lines and appeals.
  await signIn(page, DEMO.employee);
  await page.goto("/me/pay");
  await page.getByTestId("my-appeals").getByRole("link").first().click();
  await expect(page.getByTestId("payslip-kpis")).toBeVisible();
  await page.getByLabel("申诉理由").fill("客户保有率按全室口径统计，我负责的两家客户已于季度中划转");
  await page.getByRole("button", { name: "提交申诉" }).click();
  await expect(page.getByTestId("appeal-status")).toHaveText("处理中");
  const appealUrl = page.url();
  await signOut(page);

  // The room head sees the appeal waiting for her; the run is signed off within budget meanwhile.
  await signIn(page, DEMO.roomHead);
  await page.goto(`${runUrl}/appeals`);
  await expect(page.getByTestId("appeal-E000004")).toContainText("处理中");
  await signOut(page);

  await signIn(page, DEMO.payReviewer);
  await page.goto(runUrl);
  await expect(page.getByTestId("appeal-summary")).toContainText("处理中的申诉");
  await page.getByRole("button", { name: "复核通过" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("已复核");
  await signOut(page);

  // Each head signs off their unit's lines; approval waits for them.
  await headsSignOff(page, runUrl);

  await signIn(page, DEMO.payApprover);
  await page.goto(runUrl);
  await expect(page.getByTestId("budget-check")).toContainText("本次核算在所有预算之内");
  await page.locator("#approve-password").fill("ge-demo-2026");
  await page.getByRole("button", { name: "审批通过" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("已审批");
  await page.getByRole("button", { name: "锁定" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("已锁定");
  await signOut(page);

  // Locked with his line held: marked on the run page and left out of the payroll file.
  await signIn(page, DEMO.hr);
  await page.goto(runUrl);
  await expect(page.getByTestId("pay-lines").locator("tr", { hasText: "E000004" }).getByTestId("held-line")).toBeVisible();
  expect(await exportCsv(page)).not.toContain("E000004,");
  await signOut(page);

  // The room head decides: a reason is required; dismissed with a reason, the line is released.
  await signIn(page, DEMO.roomHead);
  await page.goto(`${runUrl}/appeals`);
  const panel = page.getByTestId("appeal-E000004");
  await panel.getByLabel("决定", { exact: true }).selectOption("dismissed");
  await panel.getByRole("button", { name: "作出决定" }).click();
  await expect(panel.getByText("此项必填").or(panel.getByText("至少 2 个字符"))).toBeVisible();
  await panel.getByLabel("决定理由").fill("划转客户已按划转后口径计入，得分无误");
  await panel.getByLabel("决定理由").blur();
  await panel.getByRole("button", { name: "作出决定" }).click();
  await expect(page.getByTestId("appeal-E000004")).toContainText("申诉驳回");
  await signOut(page);

  // The export now includes his line; he sees the outcome and the reason, on the payslip too.
  await signIn(page, DEMO.hr);
  await page.goto(runUrl);
  expect(await exportCsv(page)).toContain("E000004,");
  await signOut(page);
  await signIn(page, DEMO.employee);
  await page.goto(appealUrl);
  await expect(page.getByTestId("appeal-decision")).toContainText("划转客户已按划转后口径计入");
  await page.goto("/me/pay");
  await page.locator("table.data-table a").first().click();
  await expect(page.getByTestId("payslip-appeal")).toContainText("申诉已驳回");
});

test("the confirmation and appeal pages fit a phone", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signIn(page, DEMO.employee);
  await page.goto("/me/performance");
  await expect(page.getByTestId("target-response")).toBeVisible();
  const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(await overflow()).toBeLessThanOrEqual(0);
  await page.goto("/me/pay");
  await page.getByTestId("my-appeals").getByRole("link").first().click();
  await expect(page.getByTestId("my-appeal")).toBeVisible();
  expect(await overflow()).toBeLessThanOrEqual(0);
});
