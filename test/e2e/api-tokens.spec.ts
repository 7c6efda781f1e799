import { expect, test } from "@playwright/test";
import { DEMO, signIn } from "./fixtures";

test("HR creates an API token, sees it once, uses it, and revokes it", async ({ page, request }) => {
  await signIn(page, DEMO.hr);
  await page.getByRole("navigation", { name: "主导航" }).locator('a[href="/admin/api-tokens"]').click();
  await expect(page.getByRole("heading", { name: "接口令牌" })).toBeVisible();

  // Without a scope the form says what is missing and keeps the name.
  await page.getByLabel("用途名称").fill("HR 系统每日同步");
  await page.getByRole("button", { name: "创建" }).click();
  await expect(page.getByText("至少选择一个权限范围")).toBeVisible();
  await expect(page.getByLabel("用途名称")).toHaveValue("HR 系统每日同步");

  await page.getByLabel(/读取组织与员工/).check();
  await page.getByRole("button", { name: "创建" }).click();
  const shown = page.getByTestId("new-token");
  await expect(shown).toContainText("离开本页后将无法再次查看");
  const token = (await shown.locator("code").textContent())!.trim();
  expect(token).toMatch(/^ge_[a-z2-7]{24}\.[a-z2-7]{32}$/);

  const api = await request.get("/api/v1/units?pageSize=5", { headers: { Authorization: `Bearer ${token}` } });
  expect(api.status()).toBe(200);
  expect((await api.json()).total).toBeGreaterThan(5);

  // Once the page is left, the token is gone: only its prefix remains.
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(token);
  const row = page.getByRole("row", { name: /HR 系统每日同步/ });
  await expect(row).toContainText(token.slice(0, 11));

  page.once("dialog", (dialog) => void dialog.accept());
  await row.getByRole("button", { name: "吊销" }).click();
  await expect(page.getByRole("row", { name: /HR 系统每日同步/ })).toContainText("已吊销");
  expect((await request.get("/api/v1/units", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
});
