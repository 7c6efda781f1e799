import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";
import { createPeriod, fillPlanLine } from "./kpi-helpers";

/** A period code of its own, so that other journeys on the same server do not collide. */
const periodCode = `E2E-${Date.now().toString(36).toUpperCase()}`;

test("HR sets up a period and a plan, imports actuals, and the employee sees their progress", async ({ page }) => {
  await signIn(page, DEMO.hr);
  await createPeriod(page, { code: periodCode, kind: "month", startsOn: "2027-01-01", endsOn: "2027-01-31" });

  // A plan for account managers: two KPIs whose weights total 100.
  await page.getByRole("link", { name: "客户经理", exact: true }).click();
  await fillPlanLine(page, 0, {
    kpi: "NEW_CONTRACT_REV · 新签合同收入",
    weight: "60",
    threshold: "600000",
    target: "1000000",
    stretch: "1400000",
    cap: "120",
  });
  await page.getByRole("button", { name: "添加指标" }).click();
  await fillPlanLine(page, 1, { kpi: "ARREARS_RATE · 欠费率", weight: "30", threshold: "8", target: "5", stretch: "3", cap: "110" });
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("权重合计须为 100，目前为 90")).toBeVisible();
  await page.getByTestId("plan-lines").locator("tbody tr").nth(1).getByLabel("权重 %").fill("40");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("KPI 方案已保存")).toBeVisible();
  await expect(page.getByTestId("weight-sum")).toHaveText("100%");

  // Import: a file with one bad row imports nothing and names the row.
  await page.getByRole("link", { name: "返回" }).click();
  await page.getByRole("link", { name: "导入完成值" }).click();
  await page.getByLabel("或粘贴 CSV 内容").fill("employeeNo,kpiCode,value\nE000004,NEW_CONTRACT_REV,850000\nE000004,ARREARS_RATE,four\n");
  await page.getByRole("button", { name: "校验并导入" }).click();
  const errors = page.getByTestId("import-errors");
  await expect(errors).toBeVisible();
  await expect(errors.locator("tbody tr")).toHaveCount(1);
  await expect(errors.locator("tbody tr td").first()).toHaveText("3");
  await page.getByLabel("或粘贴 CSV 内容").fill("employeeNo,kpiCode,value\nE000004,NEW_CONTRACT_REV,850000\nE000004,ARREARS_RATE,6.5\n");
  await page.getByRole("button", { name: "校验并导入" }).click();
  await expect(page.getByText("已导入 2 条完成值。")).toBeVisible();
  await signOut(page);

  // The employee sees progress against target for the period.
  await signIn(page, DEMO.employee);
  await page.getByRole("navigation", { name: "主导航" }).getByRole("link", { name: "我的绩效" }).click();
  await page.getByLabel("考核周期").selectOption({ label: `${periodCode} · 进行中` });
  await page.getByRole("button", { name: "筛选" }).click();
  const revenue = page.locator('tr[data-kpi="NEW_CONTRACT_REV"]');
  await expect(revenue).toContainText("¥850,000.00");
  await expect(revenue).toContainText("62.50");
  await expect(revenue.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "85");
  // Arrears 6.50 % against threshold 8 % / target 5 %: 50.00; total 60 % × 62.50 + 40 % × 50.00 = 57.50.
  await expect(page.locator('tr[data-kpi="ARREARS_RATE"]')).toContainText("50.00");
  await expect(page.getByTestId("my-total")).toHaveText("57.50");
});

test("the demo quarter shows HR the missing actual and the employee their joint KPI and check-in", async ({ page }) => {
  await signIn(page, DEMO.hr);
  const today = new Date();
  const quarter = `${today.getUTCFullYear()}-Q${Math.floor(today.getUTCMonth() / 3) + 1}`;
  await page.goto("/kpi");
  await page.getByRole("link", { name: quarter, exact: true }).click();
  await expect(page.getByTestId("missing-actuals")).toContainText("CUSTOMER_SATISFACTION");
  await signOut(page);

  await signIn(page, DEMO.employee);
  await page.goto("/me/performance");
  await expect(page.locator('tr[data-kpi="ICT_PROJECT_REV"]')).toContainText("关联考核");
  await expect(page.locator('tr[data-kpi="CUSTOMER_DATA_COMPLETENESS"]')).toContainText("基础工作");
  await expect(page.getByTestId("checkins")).toContainText("季度中期沟通");
});
