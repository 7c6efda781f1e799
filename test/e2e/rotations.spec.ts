import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";

test("an assignment goes from plan to evaluation and reflection", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await signIn(page, DEMO.hr);
  await page.goto("/rotations/assignments/new");
  await page.locator('select[name="openingId"]').selectOption({ label: "营销策划与市场分析 · 营销推广室 · 横向·部门内" });
  await page.locator('input[name="employeeNo"]').fill("E000004");
  await page.locator('input[name="startDate"]').fill("2027-03-01");
  await page.locator('input[name="endDate"]').fill("2027-05-31");
  await page.locator('textarea[name="objectives"]').fill("参与营销推广室的指标分解与定价分析");
  await page.locator('textarea[name="returnPlan"]').fill("回金融客户室负责行业营销方案");
  await page.locator('form button[type="submit"].primary').click();
  await expect(page.getByTestId("assignment-status")).toHaveText("计划中");
  await page.getByRole("button", { name: "开始轮岗" }).click();
  await expect(page.getByTestId("assignment-status")).toHaveText("进行中");
  await page.getByRole("button", { name: "结束轮岗" }).click();
  await expect(page.getByTestId("assignment-status")).toHaveText("已完成");
  const evaluation = page.getByTestId("evaluation");
  for (const field of ["scoreResults", "scoreLearning", "scoreCollaboration", "scoreOverall"])
    await evaluation.locator(`select[name="${field}"]`).selectOption("4");
  await evaluation.locator('textarea[name="hostComment"]').fill("分析扎实，配合积极");
  await evaluation.getByRole("button", { name: "提交评价" }).click();
  await expect(page.getByTestId("evaluation")).toContainText("分析扎实");
  await signOut(page);

  await signIn(page, DEMO.employee);
  await page.goto("/me/rotations");
  const mine = page.getByTestId("my-assignment-completed");
  await expect(mine).toContainText("分析扎实");
  await mine.locator('textarea[name="reflection"]').fill("学会了从市场数据看客户需求，回岗后用于方案定价。");
  await mine.getByRole("button", { name: "提交心得" }).click();
  await expect(page.getByTestId("my-assignment-completed")).toContainText("学会了从市场数据看客户需求");
});
