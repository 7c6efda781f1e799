import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";

test("HR runs a cycle from eligibility to an effective promotion; the employee sees the new level", async ({ page }) => {
  page.on("dialog", (d) => d.accept());
  await signIn(page, DEMO.employee);
  await page.goto("/me/career");
  await expect(page.getByTestId("current-level")).toHaveText("S4");
  await signOut(page);

  await signIn(page, DEMO.hr);
  await page.goto("/careers/cycles");
  await page.locator('input[name="name"]').fill("E2E 晋升评审");
  await page.locator('input[name="effectiveDate"]').fill("2026-12-01");
  await page.locator('form button[type="submit"].primary').click();
  await expect(page.getByTestId("cycle-status")).toContainText("提名中");

  await page.locator('[data-testid="quota-form"] select[name="unitId"]').selectOption({ label: "— — — 金融客户室" });
  await page.locator('[data-testid="quota-form"] input[name="posts"]').fill("1");
  await page.locator('[data-testid="quota-form"] button').click();
  await expect(page.getByTestId("quotas")).toContainText("金融客户室");

  const row = page.getByTestId("candidate-E000004");
  await expect(row).toContainText("S4 → S5");
  await row.locator('textarea[name="justification"]').fill("年度重点客户续约，带教两名新人");
  await row.getByRole("button", { name: "提名" }).click();
  await expect(page.getByTestId("nomination-E000004")).toContainText("待评审");

  await page.getByRole("button", { name: "结束提名，开始评审" }).click();
  await expect(page.getByTestId("cycle-status")).toContainText("评审中");
  const nomination = page.getByTestId("nomination-E000004");
  await nomination.locator('textarea[name="comment"]').fill("重点客户贡献突出，破格通过");
  await nomination.getByRole("button", { name: "保存决定" }).click();
  await expect(page.getByTestId("nomination-E000004")).toContainText("已通过");

  await page.getByRole("button", { name: "完成评审并生效" }).click();
  await expect(page.getByTestId("cycle-status")).toContainText("已完成");
  await signOut(page);

  await signIn(page, DEMO.employee);
  await page.goto("/me/career");
  await expect(page.getByTestId("current-level")).toHaveText("S5");
  await expect(page.getByTestId("level-history")).toContainText("2026-12-01");
  await expect(page.getByTestId("level-history")).toContainText("晋升");
});
