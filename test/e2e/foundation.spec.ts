import { expect, test } from "@playwright/test";
import { DEMO, signIn, signOut } from "./fixtures";

test("each demo role signs in and sees its own navigation", async ({ page }) => {
  const expectations: [string, string[], string[]][] = [
    [DEMO.hr, ["/org/units", "/org/employees"], ["/admin/users"]],
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
  // One item is current, the most specific: results are not also "my surveys".
  await signIn(page, DEMO.head);
  const nav = page.getByRole("navigation", { name: "主导航" });
  for (const [path, current] of [
    ["/surveys/results", "/surveys/results"],
    ["/training/needs", "/training/needs"],
    ["/training/reports", "/training/reports"],
    ["/surveys", "/surveys"],
  ]) {
    await page.goto(path);
    await expect(nav.locator('a[aria-current="page"]')).toHaveCount(1);
    await expect(nav.locator('a[aria-current="page"]')).toHaveAttribute("href", current);
  }
  await signOut(page);
});

test("a role change takes two people: HR asks on the employee's page, the sysadmin approves on his user page", async ({ page }) => {
  page.on("dialog", (d) => void d.accept());
  await signIn(page, DEMO.hr);
  await page.goto("/org/employees?q=E000005");
  await page.locator("table.data-table").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/org\/employees\/[^/?]+$/);
  await page.locator('select[name="role"]').selectOption("dept_head");
  await page.getByRole("button", { name: "申请变更角色" }).click();
  // Refused with a clear message, and what was typed is kept.
  await expect(page.getByRole("alert").filter({ hasText: "管辖单元" })).toBeVisible();
  await expect(page.locator('select[name="role"]')).toHaveValue("dept_head");
  await page.locator('select[name="role"]').selectOption("hr_admin");
  await page.getByRole("button", { name: "申请变更角色" }).click();
  await expect(page.getByTestId("pending-requests")).toContainText("角色变更为 人力资源");
  // She cannot approve her own request.
  await expect(page.getByTestId("pending-requests").getByRole("button", { name: "批准" })).toHaveCount(0);
  await signOut(page);

  await signIn(page, DEMO.sysadmin);
  await page.goto("/admin/users");
  await page.getByTestId("pending-requests").getByRole("link").first().click();
  await expect(page).toHaveURL(/\/admin\/users\/[^/]+$/);
  await page.getByTestId("pending-requests").getByRole("button", { name: "批准" }).click();
  await expect(page.getByTestId("account-panel")).toContainText("人力资源");
  // His own account: nothing to change.
  await page.goto("/admin/users?q=e000006");
  await page.locator("table.data-table").getByRole("link").first().click();
  await expect(page.getByTestId("account-panel")).toContainText("这是您自己的账户");
  await expect(page.getByRole("button", { name: "申请变更角色" })).toHaveCount(0);
  await signOut(page);

  // The owner is told on his home page.
  await signIn(page, DEMO.solution);
  await expect(page.getByTestId("account-changed")).toBeVisible();
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
  // Following up an anonymous suggestion needs no account: the sign-in page leads there.
  await page.getByRole("link", { name: "凭跟进码查看匿名建议" }).click();
  await expect(page).toHaveURL(/\/suggestions\/follow-up$/);
});
