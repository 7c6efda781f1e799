import { expect, type Page } from "@playwright/test";

/** One plan line as HR types it: KPI option label, weight %, threshold, target, stretch (in yuan / % / count), cap in points. */
export type PlanLineInput = { kpi: string; weight: string; threshold: string; target: string; stretch: string; cap?: string };

/** HR (signed in) creates an appraisal period through the form; returns its id. */
export async function createPeriod(
  page: Page,
  period: { code: string; kind?: "month" | "quarter" | "year"; startsOn: string; endsOn: string },
) {
  await page.goto("/kpi");
  await page.getByLabel("周期编码").fill(period.code);
  await page.getByLabel("周期类型").selectOption(period.kind ?? "month");
  await page.getByLabel("开始日期").fill(period.startsOn);
  await page.getByLabel("结束日期").fill(period.endsOn);
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByRole("heading", { name: `考核周期 ${period.code}` })).toBeVisible();
  return new URL(page.url()).pathname.split("/").pop()!;
}

export async function fillPlanLine(page: Page, index: number, line: PlanLineInput) {
  const row = page.getByTestId("plan-lines").locator("tbody tr").nth(index);
  await row.getByLabel("指标").selectOption({ label: line.kpi });
  await row.getByLabel("权重 %").fill(line.weight);
  await row.getByLabel("门槛值").fill(line.threshold);
  await row.getByLabel("目标值").fill(line.target);
  await row.getByLabel("挑战值").fill(line.stretch);
  await row.getByLabel("封顶分").fill(line.cap ?? "120");
}

/** HR saves a position's plan (position as listed, e.g. "客户经理"); weights must total 100. */
export async function savePlan(page: Page, periodId: string, position: string, lines: PlanLineInput[]) {
  await page.goto(`/kpi/periods/${periodId}`);
  await page.getByRole("link", { name: position, exact: true }).click();
  for (const [i, line] of lines.entries()) {
    if (i > 0) await page.getByRole("button", { name: "添加指标" }).click();
    await fillPlanLine(page, i, line);
  }
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByText("KPI 方案已保存")).toBeVisible();
}

/** HR pastes an actuals CSV (employeeNo,kpiCode,value; yuan / percent / counts) and expects it imported. */
export async function importActualsCsv(page: Page, periodId: string, csv: string) {
  await page.goto(`/kpi/periods/${periodId}/import`);
  await page.getByLabel("或粘贴 CSV 内容").fill(csv);
  await page.getByRole("button", { name: "校验并导入" }).click();
  await expect(page.getByText(/已导入 \d+ 条完成值。/)).toBeVisible();
}
