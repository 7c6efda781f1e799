import { expect, test, type Page } from "@playwright/test";
import { DEMO, headsSignOff, signIn, signOut } from "./fixtures";

const acceptDialogs = (page: Page) => page.on("dialog", (d) => void d.accept());

test("HR imports the missing actual and prepares the run, a second HR user reviews, a third approves and locks; the employee reads the breakdown", async ({
  page,
}) => {
  acceptDialogs(page);
  await signIn(page, DEMO.hr);

  // The seeded draft for the latest closed quarter is blocked by a missing actual: shown as an error, not a zero.
  await page.goto("/pay");
  await page.locator("table.data-table a").first().click();
  await expect(page.getByTestId("run-status")).toHaveText("草稿");
  const issue = page.getByTestId("run-issues").locator("li[data-kpi]").first();
  await expect(issue).toContainText("缺少指标");
  const employeeNo = await issue.getAttribute("data-employee-no");
  const kpi = await issue.getAttribute("data-kpi");
  const runUrl = page.url();

  // The period is closed, so HR reopens it, imports the actual through the KPI CSV import,
  // closes it again and recomputes.
  const importUrl = await page.getByRole("link", { name: "导入或补录实际值" }).getAttribute("href");
  const periodUrl = importUrl!.replace(/\/import$/, "");
  await page.goto(periodUrl);
  await page.getByRole("button", { name: "重新打开周期" }).click();
  await expect(page.getByRole("button", { name: "关闭周期" })).toBeVisible();
  await page.goto(importUrl!);
  await page.locator("textarea#text").fill(`employeeNo,kpiCode,value\n${employeeNo},${kpi},92.5\n`);
  await page.locator('form button[type="submit"].primary').click();
  await expect(page.getByRole("status").or(page.locator(".notice.success"))).toBeVisible();
  await page.goto(periodUrl);
  await page.getByRole("button", { name: "关闭周期" }).click();
  await expect(page.getByRole("button", { name: "重新打开周期" })).toBeVisible();
  await page.goto(runUrl);
  await page.getByRole("button", { name: "重新计算" }).click();
  await expect(page.getByTestId("run-issues")).toHaveCount(0);
  // The preparer cannot review their own run.
  await expect(page.getByRole("button", { name: "复核通过" })).toHaveCount(0);
  await expect(page.getByTestId("sign-off-refusal")).toBeVisible();

  // Wage bill: HR gives the finance room a budget for the run's year far below what the run pays there.
  const year = /(\d{4})-/.exec((await page.getByRole("heading", { level: 1 }).textContent()) ?? "")![1];
  await page.goto("/pay/budgets");
  await page.locator("#budget-unitCode").fill("JC-GE-FIN");
  await page.locator("#budget-year").fill(year);
  await page.locator("#budget-amount").fill("1");
  await page.getByRole("button", { name: "保存预算" }).click();
  await expect(page.getByTestId("budgets")).toContainText("金融客户室");
  await page.goto(runUrl);
  await expect(page.getByTestId("budget-check")).toContainText("超出预算");

  // Calibration: HR sets the period's guideline (A at most 62 % of a unit of 5 or more).
  await page.getByTestId("calibration-link").click();
  await page.locator("#max_A").fill("62");
  await page.getByRole("button", { name: "保存指导比例" }).click();
  await expect(page.locator("#max_A")).toHaveValue("62");
  await expect(page.getByTestId("calibration-units")).toContainText("符合");
  await signOut(page);

  // The finance room's head sees her room only and moves an account manager's rating, with a reason.
  await signIn(page, DEMO.roomHead);
  await page.goto(`${runUrl}/calibration`);
  await expect(page.getByTestId("calibration-units").locator("tbody tr")).toHaveCount(1);
  // The demo's E000004 is rated B on the quarter's scores; the head moves him to C.
  await page.locator("#calibrate-employeeNo").fill("E000004");
  await page.locator("#calibrate-rating").selectOption("C");
  await page.locator("#calibrate-reason").fill("与同岗位横向比较后调整");
  await page.getByRole("button", { name: "校准", exact: true }).click();
  await expect(page.getByTestId("calibrations")).toContainText("E000004");
  await expect(page.getByTestId("calibrations")).toContainText("与同岗位横向比较后调整");
  await signOut(page);

  // The second HR user reviews, and cannot also approve.
  await signIn(page, DEMO.payReviewer);
  await page.goto(runUrl);
  await page.getByRole("button", { name: "复核通过" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("已复核");
  await expect(page.getByRole("button", { name: "审批通过" })).toHaveCount(0);
  await expect(page.getByTestId("sign-off-refusal")).toContainText("复核人不能再审批");
  await signOut(page);

  // Each head signs off their unit's lines; approval waits for them.
  await headsSignOff(page, runUrl);

  // The third fails the password once, then approves and locks.
  await signIn(page, DEMO.payApprover);
  await page.goto(runUrl);
  await page.locator("#approve-password").fill("not my password");
  await page.locator("#override-reason").fill("省公司同意本季度超预算发放");
  await page.getByRole("button", { name: "审批通过" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "密码不正确" })).toBeVisible();
  await expect(page.getByTestId("run-status")).toHaveText("已复核");
  // Over budget: approval needs the approver's reason, recorded on the run.
  await expect(page.getByTestId("budget-check")).toContainText("超出预算");
  await page.locator("#approve-password").fill("ge-demo-2026");
  await page.locator("#override-reason").fill("省公司同意本季度超预算发放");
  await page.getByRole("button", { name: "审批通过" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("已审批");
  await expect(page.getByTestId("budget-override")).toContainText("省公司同意本季度超预算发放");
  await page.getByRole("button", { name: "锁定" }).click();
  await expect(page.getByTestId("run-status")).toHaveText("已锁定");
  await expect(page.getByTestId("verification")).toContainText("完全一致");
  await signOut(page);

  // HR exports the locked run's gross lines for the payroll system; the budget shows it committed.
  await signIn(page, DEMO.hr);
  await page.goto(runUrl);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "导出工资表 CSV" }).click()]);
  const csv = await (await import("node:fs/promises")).readFile((await download.path())!, "utf8");
  expect(csv.split("\r\n")[0]).toContain("employeeNo,name,unit,track,level,score,rating");
  expect(csv).toMatch(/E000004,[^\r]*,与同岗位横向比较后调整/);
  await page.goto(`/pay/budgets?year=${year}`);
  await expect(page.getByTestId("budgets")).toContainText("-¥");
  await signOut(page);

  // The employee opens the breakdown and asks "what if I reach 110 %".
  await signIn(page, DEMO.employee);
  await page.goto("/me/pay");
  const payslips = page.locator("table.data-table a");
  await expect(payslips).toHaveCount(2);
  await payslips.first().click();
  await expect(page.getByTestId("explain-performance")).toContainText("绩效工资 = 基数");
  await expect(page.getByTestId("explain-performance")).toContainText("系数");
  await expect(page.getByTestId("explain-rating")).toContainText("校准为");
  await expect(page.getByTestId("explain-performance")).toContainText("与同岗位横向比较后调整");
  await expect(page.getByTestId("payslip-kpis")).toBeVisible();
  await page.locator("#pct").fill("110");
  await page.getByRole("button", { name: "计算" }).click();
  await expect(page.getByTestId("what-if-result")).toBeVisible();
  await expect(page.getByTestId("what-if-total")).toContainText("¥");
});

test("a wrong-role user is refused the pay pages", async ({ page }) => {
  await signIn(page, DEMO.employee);
  for (const path of ["/pay", "/pay/settings", "/pay/schemes"]) {
    const response = await page.goto(path);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
  }
  await signOut(page);
  await signIn(page, DEMO.roomHead);
  expect((await page.goto("/pay/settings"))?.status()).toBe(403);
  expect((await page.goto("/pay"))?.status()).toBe(200);
});
