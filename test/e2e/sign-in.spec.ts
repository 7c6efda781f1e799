import { expect, test } from "@playwright/test";
import { OIDC_CLIENT, startOidcProvider } from "../oidc-provider";
import { DEMO, signIn, signOut } from "./fixtures";

test("the sysadmin sets up the group's identity provider, and an employee signs in through it", async ({ page, baseURL }) => {
  const idp = await startOidcProvider({ redirectUris: [`${baseURL}/auth/oidc/callback`] });
  try {
    await signIn(page, DEMO.sysadmin);
    await page.goto("/admin/sign-in");
    const panel = page.locator("#oidc");
    await expect(panel.getByText(`${baseURL}/auth/oidc/callback`)).toBeVisible();
    // A bad issuer is refused and what was typed stays.
    await panel.getByLabel("签发者（Issuer）地址").fill("not a url");
    await panel.getByLabel("客户端 ID").fill(OIDC_CLIENT.clientId);
    await panel.getByRole("button", { name: "保存" }).click();
    await expect(panel.getByLabel("客户端 ID")).toHaveValue(OIDC_CLIENT.clientId);
    await expect(panel.getByLabel("签发者（Issuer）地址")).toHaveValue("not a url");

    await panel.getByLabel("签发者（Issuer）地址").fill(idp.issuer);
    await panel.getByLabel("客户端密钥").fill(OIDC_CLIENT.clientSecret);
    await panel.getByLabel("启用", { exact: true }).check();
    await panel.getByRole("button", { name: "保存" }).click();
    await expect(page.getByText("设置已保存")).toBeVisible();
    // The secret is never shown again.
    await expect(panel.getByText("已设置密钥")).toBeVisible();
    await expect(panel.getByLabel("客户端密钥")).toHaveValue("");
    await panel.getByRole("button", { name: "测试连接" }).click();
    await expect(panel.getByRole("status")).toHaveText("连接成功");
    await signOut(page);

    await page.goto("/login?redirectTo=%2Faccount");
    await page.getByRole("link", { name: "使用集团统一身份登录" }).click();
    await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/`));
    await page.locator('input[name="login"]').fill(DEMO.employee);
    await page.locator('input[name="password"]').fill("anything");
    await page.getByRole("button", { name: "Sign-in" }).click();
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page).toHaveURL(`${baseURL}/account`);
    await expect(page.getByText(DEMO.employee)).toBeVisible();
  } finally {
    await idp.close();
  }
});

test("forgot password answers alike for every address, in both languages", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "忘记密码？" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  // Typed after the page is interactive, so the form's validation sees it.
  await page.waitForLoadState("networkidle");
  await page.locator('input[name="email"]').fill("nobody@ge.example.com");
  await page.getByRole("button", { name: "发送重置链接" }).click();
  await expect(page.getByRole("status")).toContainText("如果该邮箱对应一个账户");
  await page.goto("/forgot-password?lng=en");
  await expect(page.getByRole("heading", { name: "Reset your password" })).toBeVisible();
});
