import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";

test("each demo role signs in and sees its own navigation", async ({ page }) => {
  const expectations: [string, string[], string[]][] = [
    [DEMO.hr, ["/org/units", "/org/employees", "/admin/users"], []],
    [DEMO.head, ["/org/units", "/org/employees"], ["/admin/users"]],
    [DEMO.employee, [], ["/org/units", "/admin/users"]],
    [DEMO.sysadmin, ["/admin/users"], []],
  ];
  for (const [email, visible, hidden] of expectations) {
    await signIn(page, email);
    const nav = page.getByRole("navigation", { name: "主导航" });
    for (const href of visible) await expect(nav.locator(`a[href="${href}"]`)).toBeVisible();
    for (const href of hidden) await expect(nav.locator(`a[href="${href}"]`)).toHaveCount(0);
    await signOut(page);
  }
});

test("language switches to English and back, and is remembered", async ({ page }) => {
  await signIn(page, DEMO.employee);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("link", { name: "My account" })).toBeVisible();
  await page.goto("/account");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await page.getByTestId("lang-switch").click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("an employee is refused another role's page with a 403 page", async ({ page }) => {
  await signIn(page, DEMO.employee);
  const response = await page.goto("/org/employees");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "无权访问" })).toBeVisible();
});

test("a wrong password gets a clear answer and keeps the e-mail", async ({ page }) => {
  await page.goto("/login");
  await page.locator('input[name="email"]').fill(DEMO.employee);
  await page.locator('input[name="password"]').fill("not the password");
  await page.locator('form button[type="submit"]').click();
  await expect(page.getByRole("alert")).toContainText("邮箱或密码不正确");
  await expect(page.locator('input[name="email"]')).toHaveValue(DEMO.employee);
});
